import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { FailureKind } from '../../src/domain/failure-kinds';
import { runSuite } from '../../src/harness/run-suite';
import { startReferenceServer, type FaultId } from '../../src/server';

/**
 * Contract or environment, judged on a REMOTE-mode target (LD_BASE_URL pointing at a locally started
 * reference server with one fault), as the README's "Failure kinds" states it: a 500, an HTML error page
 * from the API itself, a read that hangs again on retry and a write that hangs on its one try while the target
 * answers other requests are contract failures (A2, A3, A7); a gateway status (502/503/504) is the environment. One test of the suite
 * per case (--grep), so each run stays short.
 */

interface Case {
  given: string;
  fault: FaultId;
  /** One conformance test that meets the fault. */
  grep: string;
  want: FailureKind;
  /** A piece of the failing test's message that says why. */
  says: RegExp;
}

const CASES: Case[] = [
  {
    given: 'a 500 to malformed JSON',
    fault: 'malformed-json-500',
    grep: 'postToken 400 for a malformed JSON body',
    want: 'contract',
    says: /500/,
  },
  {
    given: 'an HTML error page from the API',
    fault: 'html-error-page',
    grep: 'getToken 404 for ids that name no token',
    want: 'contract',
    says: /text\/html/,
  },
  {
    given: 'a read that hangs again on retry while the target answers others',
    fault: 'get-token-hangs',
    grep: 'getToken 200 returns the created token',
    want: 'contract',
    says: /Rule A7 \(never a hang\)/,
  },
  {
    given: 'a write (PATCH, not idempotent) that hangs on its one try while the target answers others',
    fault: 'patch-token-hangs',
    grep: 'patchToken 200 replaces name and description',
    want: 'contract',
    says: /Rule A7 \(never a hang\): patchToken PATCH .* on its one try \(not repeated: not idempotent\), while getTokens answered \d+ .*; read back after it: getToken \S+ answered 200, lastModified/,
  },
  {
    given: 'a gateway 503',
    fault: 'gateway-503-get-token',
    grep: 'getToken 404 for ids that name no token',
    want: 'environment',
    says: /Environment failure: .*answered 503 3 time\(s\)/,
  },
];

for (const c of CASES) {
  test(`remote target, ${c.given} (fault ${c.fault}): a ${c.want} failure`, async () => {
    const server = await startReferenceServer({ fault: c.fault, log: () => undefined });
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), `failure-kinds-${c.fault}-`));
    try {
      const run = await runSuite({
        baseUrl: server.url,
        accessToken: server.adminToken,
        reportsDir,
        args: ['--grep', c.grep],
        // Short request timeouts: the hang case costs three of them plus the back-offs.
        env: { LD_REQUEST_TIMEOUT_MS: '2000', CI: '1' },
        timeoutMs: 120_000,
      });
      const summary = run.failedTests.map((f) => `${f.kind}: ${f.title}: ${f.message.split('\n')[0] ?? ''}`);
      expect(
        run.failedTests.length,
        `one test ran and failed; stats ${JSON.stringify(run.stats)}\n${run.stdout.slice(-1500)}`,
      ).toBeGreaterThan(0);
      expect(
        run.failedTests.map((f) => f.kind),
        summary.join('\n'),
      ).toEqual(run.failedTests.map(() => c.want));
      expect(
        run.failedTests.some((f) => c.says.test(f.message)),
        summary.join('\n'),
      ).toBe(true);
      // H2 from the outside: a request that hung or failed leaves Playwright's call log (every header) in its
      // step's error; the end-of-run scan of every artifact must still find no secret.
      const outside = (
        JSON.parse(fs.readFileSync(path.join(reportsDir, 'summary.json'), 'utf8')) as {
          outside: { H2: { state: string; problems: string[] } };
        }
      ).outside;
      expect(outside.H2.state, outside.H2.problems.join('\n')).toBe('passed');
    } finally {
      await server.close();
      fs.rmSync(reportsDir, { recursive: true, force: true });
    }
  });
}
