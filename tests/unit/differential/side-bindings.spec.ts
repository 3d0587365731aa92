import { expect, test } from '@playwright/test';
import type { PlanStep } from '../../../src/differential/plan';
import { resolveStep, SideBindings } from '../../../src/differential/side-bindings';

test.describe('id binding', () => {
  const sideA = (): SideBindings => {
    const side = new SideBindings('ldct-run1-a');
    side.bind('$t1', 'aaaaaaaaaaaaaaaaaaaaaaaa');
    return side;
  };
  const cases: { given: PlanStep; want: ReturnType<typeof resolveStep> }[] = [
    { given: { step: 1, operationId: 'getToken', id: '$t1', shape: 's' }, want: { id: 'aaaaaaaaaaaaaaaaaaaaaaaa' } },
    { given: { step: 1, operationId: 'getToken', id: '$t9', shape: 's' }, want: { id: 't9-not-created' } },
    { given: { step: 1, operationId: 'getToken', id: 'literal', shape: 's' }, want: { id: 'literal' } },
    {
      given: { step: 1, operationId: 'postToken', body: { name: '$run-d1', inlineRole: [{ resources: ['$run'] }] }, shape: 's' },
      want: { body: { name: 'ldct-run1-a-d1', inlineRole: [{ resources: ['ldct-run1-a'] }] } },
    },
    {
      given: { step: 1, operationId: 'patchToken', id: '$t1', body: [{ op: 'replace', path: '/name', value: '$run-x' }], shape: 's' },
      want: { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', body: [{ op: 'replace', path: '/name', value: 'ldct-run1-a-x' }] },
    },
    { given: { step: 1, operationId: 'getTokens', query: { limit: 5 }, shape: 's' }, want: { query: { limit: 5 } } },
  ];
  for (const { given, want } of cases) test(`${JSON.stringify(given)}`, () => expect(resolveStep(given, sideA())).toEqual(want));

  test('each side sends its own id for the same symbol, and clean-up lists only what is not deleted yet', () => {
    const a = new SideBindings('p-a');
    const b = new SideBindings('p-b');
    a.bind('$t1', 'id-on-a');
    b.bind('$t1', 'id-on-b');
    a.bind('$t2', 'second-on-a');
    const step: PlanStep = { step: 2, operationId: 'getToken', id: '$t1', shape: 's' };
    expect([resolveStep(step, a).id, resolveStep(step, b).id]).toEqual(['id-on-a', 'id-on-b']);
    a.markDeleted('id-on-a');
    expect(a.undeleted()).toEqual(['second-on-a']);
    expect(a.symbolOf('second-on-a')).toBe('$t2');
  });
});
