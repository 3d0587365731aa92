import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { renderSpecDriftConsole, renderSpecDriftHtml } from '../../../src/coverage/render-spec-drift';
import { judgeServedSpec, type DocumentResult, type SpecDriftState } from '../../../src/spec/spec-drift';
import { readSpecDrift, removeSpecDrift, writeSpecDrift } from '../../../src/spec/spec-drift-file';
import { asLoaded, copyVendoredSpec, property } from '../../support/spec-mutations';

/** What the drift check makes of each answer a target may give at /api/v2/openapi.json. */

const URL = 'http://target.test/api/v2/openapi.json';
const vendored = asLoaded(copyVendoredSpec(), 'specs/launchdarkly-openapi.json');

function answered(status: number, body: string, contentType = 'application/json'): DocumentResult {
  return { kind: 'answered', url: URL, status, contentType, body: Buffer.from(body) };
}

function edited(): string {
  const spec = copyVendoredSpec();
  property(spec, 'Token', 'role').type = 'integer';
  return JSON.stringify(spec);
}

const rows: { given: string; result: () => DocumentResult; want: { state: SpecDriftState; breaking: number; message: RegExp } }[] = [
  {
    given: 'the same spec',
    result: () => answered(200, JSON.stringify(copyVendoredSpec())),
    want: { state: 'in-sync', breaking: 0, message: /^spec drift: the spec served at .* matches the vendored spec/ },
  },
  {
    given: 'an edited spec',
    result: () => answered(200, edited()),
    want: {
      state: 'drifted',
      breaking: 1,
      message:
        /^WARNING spec drift: .* 1 breaking, 0 non-breaking change\(s\) \(npm run spec:diff -- --against http:\/\/target\.test\/api\/v2\/openapi\.json\)$/,
    },
  },
  {
    given: '404',
    result: () => answered(404, '{"code":"not_found"}'),
    want: { state: 'no-spec', breaking: 0, message: /^WARNING spec drift not checked: the target serves no spec \(.* answered 404\)$/ },
  },
  {
    given: 'an HTML page',
    result: () => answered(200, '<html>login</html>', 'text/html'),
    want: { state: 'no-spec', breaking: 0, message: /serves no OpenAPI spec at .* \(not valid JSON .*, content type text\/html\)$/ },
  },
  {
    given: 'JSON that is not OpenAPI 3',
    result: () => answered(200, '{"swagger":"2.0"}'),
    want: { state: 'no-spec', breaking: 0, message: /serves no OpenAPI spec .*expected an OpenAPI 3\.x document/ },
  },
  {
    given: '503',
    result: () => answered(503, 'busy'),
    want: { state: 'unavailable', breaking: 0, message: /^WARNING spec drift not checked: .* answered HTTP 503$/ },
  },
  {
    given: 'no answer',
    result: () => ({ kind: 'unreachable', url: URL, reason: 'connect ECONNREFUSED' }),
    want: { state: 'unavailable', breaking: 0, message: /could not be fetched \(connect ECONNREFUSED\)$/ },
  },
];

test.describe('judgeServedSpec', () => {
  for (const row of rows) {
    test(row.given, () => {
      const report = judgeServedSpec(row.result(), vendored);
      expect({ state: report.state, breaking: report.breaking }).toEqual({ state: row.want.state, breaking: row.want.breaking });
      expect(report.message).toMatch(row.want.message);
      expect(report.message).not.toContain('\n');
    });
  }
});

test('the result travels through reports/spec-drift.json; a broken file is a problem, not a crash', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spec-drift-file-'));
  try {
    const problems: string[] = [];
    expect(readSpecDrift(dir, problems)).toBeNull();
    const report = judgeServedSpec(answered(200, edited()), vendored);
    writeSpecDrift(dir, report);
    expect(readSpecDrift(dir, problems)).toEqual(report);
    writeFileSync(path.join(dir, 'spec-drift.json'), '{"state":"weird"}');
    expect(readSpecDrift(dir, problems)).toBeNull();
    expect(problems).toEqual([`${path.join(dir, 'spec-drift.json')} is not a spec drift result (no state, message or changes)`]);
    removeSpecDrift(dir);
    expect(readSpecDrift(dir, problems)).toBeNull();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rendered as a warning with each change, escaped in HTML', () => {
  const report = judgeServedSpec(answered(200, edited()), vendored);
  expect(renderSpecDriftConsole(report)).toEqual([
    `  ${report.message}`,
    '    BREAKING getTokens,postToken,getToken,patchToken,resetToken (response) type changed at /components/schemas/Token/properties/role/type: "string" → "integer"',
  ]);
  const html = renderSpecDriftHtml(report);
  expect(html).toContain('<p class="warn">WARNING spec drift');
  expect(html).toContain('<td>BREAKING</td>');
  expect(html).toContain('&quot;string&quot; → &quot;integer&quot;');
  expect(renderSpecDriftConsole(null)).toEqual([]);
  expect(renderSpecDriftHtml(null)).toBe('');
});
