import { expect, test } from '@playwright/test';
import type { ApiResult } from '../../../src/client/api-client';
import type { OperationId } from '../../../src/domain/operations';
import { ExploreBudget } from '../../../src/explore/explore-budget';
import type { ExploreModel } from '../../../src/explore/explore-model';
import { ExploreSystem, ExploreViolation, type ExploreSession } from '../../../src/explore/explore-system';
import type { PatchOpInput } from '../../../src/explore/inputs';
import { PatchCommand } from '../../../src/explore/token-commands';
import type { LeniencyObservation } from '../../../src/domain/leniencies';

/**
 * Explore's patch command against a scripted server: it judges what the rules decide and accepts, and records,
 * what they leave open. The first row is the false alarm of issue 23: a correct independent server refused
 * `[{"op":"test","path":"/_id","value":<its own id>}]` with 422 and explore reported an E2 breach, though E4 lets a
 * server refuse an operation on a read-only path and no rule obliges it to run `test` there.
 */

const ID = '6b0d82d456fe831b0bbf1f75';
const DOC = {
  _id: ID,
  name: 'ldct-unit-x-token',
  description: 'old',
  role: 'reader',
  customRoleIds: [],
  inlineRole: [],
  serviceToken: false,
  creationDate: 1,
  lastModified: 1,
  token: 'abcd',
};

function fakeResult(op: OperationId, status: number, body: unknown, sent: unknown): ApiResult {
  const bodyText = body === undefined ? '' : JSON.stringify(body);
  return {
    operationId: op,
    status,
    headers: { 'content-type': 'application/json' },
    bodyText,
    json: () => body,
    exchange: {
      operationId: op,
      request: { method: 'PATCH', url: `http://127.0.0.1:1/api/v2/tokens/${ID}`, headers: {}, bodyText: JSON.stringify(sent) },
      response: { status, headers: { 'content-type': 'application/json' }, bodyText },
    },
    waits: [],
    serverDate: null,
    durationMs: 1,
  };
}

/** A system whose server answers every request with `status` and `body`; the model holds one token (DOC). */
function scripted(status: number, body: unknown): { model: ExploreModel; system: ExploreSystem; leniencies: LeniencyObservation[] } {
  const session = {
    api: {
      sendSelfJudged: (op: OperationId, opts: { body?: unknown }) =>
        Promise.resolve({ result: fakeResult(op, status, body, opts.body), verdict: null }),
    },
    serverNow: () => 0,
  } as unknown as ExploreSession;
  const budget = new ExploreBudget(100, 100);
  const leniencies: LeniencyObservation[] = [];
  const system = new ExploreSystem(session, budget, leniencies);
  system.ids.push(ID);
  system.secrets.push(['api-secret-abcd']);
  const model: ExploreModel = {
    tokens: [
      { label: 1, doc: structuredClone(DOC), deleted: false, secrets: [{ state: 'live', row: 'secret-authenticates', why: 'issued' }] },
    ],
    budget,
    prefix: 'ldct-unit',
  };
  return { model, system, leniencies };
}

async function patch(ops: PatchOpInput[], status: number, body: unknown): Promise<{ error: unknown; leniencies: LeniencyObservation[] }> {
  const { model, system, leniencies } = scripted(status, body);
  const command = new PatchCommand(0, { kind: 'ops', ops });
  expect(command.check(model), 'the command runs').toBe(true);
  const error = await command.run(model, system).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, leniencies };
}

const REFUSED = { code: 'patch_failed', message: 'read-only' };
const TEST_OWN_ID: PatchOpInput = { op: 'test', path: '/_id', value: null, valueFromModel: true };

test("issue 23: a test on /_id with the token's own id answered 422 is accepted and recorded, not an E2 breach", async () => {
  const { error, leniencies } = await patch([TEST_OWN_ID], 422, REFUSED);
  expect(error).toBeNull();
  const row = leniencies.find((l) => l.row === 'patch-test-outside-e2');
  expect(row, JSON.stringify(leniencies)).toMatchObject({ rule: 'E2', accepted: '422', count: 1 });
  expect(row?.example.sent).toContain(`"path":"/_id","value":"${ID}"`);
  expect(row?.example.answered).toContain('422');
  // Which of the two documented refusals the target chose is recorded too.
  expect(leniencies.find((l) => l.row === 'patch-status-400-or-422')).toMatchObject({ rule: 'E4', accepted: '422' });
});

test("a test on /_id with the token's own id answered 200 (unchanged) is accepted as well, and recorded", async () => {
  const { error, leniencies } = await patch([TEST_OWN_ID], 200, DOC);
  expect(error).toBeNull();
  expect(leniencies.map((l) => [l.row, l.accepted])).toEqual([['patch-test-outside-e2', '200']]);
});

test('still judged: a failing test on /_id answered 200 breaks E4', async () => {
  const { error } = await patch([{ op: 'test', path: '/_id', value: 'another-id' }], 200, DOC);
  expect(error).toBeInstanceOf(ExploreViolation);
  expect((error as ExploreViolation).rule).toBe('E4');
});

test('still judged: a failing test on an E2 field answered 200 breaks E4', async () => {
  const { error } = await patch([{ op: 'test', path: '/description', value: 'not old' }], 200, DOC);
  expect((error as ExploreViolation).rule).toBe('E4');
});

test('still judged: a replace of /_id answered 200 breaks E4', async () => {
  const { error } = await patch([{ op: 'replace', path: '/_id', value: 'x' }], 200, DOC);
  expect((error as ExploreViolation).rule).toBe('E4');
});

test('still judged: a passing test on an E2 field refused with 422 breaks E2', async () => {
  const { error } = await patch([{ op: 'test', path: '/description', value: null, valueFromModel: true }], 422, REFUSED);
  expect((error as ExploreViolation).rule).toBe('E2');
});

test('still judged: a 200 that shows a whole secret breaks D1', async () => {
  const { error } = await patch([TEST_OWN_ID], 200, { ...DOC, token: 'api-secret-abcd' });
  expect((error as ExploreViolation).rule).toBe('D1');
});

test('a remove of a description the token shows none of: refused or applied as if it were "" (E6), both recorded', async () => {
  const { description: _d, ...noDescription } = DOC;
  for (const [status, body] of [
    [422, REFUSED],
    [200, { ...noDescription, description: '', lastModified: 2 }],
    [200, { ...noDescription, lastModified: 2 }],
  ] as const) {
    const { model, system, leniencies } = scripted(status, body);
    const token = model.tokens[0];
    if (token) token.doc = structuredClone(noDescription);
    const error = await new PatchCommand(0, { kind: 'ops', ops: [{ op: 'remove', path: '/description' }] }).run(model, system).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `${status} ${JSON.stringify(body)}`).toBeNull();
    if (status === 200) expect(leniencies.map((l) => l.row)).toEqual(['patch-unset-field-as-empty']);
  }
});

test('a malformed patch answered 400 is judged by E3 and records no 400-or-422 choice', async () => {
  const { model, system, leniencies } = scripted(400, { code: 'invalid_request', message: 'unknown op' });
  const error = await new PatchCommand(0, { kind: 'raw', body: [{ op: 'frobnicate', path: '/name' }] }).run(model, system).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeNull();
  expect(leniencies).toEqual([]);
  const refused = scripted(422, REFUSED);
  const wrong = await new PatchCommand(0, { kind: 'raw', body: [{ op: 'frobnicate', path: '/name' }] })
    .run(refused.model, refused.system)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect((wrong as ExploreViolation).rule).toBe('E3');
});
