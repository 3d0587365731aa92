import { expect, test } from '../fixtures';
import { checkExchange, validateComponent } from '../../src/contract';
import { describeResult, expectStatus, expectUnchanged, readToken } from '../support/assertions';
import { expectHonoured } from '../support/honoured';
import { smoke, writes } from '../support/rules';
import { expectNoTokenMarked } from '../support/nothing-created';
import { asToken } from '../../src/session/token-types';

/**
 * Protocol rules: A7 bad input never breaks the server (a documented 4xx, never a 5xx, never a hang — the
 * client's request timeout turns a hang into a failure), A3 JSON everywhere (checked by the contract checks on
 * every response), A8 method override (the spec says the API supports it: a target that ignores it fails),
 * A10 a Date header on every 2xx/4xx (RFC 9110 §6.6.1), A12 rate-limit headers where they appear.
 */

/** The spec's "Rate limiting" headers (lower case, as the client records response headers). */
const RATE_LIMIT_HEADER_NAMES = ['x-ratelimit-reset', 'x-ratelimit-global-remaining', 'x-ratelimit-route-remaining', 'retry-after'];

/** Over the 1 MiB a JSON API may reasonably cap a body at. */
const HUGE_LENGTH = 2 * 1024 * 1024;

function expectClientError(result: { status: number } & Parameters<typeof describeResult>[0], what: string): void {
  // Which 4xx is the contract checks' business (documented statuses only); this asserts "a 4xx, not a 5xx".
  expect(result.status >= 400 && result.status < 500, `${what}: expected a 4xx; got ${describeResult(result)}`).toBe(true);
}

test.describe('protocol', () => {
  test('postToken 400 for a malformed JSON body', writes('A7', 'A3', 'C5'), async ({ api, tokens }) => {
    const result = await api.send('postToken', { rawBody: `{"name": "${tokens.newName('malformed')}", "role": ` });
    expectStatus(result, 400, 'postToken with a truncated JSON body', 'A7');
  });

  test('patchToken 400 for a malformed JSON body leaves the token unchanged', writes('A7', 'A3', 'E3', 'E5'), async ({ api, tokens }) => {
    const created = await tokens.create();
    const before = await readToken(api, created.id);
    const result = await api.send('patchToken', { id: created.id, rawBody: '[{"op": "replace", "path": "/description", "value": ' });
    expectStatus(result, 400, 'patchToken with a truncated JSON body', 'A7');
    await expectUnchanged(api, created.id, before, 'a malformed patchToken');
  });

  for (const row of [
    { given: 'Content-Type text/plain', contentType: 'text/plain' },
    { given: 'no Content-Type', contentType: null },
  ]) {
    test(`postToken 4xx for a JSON body sent with ${row.given}, creating nothing`, writes('A7', 'A3'), async ({ api, tokens }) => {
      const body = tokens.withDefaults({ name: tokens.newName('content-type') });
      const result = await api.send('postToken', { rawBody: JSON.stringify(body), contentType: row.contentType });
      expectClientError(result, `postToken with ${row.given}`);
      await expectNoTokenMarked(api, body.name ?? '', `postToken with ${row.given}`);
    });
  }

  test('postToken 4xx for a 2 MiB name, never 5xx', writes('A7'), async ({ api, tokens }) => {
    const name = `${tokens.newName('huge')}-${'x'.repeat(HUGE_LENGTH)}`;
    const result = await api.send('postToken', { body: { name, role: 'reader' } });
    expectClientError(result, 'postToken with a 2 MiB name');
  });

  test('patchToken 4xx for a 2 MiB description leaves the token unchanged', writes('A7', 'E5'), async ({ api, tokens }) => {
    const created = await tokens.create();
    const before = await readToken(api, created.id);
    const result = await api.send('patchToken', {
      id: created.id,
      body: [{ op: 'replace', path: '/description', value: 'x'.repeat(HUGE_LENGTH) }],
    });
    expectClientError(result, 'patchToken with a 2 MiB description');
    await expectUnchanged(api, created.id, before, 'a huge patchToken');
  });

  test('getTokens answers nonsense limit and offset values with 200 or 400, never 5xx', smoke('A7', 'A2', 'A4'), async ({ api }) => {
    const nonsense: Record<string, string | number>[] = [
      { limit: -1 },
      { limit: 'abc' },
      { offset: -5 },
      { offset: 'x', limit: 0 },
      { limit: 1e12 },
    ];
    for (const query of nonsense) {
      await test.step(`getTokens?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`, async () => {
        const result = await api.sendUnjudged('getTokens', { query });
        // getTokens documents no 400, but the spec's API-wide error table (info.description, "Errors")
        // gives 400 "Invalid request — the request cannot be understood" to every operation. So a target
        // may either read these values leniently (200, judged against getTokens' contract) or reject them
        // with a 400 whose body is the API-wide error shape. Anything else — 5xx above all — fails.
        if (result.status === 400) {
          const violations = validateComponent('InvalidRequestErrorRep', result.json());
          expect
            .soft(
              violations,
              `getTokens with ${JSON.stringify(query)} → 400: the body must be an InvalidRequestErrorRep; ${describeResult(result)}`,
            )
            .toEqual([]);
          expect
            .soft(result.headers['content-type'] ?? '', `getTokens with ${JSON.stringify(query)} → 400: Content-Type`)
            .toMatch(/^application\/json\b/);
          // Judged in full (status, body, Content-Type): an accepted alternative, not a give-up (docs/leniency.md).
          test.info().annotations.push({
            type: 'accepted-alternative',
            description: `A2: getTokens?${JSON.stringify(query)} was rejected with 400 (API-wide status)`,
          });
          return;
        }
        api.judge(result);
        expect.soft(result.status < 500, `getTokens with ${JSON.stringify(query)}: ${describeResult(result)}`).toBe(true);
      });
    }
  });

  // A8: the spec's "Method overriding" section — "our API supports the `X-HTTP-Method-Override` header,
  // allowing clients to 'tunnel' DELETE, PATCH, and PUT requests using a POST request". A target that ignores
  // it fails; every answer is judged as the overridden operation's (a 5xx is a failure, never a skip).
  test('patchToken via POST with X-HTTP-Method-Override: PATCH acts as a patch', writes('A8', 'E1'), async ({ api, tokens }) => {
    const created = await tokens.create();
    const name = tokens.newName('override');
    const result = await api.send('patchToken', {
      id: created.id,
      body: [{ op: 'replace', path: '/name', value: name }],
      methodOverride: 'PATCH',
    });
    const after = await readToken(api, created.id);
    expectStatus(result, 200, 'patchToken by POST + X-HTTP-Method-Override: PATCH (rule A8: the API supports method override)', 'A8');
    expectHonoured(asToken(result.json(), 'patchToken via override'), { name }, ['name'], 'patchToken via override 200', created.token);
    expectHonoured(after, { name }, ['name'], 'getToken after the override', created.token);
  });

  test('deleteToken via POST with X-HTTP-Method-Override: DELETE deletes', writes('A8', 'F1'), async ({ api, tokens }) => {
    const created = await tokens.create();
    const result = await api.send('deleteToken', { id: created.id, methodOverride: 'DELETE' });
    const after = await api.send('getToken', { id: created.id });
    expectStatus(result, 204, 'deleteToken by POST + X-HTTP-Method-Override: DELETE (rule A8: the API supports method override)', 'A8');
    expect(result.bodyText, 'deleteToken 204 has no body').toBe('');
    expectStatus(after, 404, 'getToken after a DELETE by override', 'F1');
  });

  test('2xx and 4xx responses carry a Date header (RFC 9110 §6.6.1)', smoke('A10'), async ({ api }) => {
    // RFC 9110 §6.6.1: "An origin server with a clock [...] MUST generate a Date header field in all 2xx
    // (Successful), 3xx and 4xx responses". The suite reads the server's time from it (G3, C3): its absence
    // is a failure of its own, not a reason to drop those checks quietly.
    const answers = [
      await api.send('getTokens', { query: { limit: 1 } }),
      await api.send('getToken', { id: '000000000000000000000000' }),
      await api.withToken(null).send('getTokens', { query: { limit: 1 } }),
    ];
    for (const result of answers) {
      expect
        .soft(
          result.serverDate,
          `${result.operationId} ${result.status}: a Date header in HTTP-date format (got ${JSON.stringify(result.headers['date'] ?? null)})`,
        )
        .not.toBeNull();
    }
  });
  test('rate-limit headers, where a response carries them, say what the spec says (A12)', smoke('A12'), async ({ api }) => {
    // "Routes that are not rate limited may not contain any of the headers": absent headers are fine, and a note
    // says so. Present ones are judged on every response by the contract check rate_limit_header_values (A12);
    // this test names the rule and asserts that check's verdict on a 200 and a 404 of its own.
    const answers = [await api.send('getTokens', { query: { limit: 1 } }), await api.send('getToken', { id: '000000000000000000000000' })];
    for (const result of answers) {
      const present = RATE_LIMIT_HEADER_NAMES.filter((name) => result.headers[name] !== undefined);
      if (present.length === 0) {
        test.info().annotations.push({
          type: 'note',
          description: `${result.operationId} ${result.status}: no rate-limit headers (A12 allows that)`,
        });
      }
      const failures = checkExchange(result.exchange, { strict: false }).failures.filter((f) => f.check === 'rate_limit_header_values');
      expect
        .soft(failures, `${result.operationId} ${result.status}: A12 problems with ${present.join(', ') || 'no rate-limit headers'}`)
        .toEqual([]);
    }
  });
});
