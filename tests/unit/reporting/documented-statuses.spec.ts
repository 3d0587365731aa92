import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { extractStatuses, loadDocumentedStatuses, readStatusesFromSpec } from '../../../src/reporting/documented-statuses';
import { OPERATION_IDS } from '../../../src/spec/operation-ids';

const ROOT = path.resolve(__dirname, '../../..');

test.describe('extractStatuses', () => {
  const rows = [
    { given: { responses: { '200': {}, '404': {}, '401': {} } }, want: [200, 401, 404] },
    { given: { responses: { default: {}, '4XX': {}, '204': {} } }, want: [204] },
    { given: { documentedStatuses: [429, 200, 200] }, want: [200, 429] },
    { given: { statuses: ['201', '400'] }, want: [201, 400] },
    { given: { nothing: true }, want: undefined },
    { given: 'text', want: undefined },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => {
      expect(extractStatuses(given)).toEqual(want);
    });
  }
});

test('the spec documents the statuses the behaviour rules talk about', () => {
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'specs/launchdarkly-openapi.json'), 'utf8')) as unknown;
  const rows = [
    { given: 'getTokens', want: [200, 401, 403, 429] },
    { given: 'postToken', want: [201, 400, 401, 403, 429] },
    { given: 'getToken', want: [200, 401, 403, 404, 429] },
    { given: 'patchToken', want: [200, 400, 401, 403, 404, 409, 422, 429] },
    { given: 'deleteToken', want: [204, 401, 403, 404, 429] },
    { given: 'resetToken', want: [200, 401, 403, 404, 429] },
  ] as const;
  for (const { given, want } of rows) expect(readStatusesFromSpec(spec, given), given).toEqual(want);
});

test('the generated operation files, when present, agree with the spec', () => {
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'specs/launchdarkly-openapi.json'), 'utf8')) as unknown;
  const loaded = loadDocumentedStatuses(ROOT);
  for (const op of OPERATION_IDS) expect(loaded[op], op).toEqual(readStatusesFromSpec(spec, op));
});

test('falls back to the spec when schemas/operations is absent', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docstat-'));
  fs.mkdirSync(path.join(dir, 'specs'));
  fs.copyFileSync(path.join(ROOT, 'specs/launchdarkly-openapi.json'), path.join(dir, 'specs/launchdarkly-openapi.json'));
  expect(loadDocumentedStatuses(dir).patchToken).toEqual([200, 400, 401, 403, 404, 409, 422, 429]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a missing spec is a clear one-line error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docstat-'));
  expect(() => loadDocumentedStatuses(dir)).toThrow(/^cannot read documented statuses from .*launchdarkly-openapi\.json: /);
  fs.rmSync(dir, { recursive: true, force: true });
});
