import { expect, test } from '@playwright/test';
import { MAX_EVIDENCE_BODY_CHARS, truncateBody } from '../../../src/session/exchange-recorder';
import type { HttpExchange } from '../../../src/contract/exchange';
import { maskSecret, registerSecret } from '../../../src/contract/secrets';
import { IssuedTokenNames, quoteForShell, renderCurlCommand } from '../../../src/session/curl-command';
import { findOverlap, ordersDisagree, ownOrder } from '../../support/token-list';
import { ServerClock, serverTimeOf } from '../../../src/session/server-clock';
import { assertRunTokenName, makeTokenName } from '../../../src/session/token-names';

/** The conformance suite's own helpers (tests/support): pure functions, table-driven. */

const ADMIN = 'api-11111111-2222-3333-4444-555555555555';
const CREATED = 'api-99999999-8888-7777-6666-000000000000';

function exchange(authorization: string | undefined, bodyText?: string): HttpExchange {
  return {
    operationId: 'patchToken',
    request: {
      method: 'PATCH',
      url: 'http://127.0.0.1:4010/api/v2/tokens/abc',
      headers: { accept: 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      ...(bodyText === undefined ? {} : { bodyText }),
    },
    response: { status: 422, headers: {}, bodyText: '' },
  };
}

test.describe('renderCurlCommand', () => {
  registerSecret(ADMIN);
  registerSecret(CREATED);
  const rows: { given: string; exchange: HttpExchange; want: RegExp[]; never: string[] }[] = [
    {
      given: 'the configured token (as the client records it: masked)',
      exchange: exchange(maskSecret(ADMIN)),
      want: [/-H "Authorization: \$LD_ACCESS_TOKEN"/],
      never: [ADMIN],
    },
    { given: 'the configured token unmasked', exchange: exchange(ADMIN), want: [/\$LD_ACCESS_TOKEN/], never: [ADMIN] },
    {
      given: 'a token created during the test',
      exchange: exchange(maskSecret(CREATED)),
      want: [
        /-H "Authorization: \$ISSUED_TOKEN_1"/,
        /^# ISSUED_TOKEN_1: a token this run issued for the request; the run has deleted it\./m,
      ],
      never: [CREATED],
    },
    {
      given: 'no Authorization header',
      exchange: exchange(undefined),
      want: [/^# The original request carried no Authorization header/m],
      never: ['Authorization:'],
    },
    {
      given: 'a body holding a whole secret',
      exchange: exchange(maskSecret(ADMIN), `{"token":"${CREATED}"}`),
      want: [/--data-raw '/],
      never: [CREATED],
    },
    {
      given: 'a body with a single quote',
      exchange: exchange(maskSecret(ADMIN), `[{"value":"it's"}]`),
      want: [/--data-raw '\[\{"value":"it'\\''s"\}\]'/],
      never: [],
    },
  ];
  for (const row of rows) {
    test(`with ${row.given}`, () => {
      const command = renderCurlCommand(row.exchange, ADMIN);
      for (const pattern of row.want) expect(command).toMatch(pattern);
      for (const text of row.never) expect(command.includes(text), `must not contain ${text.slice(0, 8)}…`).toBe(false);
      expect(command).toContain("-X PATCH 'http://127.0.0.1:4010/api/v2/tokens/abc'");
    });
  }

  test('one naming across a test: the same issued token keeps its name, another gets the next', () => {
    const OTHER = 'api-77777777-8888-7777-6666-0000000abcde';
    registerSecret(OTHER);
    const issued = new IssuedTokenNames();
    const names = [CREATED, OTHER, CREATED, ADMIN].map(
      (token) => renderCurlCommand(exchange(maskSecret(token)), ADMIN, issued).match(/Authorization: \$(\w+)/)?.[1],
    );
    expect(names).toEqual(['ISSUED_TOKEN_1', 'ISSUED_TOKEN_2', 'ISSUED_TOKEN_1', 'LD_ACCESS_TOKEN']);
  });

  test('quoteForShell', () => {
    for (const { given, want } of [
      { given: 'plain', want: `'plain'` },
      { given: `a'b`, want: `'a'\\''b'` },
      { given: '$HOME `x`', want: `'$HOME \`x\`'` },
    ]) {
      expect(quoteForShell(given)).toBe(want);
    }
  });
});

test('findOverlap', () => {
  for (const { given, want } of [
    { given: [['a'], ['b'], ['c']], want: [] },
    {
      given: [
        ['a', 'b'],
        ['b', 'c'],
      ],
      want: ['b'],
    },
    { given: [['a'], ['a'], ['a']], want: ['a'] },
    { given: [['a', 'a'], ['b']], want: [] },
    { given: [], want: [] },
  ]) {
    expect(findOverlap(given), JSON.stringify(given)).toEqual(want);
  }
});

test('ownOrder: the order in which the own ids first appear', () => {
  const items = (ids: string[]): { _id: string }[] => ids.map((_id) => ({ _id }));
  for (const { given, want } of [
    { given: { items: ['x', 'a', 'y', 'b', 'c'], own: ['c', 'b', 'a'] }, want: ['a', 'b', 'c'] },
    { given: { items: ['a', 'b', 'a', 'c'], own: ['a', 'b', 'c'] }, want: ['a', 'b', 'c'] },
    { given: { items: ['x', 'y'], own: ['a'] }, want: [] },
  ]) {
    expect(ownOrder(items(given.items), given.own), JSON.stringify(given)).toEqual(want);
  }
});

test('ordersDisagree: only a different relative order of ids both listings show', () => {
  for (const { given, want } of [
    {
      given: [
        ['a', 'b', 'c'],
        ['a', 'b', 'c'],
      ],
      want: false,
    },
    // Other writers shift our tokens off a page (one missed) or onto two: never a disagreement.
    {
      given: [
        ['a', 'b', 'c'],
        ['a', 'c'],
      ],
      want: false,
    },
    { given: [['b'], ['a', 'b', 'c']], want: false },
    { given: [[], ['a', 'b']], want: false },
    // The server's own order moved.
    {
      given: [
        ['a', 'b', 'c'],
        ['a', 'c', 'b'],
      ],
      want: true,
    },
    {
      given: [
        ['a', 'b', 'c'],
        ['c', 'b'],
      ],
      want: true,
    },
    {
      given: [
        ['b', 'a'],
        ['a', 'x', 'b'],
      ],
      want: true,
    },
  ]) {
    expect(ordersDisagree(given[0] ?? [], given[1] ?? []), JSON.stringify(given)).toBe(want);
  }
});

test('ServerClock keeps the latest server time and refuses to guess', () => {
  const clock = new ServerClock();
  expect(() => clock.now()).toThrow(/no server timestamp observed yet/);
  for (const { given, want } of [
    { given: 1_000, want: 1_000 },
    { given: 500, want: 1_000 },
    { given: Number.NaN, want: 1_000 },
    { given: '2000', want: 1_000 },
    { given: 2_500, want: 2_500 },
  ]) {
    clock.observe(given);
    expect(clock.now(), `after observing ${String(given)}`).toBe(want);
  }
  clock.observeWrittenToken({ creationDate: 100, lastModified: 9_000 });
  expect(clock.now()).toBe(9_000);
});

test('serverTimeOf takes the later of Date header and lastModified', () => {
  for (const { given, want } of [
    { given: { serverDate: 5_000, body: { lastModified: 5_300 } }, want: 5_300 },
    { given: { serverDate: 6_000, body: { lastModified: 5_300 } }, want: 6_000 },
    { given: { serverDate: null, body: { lastModified: 5_300 } }, want: 5_300 },
    { given: { serverDate: 7_000, body: undefined }, want: 7_000 },
    { given: { serverDate: null, body: { lastModified: 'soon' } }, want: null },
  ]) {
    expect(serverTimeOf({ serverDate: given.serverDate, json: () => given.body }), JSON.stringify(given)).toBe(want);
  }
});

test('token names carry the run prefix', () => {
  const name = makeTokenName('ldct-run1', 'reader');
  expect(name).toMatch(/^ldct-run1-[0-9a-f]{8}-reader$/);
  expect(() => assertRunTokenName(name, 'ldct-run1')).not.toThrow();
  expect(() => assertRunTokenName('someone-elses-token', 'ldct-run1')).toThrow(/must start with "ldct-run1-"/);
});

test.describe('truncateBody: evidence bodies are cut after MAX_EVIDENCE_BODY_CHARS, saying how long they were', () => {
  const rows: { given: string; want: string }[] = [
    { given: '', want: '' },
    { given: 'x'.repeat(MAX_EVIDENCE_BODY_CHARS), want: 'x'.repeat(MAX_EVIDENCE_BODY_CHARS) },
    {
      given: 'y'.repeat(MAX_EVIDENCE_BODY_CHARS + 1),
      want: `${'y'.repeat(MAX_EVIDENCE_BODY_CHARS)}… [cut: ${MAX_EVIDENCE_BODY_CHARS + 1} characters in all]`,
    },
  ];
  for (const { given, want } of rows) {
    test(`${given.length} characters`, () => {
      expect(truncateBody(given)).toBe(want);
    });
  }
});
