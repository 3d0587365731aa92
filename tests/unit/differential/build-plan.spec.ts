import { expect, test } from '@playwright/test';
import { buildPlan, EXAMPLE_STEP_COUNT, patchBody } from '../../../src/differential/build-plan';
import { checkPlan, PLAN_FORMAT } from '../../../src/differential/plan';

test.describe('buildPlan', () => {
  const cases: { given: { seed: number; budget: number }; want: { steps: number; generated: number } }[] = [
    { given: { seed: 1, budget: 3 }, want: { steps: 3, generated: 0 } },
    { given: { seed: 1, budget: EXAMPLE_STEP_COUNT }, want: { steps: EXAMPLE_STEP_COUNT, generated: 0 } },
    { given: { seed: 7, budget: EXAMPLE_STEP_COUNT + 10 }, want: { steps: EXAMPLE_STEP_COUNT + 10, generated: 10 } },
  ];
  for (const { given, want } of cases) {
    test(`seed ${given.seed}, budget ${given.budget} → ${want.steps} steps, ${want.generated} generated`, () => {
      const plan = buildPlan(given.seed, given.budget);
      expect(plan.steps).toHaveLength(want.steps);
      expect(plan.steps.filter((s) => s.shape.startsWith('explore:'))).toHaveLength(want.generated);
      expect(plan.steps.map((s) => s.step)).toEqual(plan.steps.map((_, i) => i + 1));
    });
  }

  test('the same seed gives the same plan, another seed another one', () => {
    expect(buildPlan(11, 40)).toEqual(buildPlan(11, 40));
    expect(buildPlan(11, 40)).not.toEqual(buildPlan(12, 40));
  });

  test('a plan is a valid plan file: every symbol is bound before it is used, string names carry $run', () => {
    const plan = buildPlan(3, 50);
    expect(checkPlan(JSON.parse(JSON.stringify(plan)), 'test')).toEqual(plan);
    const created = plan.steps.filter((s) => s.binds !== undefined && typeof s.body === 'object' && s.body !== null && 'name' in s.body);
    const names = created.map((step) => (step.body as { name: unknown }).name).filter((name) => typeof name === 'string');
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect(name).toMatch(/^\$run-/);
  });

  const patches: { given: Parameters<typeof patchBody>[0]; want: unknown }[] = [
    { given: { kind: 'raw', body: { not: 'a patch' } }, want: { not: 'a patch' } },
    {
      given: { kind: 'ops', ops: [{ op: 'move', path: '/inlineRole/#', from: '/customRoleIds/#', pick: 3 }] },
      want: [{ op: 'move', path: '/inlineRole/0', from: '/customRoleIds/0' }],
    },
    {
      given: { kind: 'ops', ops: [{ op: 'test', path: '/name', value: 'x', valueFromModel: true }] },
      want: [{ op: 'test', path: '/name', value: 'x' }],
    },
  ];
  for (const { given, want } of patches) test(`patchBody ${JSON.stringify(given)}`, () => expect(patchBody(given)).toEqual(want));
});

test.describe('checkPlan', () => {
  const bad: { given: unknown; want: RegExp }[] = [
    { given: [], want: /not a plan/ },
    { given: { format: 'other' }, want: /not a plan/ },
    { given: { format: PLAN_FORMAT, seed: 1, budget: 1, steps: {} }, want: /"steps" must be a list/ },
    { given: { format: PLAN_FORMAT, seed: 1, budget: 1, steps: [{ operationId: 'copyToken' }] }, want: /step 1 has no known operationId/ },
    {
      given: { format: PLAN_FORMAT, seed: 1, budget: 1, steps: [{ operationId: 'getToken', id: '$t1' }] },
      want: /uses \$t1 before any step binds it/,
    },
    {
      given: { format: PLAN_FORMAT, seed: 1, budget: 1, steps: [{ operationId: 'postToken', binds: 't1' }] },
      want: /"binds" must be a symbol/,
    },
  ];
  for (const { given, want } of bad)
    test(`refuses ${JSON.stringify(given)}`, () => expect(() => checkPlan(given, 'plan.json')).toThrow(want));
});
