import { expect, request as playwrightRequest, test, type APIRequestContext, type TestInfo } from '@playwright/test';
import { EnvironmentError } from '../../../src/client/errors';
import { classifyTest, readFailureKinds } from '../../../src/domain/failure-kinds';
import { JudgedSession } from '../../../src/session/judged-session';
import { TokenCleanupError } from '../../../src/session/token-factory';
import { makeConfig, startStubServer, type StubReply } from '../client/stub-server';
import { VALID_TOKEN } from '../contract/exchange-builders';

/**
 * Issue 23, point 5: a test whose only failures are the environment's — its clean-up included — is an
 * environment failure, never a contract one. Driven the way tests/fixtures.ts drives the session: the body
 * creates a token, the clean-up's delete is answered by the stub, the fixture records the clean-up error's kind
 * and throws it as the test's next error; classifyTest then reads what was recorded.
 */

let context: APIRequestContext;
test.beforeAll(async () => {
  context = await playwrightRequest.newContext();
});
test.afterAll(async () => {
  await context.dispose();
});

/** A 201 for the n-th token: its own id, so each is a leftover of its own. */
function created(n: number): StubReply {
  const _id = `${VALID_TOKEN._id.slice(0, -1)}${n}`;
  return { status: 201, body: { ...VALID_TOKEN, _id, name: 'ldct-unit-teardown', token: `api-unit-whole-secret-000${n}` } };
}
const RATE_LIMITED: StubReply = {
  status: 429,
  // A thousand times too long: no wait budget takes it, so the client gives up at once (EnvironmentError). Both headers
  // name the same moment: a Retry-After and a reset that disagree are a contract failure of A12 (issue 25).
  headers: { 'retry-after': '1000', 'x-ratelimit-reset': String(Date.now() + 1_000_000) },
  body: { code: 'rate_limited', message: "You've exceeded the API rate limit." },
};

function fakeTest(): { info: TestInfo; errors: { message: string }[]; annotations: { type: string; description?: string }[] } {
  const errors: { message: string }[] = [];
  const annotations: { type: string; description?: string }[] = [];
  const info = { errors, annotations, attach: () => Promise.resolve(), status: 'passed', expectedStatus: 'passed', titlePath: [] };
  return { info: info as unknown as TestInfo, errors, annotations };
}

/** The fixture's end of a test (tests/fixtures.ts), then the one classification rule over what it recorded. */
async function runTest(deletes: StubReply[], tokens: number): Promise<{ kind: string; cleanupError: Error | undefined }> {
  const stub = await startStubServer((req, index) =>
    req.method === 'POST' ? created(index) : (deletes[index - tokens] ?? { status: 204 }),
  );
  try {
    const { info, errors, annotations } = fakeTest();
    const session = new JudgedSession({
      request: context,
      config: makeConfig(stub.url, { rateLimitBudgetMs: 2_000 }),
      test: { info, step: (_title, body) => body() },
    });
    for (let i = 0; i < tokens; i++) await session.tokens.create();
    const cleanupError = await session.cleanUp();
    // (The fixture reports the pending contract steps here: as soft assertions they would land on THIS unit
    // test, so they are left out; the kinds are recorded from the session's own verdicts either way.)
    session.recordFailureKinds();
    if (cleanupError !== undefined) {
      session.recordTeardownFailure(cleanupError);
      errors.push({ message: `Error: Teardown failure: ${cleanupError.message}` });
    }
    const kind = classifyTest({ status: 'failed', errorCount: errors.length, recorded: readFailureKinds(annotations) });
    return { kind, cleanupError };
  } finally {
    await stub.close();
  }
}

test('a clean-up stopped by a rate limit is an environment failure, not a teardown (contract) one', async () => {
  const { kind, cleanupError } = await runTest([RATE_LIMITED], 1);
  expect(cleanupError).toBeInstanceOf(EnvironmentError);
  expect(kind).toBe('environment');
});

test('two leftovers, both rate limited: the TokenCleanupError is the environment too', async () => {
  const { kind, cleanupError } = await runTest([RATE_LIMITED, RATE_LIMITED], 2);
  expect(cleanupError).toBeInstanceOf(TokenCleanupError);
  expect(kind).toBe('environment');
});

test("a leftover the target refused to delete (403) stays the clean-up's own failure, rate limit or not", async () => {
  const refused: StubReply = { status: 403, body: { code: 'forbidden', message: 'Forbidden.' } };
  expect((await runTest([refused], 1)).kind).toBe('teardown');
  const mixed = await runTest([RATE_LIMITED, refused], 2);
  expect(mixed.cleanupError).toBeInstanceOf(TokenCleanupError);
  expect(mixed.kind).toBe('teardown');
});

test('TokenCleanupError: environment only when every leftover was the environment', () => {
  const env = new EnvironmentError('rate limited');
  expect(new TokenCleanupError('x', [env, env]).failureKind).toBe('environment');
  expect(new TokenCleanupError('x', [env, undefined]).failureKind).toBeUndefined();
  expect(new TokenCleanupError('x', [env, new Error('plain')]).failureKind).toBeUndefined();
  expect(new TokenCleanupError('x', [undefined]).failureKind).toBeUndefined();
});
