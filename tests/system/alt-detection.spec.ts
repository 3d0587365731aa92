import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from '@playwright/test';
import { judgeDetection } from '../../src/harness/detection';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import { startAltServer } from '../../src/alt-server';
import { ALT_FAULTS, ALT_FAULT_IDS, parseAltFaultId, type AltFaultId } from '../../src/alt-server/faults';

/**
 * Detection power in general, not just on the server the suite was developed against: each fault of the
 * alt server's own catalogue (src/alt-server/faults.ts — chosen to differ from the reference
 * server's) is injected into that INDEPENDENT implementation, and the whole suite is run against it as a
 * user would. A fault is detected only by a contract failure — the same rule as `npm run self-check`
 * (src/harness/detection.ts): not a timeout, environment, set-up or clean-up failure. The clean alt server runs first and must pass, so a "detection" is never the suite crying wolf.
 *
 * ALT_DETECTION_FAULTS=id1,id2 narrows the run to some faults (while working on one).
 */

/** Two suite runs at a time: each runs 2 workers of its own, and the machine has 2 cores. */
const CONCURRENCY = 2;
const RUN_TIMEOUT_MS = 180_000;

interface FaultOutcome {
  fault: AltFaultId | null;
  detected: boolean;
  /** First non-environment failure, or why the fault counts as undetected. */
  evidence: string;
  run: SuiteRunResult;
}

function selectedFaults(): AltFaultId[] {
  const raw = process.env.ALT_DETECTION_FAULTS?.trim();
  if (!raw) return [...ALT_FAULT_IDS];
  return raw.split(',').map((s) => parseAltFaultId(s.trim()));
}

async function runAgainstAltServer(fault: AltFaultId | null): Promise<FaultOutcome> {
  const server = await startAltServer(fault === null ? {} : { fault });
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), `alt-detect-${fault ?? 'clean'}-`));
  try {
    const run = await runSuite({
      baseUrl: server.url,
      accessToken: server.adminToken,
      reportsDir,
      args: ['--max-failures=1'],
      env: { LD_REQUEST_TIMEOUT_MS: '5000' },
      timeoutMs: RUN_TIMEOUT_MS,
    });
    // The self-check's rule (src/harness/detection.ts): only a contract failure counts.
    const detection = judgeDetection(run, fault === null ? undefined : ALT_FAULTS[fault].rule);
    const contractFailure = detection.contractFailures[0];
    const evidence = contractFailure
      ? `${contractFailure.title} — ${firstLine(contractFailure.message)}`
      : detection.verdict === 'weak'
        ? `(weak, not counted: ${detection.weakReasons.slice(0, 2).join('; ')})`
        : `(all passed: ${JSON.stringify(run.stats)})`;
    return { fault, detected: detection.verdict === 'detected', evidence, run };
  } finally {
    await server.close();
    fs.rmSync(reportsDir, { recursive: true, force: true });
  }
}

function firstLine(message: string): string {
  // Playwright messages carry ANSI colour codes; the table is read in a terminal log or a text report.
  const plain = stripVTControlCharacters(message);
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 160);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the items' order in the result. */
async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function renderTable(outcomes: readonly FaultOutcome[]): string {
  const rows = outcomes.map((o) => {
    const fault = o.fault ?? '(none)';
    const rule = o.fault ? ALT_FAULTS[o.fault].rule : '-';
    const verdict = o.fault ? (o.detected ? 'yes' : 'NO') : o.detected ? 'FAILED (false alarm)' : 'passed';
    return `| ${fault} | ${rule} | ${verdict} | ${Math.round(o.run.durationMs / 1000)} s | ${o.evidence.replace(/\|/g, '\\|')} |`;
  });
  return ['| fault | rule | detected | run | first failing test |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

test('the suite detects every fault injected into the independent alt server', async () => {
  const faults = selectedFaults();
  // Clean run + one run per fault, two at a time, each bounded by RUN_TIMEOUT_MS.
  test.setTimeout(RUN_TIMEOUT_MS * (1 + Math.ceil(faults.length / CONCURRENCY)) + 60_000);
  const started = Date.now();

  const clean = await runAgainstAltServer(null);
  console.log(`clean alt server: ${JSON.stringify(clean.run.stats)} in ${Math.round(clean.run.durationMs / 1000)} s`);
  expect(
    clean.run.failedTests.map((f) => `${f.title}: ${firstLine(f.message)}`),
    'the clean alt server passes the whole suite',
  ).toEqual([]);
  expect(clean.run.exitCode, `clean run: ${clean.evidence}`).toBe(0);
  expect(clean.run.stats?.expected ?? 0, 'the clean run passed tests').toBeGreaterThan(0);

  const outcomes = await mapPool(faults, CONCURRENCY, runAgainstAltServer);
  const elapsed = Math.round((Date.now() - started) / 1000);
  const detected = outcomes.filter((o) => o.detected).length;
  console.log(`${renderTable([clean, ...outcomes])}\n\ndetected ${detected}/${outcomes.length} faults; total ${elapsed} s`);

  const undetected = outcomes
    .filter((o) => !o.detected)
    .map((o) => `${o.fault ?? ''} (${o.fault ? ALT_FAULTS[o.fault].description : ''}): ${o.evidence}`);
  expect(undetected, 'faults the suite did not detect').toEqual([]);
});
