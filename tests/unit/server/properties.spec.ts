import fc from 'fast-check';
import { asToken, asTokens } from './support/ref-api';
import { expect, rules, test } from './support/ref-test';

/**
 * Property tests: whatever a client sends, the server answers a documented status (the
 * RefApi checks every response against the contract, so an undocumented status or a body off
 * its schema fails the run), never a 5xx, and a failed write changes nothing.
 */

const PATHS = [
  '/name',
  '/description',
  '/role',
  '/customRoleIds',
  '/customRoleIds/0',
  '/customRoleIds/-',
  '/inlineRole',
  '/inlineRole/0',
  '/inlineRole/0/effect',
  '/inlineRole/-',
  '/defaultApiVersion',
  '/_id',
  '/token',
  '/ownerId',
  '/creationDate',
  '/_links/self',
  '/_member/email',
  '',
  '/',
  '/__proto__',
  '/__proto__/x',
  '/constructor/prototype',
  '/name/0',
  '/~1',
  '/~2',
];
const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

const valueArb = fc.oneof(
  fc.constantFrom('reader', 'writer', 'admin', 'owner', 20240415),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(
    fc.record(
      { effect: fc.constantFrom('allow', 'deny', 'maybe'), actions: fc.array(fc.string(), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
    { maxLength: 2 },
  ),
);
const pointerArb = fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 12 }));
const opArb = fc.record(
  { op: fc.oneof(fc.constantFrom(...OPS), fc.string({ maxLength: 8 }), fc.integer()), path: pointerArb, from: pointerArb, value: valueArb },
  { requiredKeys: [] },
);
const patchDocArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(opArb, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/**
 * A fixed seed keeps CI reproducible (the non-vacuity checks below need every outcome to be reached, which
 * an unlucky random draw of 200 cases once missed); FC_SEED=<n> explores other draws locally.
 */
const FC_OPTIONS = { seed: Number(process.env.FC_SEED ?? '20261128') };

const postBodyArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        name: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        description: fc.oneof(fc.string(), fc.integer()),
        role: fc.oneof(fc.constantFrom('reader', 'writer', 'admin'), fc.string({ maxLength: 6 })),
        customRoleIds: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
        inlineRole: fc.oneof(
          fc.array(
            fc.record(
              { effect: fc.constantFrom('allow', 'deny', 'nope'), resources: fc.array(fc.string(), { maxLength: 2 }) },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        serviceToken: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
        defaultApiVersion: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 8 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

test('random JSON Patch documents: 200, 400 or 422, and a failed patch changes nothing', rules('A7', 'E3', 'E4', 'E5'), async ({ api }) => {
  const t = await api.createToken({
    name: 'target',
    description: 'd',
    customRoleIds: ['c'],
    inlineRole: [{ effect: 'allow', actions: ['*'] }],
  });
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(patchDocArb, async (doc) => {
      const before = asToken(await api.getToken(t._id));
      const r = await api.patchToken(t._id, doc);
      seen.add(r.status);
      expect([200, 400, 422]).toContain(r.status);
      if (r.status !== 200) expect(asToken(await api.getToken(t._id))).toEqual(before);
      // Nothing leaks into Object.prototype through a crafted pointer.
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    }),
    { ...FC_OPTIONS, numRuns: 200 },
  );
  // The generators reach every outcome: the property is not vacuous.
  expect([...seen].sort()).toEqual([200, 400, 422]);
});

test('random postToken bodies: 201 or 400, and a 400 creates nothing', rules('A7', 'C5'), async ({ api }) => {
  const seen = new Set<number>();
  await fc.assert(
    fc.asyncProperty(postBodyArb, async (body) => {
      const before = asTokens(await api.getTokens()).totalCount;
      const r = await api.postToken(body);
      seen.add(r.status);
      expect([201, 400]).toContain(r.status);
      expect(asTokens(await api.getTokens()).totalCount).toBe(before + (r.status === 201 ? 1 : 0));
    }),
    { ...FC_OPTIONS, numRuns: 200 },
  );
  expect([...seen].sort()).toEqual([201, 400]);
});

test('random raw request bodies on the write operations never give a 5xx', rules('A7'), async ({ api }) => {
  const t = await api.createToken();
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 64 }),
      fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'),
      async (raw, contentType) => {
        expect([201, 400]).toContain((await api.postToken(undefined, { rawBody: raw, contentType })).status);
        expect([200, 400, 422]).toContain((await api.patchToken(t._id, undefined, { rawBody: raw, contentType })).status);
      },
    ),
    { ...FC_OPTIONS, numRuns: 100 },
  );
});
