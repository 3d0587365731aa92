import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { validateComponent } from '../../../src/contract';
import { E2_FIELDS, patchArbitrary, postBodyArbitrary } from '../../../src/explore/inputs';
import { predictPatch, resolvePatchBody } from '../../../src/explore/patch-prediction';

/** Explore's generators keep their promises: valid bodies are valid, invalid ones are not, names keep the prefix. */

const PREFIX = 'ldct-unit';
const SEED = Number(process.env.FC_SEED ?? 1130);

test('postToken bodies marked valid match AccessTokenPost; those marked invalid do not', () => {
  const samples = fc.sample(postBodyArbitrary(PREFIX), { seed: SEED, numRuns: 300 });
  for (const { body, valid } of samples) {
    expect(
      validateComponent('AccessTokenPost', body).length === 0,
      `${valid ? 'valid' : 'invalid'}: ${JSON.stringify(body).slice(0, 200)}`,
    ).toBe(valid);
  }
  // Non-vacuous: both kinds are drawn.
  expect(samples.some((s) => s.valid)).toBe(true);
  expect(samples.some((s) => !s.valid)).toBe(true);
});

test('every object body carries a name with the run prefix (H1)', () => {
  for (const { body } of fc.sample(postBodyArbitrary(PREFIX), { seed: SEED, numRuns: 300 })) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) continue;
    const name = (body as { name?: unknown }).name;
    if (typeof name === 'string') expect(name.startsWith(`${PREFIX}-`), name).toBe(true);
  }
});

test('patches use every RFC 6902 op and every E2 field, several operations at once', () => {
  const ops = new Set<string>();
  const fields = new Set<string>();
  let multi = 0;
  for (const patch of fc.sample(patchArbitrary(PREFIX), { seed: SEED, numRuns: 500 })) {
    if (patch.kind !== 'ops') continue;
    if (patch.ops.length > 1) multi++;
    for (const op of patch.ops) {
      ops.add(op.op);
      fields.add(op.path.split('/')[1] ?? '');
    }
  }
  expect([...ops].sort()).toEqual(['add', 'copy', 'move', 'remove', 'replace', 'test']);
  for (const field of E2_FIELDS) expect(fields.has(field), field).toBe(true);
  expect(multi).toBeGreaterThan(50);
});

test('a good share of patches apply to a token (sequence bugs only show after patches that went through)', () => {
  const doc = {
    _id: 'a1',
    name: `${PREFIX}-x-t`,
    description: 'd',
    role: 'writer',
    customRoleIds: ['r1', 'r2'],
    inlineRole: [{ effect: 'allow', actions: ['*'] }],
    token: 'abcd',
  };
  const patches = fc.sample(patchArbitrary(PREFIX), { seed: SEED, numRuns: 400 });
  const kinds = patches.map((patch) => predictPatch(resolvePatchBody(patch, doc), doc).kind);
  const applied = kinds.filter((kind) => kind === 'apply').length;
  const multiApplied = patches.filter((patch, i) => kinds[i] === 'apply' && patch.kind === 'ops' && patch.ops.length >= 3).length;
  expect(applied, `${applied} of 400 patches apply`).toBeGreaterThan(160);
  expect(multiApplied, `${multiApplied} of 400 patches of 3+ operations apply`).toBeGreaterThan(30);
  // Refusals stay frequent too: E4/E5 are promises as well.
  expect(kinds.filter((kind) => kind === 'reject').length).toBeGreaterThan(80);
});
