import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { firstFailedAttempt, titleOf } from '../../../src/harness/playwright-report';
import { runSuite } from '../../../src/harness/run-suite';

/**
 * Issue 24.3, as a reader meets it: a probe spec fails the suite's own status assertions (tests/support's
 * expectStatus and expectStatusSoft, a reader token's delete answered 204 where 403 is due) in a child
 * Playwright run. The console, the JSON report (the error the HTML report renders too) and error-context.md
 * must read "expected one of 403; received 204", never toContain's backwards "Expected value / Received array".
 */

const ROOT = path.resolve(__dirname, '../../..');

/** Inside the repository (git-ignored reports/), so the probe resolves @playwright/test and the suite's modules. */
function probeDir(): string {
  fs.mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
  return fs.mkdtempSync(path.join(ROOT, 'reports', '.status-message-probe-'));
}

const PROBE_SPEC = `
import { test } from '@playwright/test';
import type { ApiResult } from '${path.join(ROOT, 'src/client/api-client')}';
import { expectStatus, expectStatusSoft } from '${path.join(ROOT, 'tests/support/assertions')}';
import { buildExchange } from '${path.join(ROOT, 'tests/unit/contract/exchange-builders')}';

function deleted(): ApiResult {
  const exchange = buildExchange({ op: 'deleteToken', status: 204 });
  return { operationId: 'deleteToken', status: 204, headers: {}, bodyText: '', json: () => undefined, exchange, waits: [], serverDate: null, durationMs: 1 };
}

test('hard', () => expectStatus(deleted(), 403, 'reader token: deleteToken'));
test('soft', () => expectStatusSoft(deleted(), [401, 403], 'reader token: deleteToken'));
`;

test('a failing status assertion reads "expected one of …; received …" in the console, the report and error-context', async () => {
  test.setTimeout(120_000);
  const dir = probeDir();
  try {
    fs.writeFileSync(path.join(dir, 'probe.spec.ts'), PROBE_SPEC);
    const config = path.join(dir, 'probe.config.ts');
    fs.writeFileSync(
      config,
      `import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: ${JSON.stringify(dir)},
  outputDir: ${JSON.stringify(path.join(dir, 'out'))},
  workers: 1,
  reporter: [['list'], ['json', { outputFile: ${JSON.stringify(path.join(dir, 'conformance.json'))} }]],
});
`,
    );
    const run = await runSuite({ config, reportsDir: dir, timeoutMs: 100_000 });
    expect(run.exitCode, `the probe's two tests fail:\n${run.stderr.slice(-1500)}`).toBe(1);

    const request = 'deleteToken DELETE http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21 → 204';
    const want = {
      hard: ['reader token: deleteToken', '', 'expected one of 403; received 204', request].join('\n'),
      soft: ['reader token: deleteToken', '', 'expected one of 401, 403; received 204', request].join('\n'),
    };
    const backwards = /Expected value|Received array/;

    // The console (list reporter).
    for (const message of Object.values(want)) {
      for (const line of message.split('\n').filter(Boolean)) expect(run.stdout).toContain(line);
    }
    expect(run.stdout).not.toMatch(backwards);

    // The report's error, which the HTML report renders as well.
    const tests = run.report?.tests ?? [];
    expect(tests.map(titleOf).sort()).toEqual(['hard', 'soft']);
    for (const reported of tests) {
      const attempt = firstFailedAttempt(reported);
      const title = titleOf(reported);
      expect(attempt?.errors[0], `${title}: the report's error`).toMatch(new RegExp(`^Error: ${escape(want[title as keyof typeof want])}`));
    }

    // error-context.md, one per failed test.
    const contexts = fs
      .readdirSync(path.join(dir, 'out'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('error-context.md'))
      .map((file) => fs.readFileSync(path.join(dir, 'out', file), 'utf8'));
    expect(contexts).toHaveLength(2);
    for (const context of contexts) {
      expect(context).toMatch(/expected one of (403|401, 403); received 204\n/);
      expect(context).toContain(request);
      expect(context).not.toMatch(backwards);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
