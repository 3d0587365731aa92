import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startReferenceServer } from '../../../src/server';
import { startAltServer } from '../../../src/alt-server';
import {
  assertProvingParam,
  assertProvingValue,
  findServerChoice,
  serverChoices,
  UnprovingValueError,
  type HonouredField,
} from '../../support/field-defaults';

/**
 * "Values that prove something": an echo check must send a value no server picks by itself. Three checks:
 * the table of such values is derived from the schemas (and knows both servers' real fill-ins), the guard
 * every echo check goes through refuses them, and no conformance spec compares a token field by hand
 * (bypassing the guard) except where the comparison is not an echo check.
 */

const SPECS_DIR = path.resolve(__dirname, '../../access-tokens');
const FIELDS: HonouredField[] = ['name', 'description', 'role', 'customRoleIds', 'inlineRole', 'serviceToken', 'defaultApiVersion'];

test('the table is derived from the schemas: first enum member, "Defaults to N", zero values', () => {
  const rows: { given: string; kind: 'fields' | 'params'; name: string; value: unknown }[] = [
    { given: 'role: first enum member of AccessTokenPost.role', kind: 'fields', name: 'role', value: 'reader' },
    { given: 'serviceToken: zero value of a boolean', kind: 'fields', name: 'serviceToken', value: false },
    { given: 'customRoleIds: empty array', kind: 'fields', name: 'customRoleIds', value: [] },
    { given: 'inlineRole: empty array', kind: 'fields', name: 'inlineRole', value: [] },
    { given: 'name: empty string', kind: 'fields', name: 'name', value: '' },
    { given: 'limit: "Defaults to 25" in getTokens', kind: 'params', name: 'limit', value: 25 },
    { given: 'offset: zero', kind: 'params', name: 'offset', value: 0 },
  ];
  for (const row of rows) expect(findServerChoice(row.kind, row.name, row.value), row.given).toBeDefined();
  expect(Object.keys(serverChoices().fields).sort(), 'every AccessTokenPost property has a row').toEqual([...FIELDS].sort());
});

for (const server of ['reference', 'alt'] as const) {
  test(`the ${server} server's own fill-ins are all in the table`, async () => {
    const running = server === 'reference' ? await startReferenceServer({ log: () => undefined }) : await startAltServer();
    try {
      // A body with nothing but a name: every other field the 201 shows is the server's own choice.
      const res = await fetch(`${running.url}/api/v2/tokens`, {
        method: 'POST',
        headers: { authorization: running.adminToken, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'fill-ins' }),
      });
      expect(res.status).toBe(201);
      const token = (await res.json()) as Record<string, unknown>;
      const filled = FIELDS.filter((f) => f !== 'name' && token[f] !== undefined);
      expect(filled.length, 'the server fills in at least one field').toBeGreaterThan(0);
      for (const field of filled)
        expect(
          findServerChoice('fields', field, token[field]),
          `${server} fills ${field} with ${JSON.stringify(token[field])}`,
        ).toBeDefined();
    } finally {
      await running.close();
    }
  });
}

test('the guard refuses every value in the table, and a value equal to the one before a patch', () => {
  for (const [field, choices] of Object.entries(serverChoices().fields)) {
    for (const choice of choices)
      expect(() => assertProvingValue(field as HonouredField, choice.value, 'unit'), `${field}=${JSON.stringify(choice.value)}`).toThrow(
        UnprovingValueError,
      );
  }
  expect(() => assertProvingValue('role', 'writer', 'unit')).not.toThrow();
  expect(() => assertProvingValue('defaultApiVersion', 20191212, 'unit')).not.toThrow();
  expect(
    () => assertProvingValue('defaultApiVersion', 20240415, 'unit'),
    'the latest version: the value postToken.spec.ts used to send',
  ).toThrow(/latest API version/);
  expect(() => assertProvingValue('name', 'same', 'unit', { value: 'same' })).toThrow(/already had/);
  expect(() => assertProvingParam('limit', 25, 'unit')).toThrow(/Defaults to 25/);
  expect(() => assertProvingParam('limit', 1, 'unit')).not.toThrow();
});

/**
 * Hand-written comparisons of a token field in the conformance specs that are NOT echo checks, each with
 * why. Any other `expect(<token>.<field>)` is an echo check that bypasses expectHonoured: the test fails.
 */
const NOT_ECHO_CHECKS: { file: string; contains: string; why: string }[] = [
  { file: 'getToken.spec.ts', contains: "'name matches the list item'", why: 'compares two reads of one token, not a value sent' },
  { file: 'hygiene.spec.ts', contains: "'name of a created token'", why: 'checks the run prefix (H1), not that a field was honoured' },
  { file: 'clients.spec.ts', contains: 'removed role is no longer shown', why: 'a removal: the value must be gone, not echoed' },
  { file: 'clients.spec.ts', contains: 'removed inline role is gone', why: 'a removal: the value must be gone, not echoed' },
  { file: 'patchToken.spec.ts', contains: 'description is gone', why: 'a removal: the value must be gone, not echoed' },
  {
    file: 'postToken.spec.ts',
    contains: '`postToken 201: defaultApiVersion sent ${given}`',
    why: "a round-trip of each version LaunchDarkly's clients send, the server's own fill-in 20240415 included (expectHonoured refuses it as proving nothing; the round-trip is what Terraform needs)",
  },
  {
    file: 'postToken.spec.ts',
    contains: '`getToken: defaultApiVersion sent ${given}`',
    why: 'the same round-trip, read back with getToken',
  },
];

const HAND_COMPARISON =
  /expect(?:\.soft)?\(\s*[A-Za-z_$][\w$.()' ,-]*?\.(name|description|role|customRoleIds|inlineRole|serviceToken|defaultApiVersion)\b/;

test('no conformance spec checks an echoed field by hand instead of through expectHonoured', () => {
  const offenders: string[] = [];
  for (const file of fs.readdirSync(SPECS_DIR).filter((f) => f.endsWith('.spec.ts'))) {
    const lines = fs.readFileSync(path.join(SPECS_DIR, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!HAND_COMPARISON.test(line)) return;
      if (NOT_ECHO_CHECKS.some((allowed) => allowed.file === file && line.includes(allowed.contains))) return;
      offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(
    offenders,
    'compare sent fields with expectHonoured (tests/support/honoured.ts), which refuses values a server picks by itself',
  ).toEqual([]);
  for (const allowed of NOT_ECHO_CHECKS) {
    const text = fs.readFileSync(path.join(SPECS_DIR, allowed.file), 'utf8');
    expect(text.includes(allowed.contains), `allow-list entry still matches ${allowed.file}: ${allowed.contains}`).toBe(true);
  }
});
