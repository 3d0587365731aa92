import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { conformanceExitCode, readThisRunsSummary, type ChildEnd } from '../../../src/harness/conformance-exit';
import type { ExitFacts } from '../../../src/domain/run-status';

/** `npm run conformance`'s exit code (issue 24.4): from this run's summary.json, else Playwright's own. */

const facts = (over: Partial<ExitFacts>): ExitFacts => ({
  status: 'passed',
  contractFailures: 0,
  environmentFailures: 0,
  tests: { failed: 0 },
  failures: [],
  runErrors: [],
  ...over,
});
const exited = (code: number | null, signal: NodeJS.Signals | null = null): ChildEnd => ({ code, signal });

const ROWS: { given: string; summary: ExitFacts | null; child: ChildEnd; want: number }[] = [
  { given: 'a passed run', summary: facts({}), child: exited(0), want: 0 },
  {
    given: 'a contract failure',
    summary: facts({ status: 'failed', contractFailures: 1, tests: { failed: 1 } }),
    child: exited(1),
    want: 1,
  },
  {
    given: 'environment failures only',
    summary: facts({ status: 'failed', environmentFailures: 1, tests: { failed: 1 }, failures: [{ kind: 'environment', known: false }] }),
    child: exited(1),
    want: 3,
  },
  {
    given: 'an unreachable target',
    summary: facts({ status: 'unreachable', runErrors: [{ kind: 'environment' }] }),
    child: exited(1),
    want: 3,
  },
  { given: 'a configuration error', summary: facts({ status: 'config-error' }), child: exited(2), want: 2 },
  { given: 'an interrupted run', summary: facts({ status: 'interrupted' }), child: exited(130), want: 130 },
  { given: 'no summary of this run (--list, --help)', summary: null, child: exited(0), want: 0 },
  { given: 'no summary, Playwright failed', summary: null, child: exited(1), want: 1 },
  { given: 'a summary that says passed while Playwright failed (a reporter error)', summary: facts({}), child: exited(1), want: 1 },
  { given: 'Playwright ended by a signal', summary: null, child: exited(null, 'SIGKILL'), want: 130 },
];

for (const { given, summary, child, want } of ROWS) {
  test(`given ${given}: exit ${want}`, () => {
    expect(conformanceExitCode(summary, child)).toBe(want);
  });
}

test("an earlier run's summary.json is not this run's", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-exit-'));
  try {
    const file = path.join(dir, 'summary.json');
    fs.writeFileSync(file, JSON.stringify(facts({ status: 'unreachable' })));
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    expect(readThisRunsSummary(dir, Date.now())).toBeNull();
    fs.utimesSync(file, new Date(), new Date());
    expect(readThisRunsSummary(dir, Date.now() - 5000)?.status).toBe('unreachable');
    expect(readThisRunsSummary(path.join(dir, 'missing'), 0)).toBeNull();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
