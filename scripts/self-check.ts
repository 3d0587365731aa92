/**
 * npm run self-check — proves the suite detects breakage.
 *
 * Starts the reference server once per named fault (two at a time: this machine has 2 cores),
 * runs the whole conformance suite against each, and prints fault → detected? → by which tests.
 * Then the clean server, which must pass — also with its clock an hour ahead and an hour behind,
 * which proves the suite reads time from the server (rule G3) and cries no wolf. A clean run must also be
 * fully judged: any `inconclusive` outcome fails it.
 * A fault counts as detected only by a CONTRACT failure (src/harness/detection.ts); a run that fails by a
 * timeout, environment failures or set-up/clean-up errors alone is a weak detection, listed apart, not counted.
 * Exit status: 0 only when every fault is detected and every clean run passes.
 *
 * Flags: see src/harness/self-check-options.ts (`npm run self-check -- --help`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOnUsageError } from '../src/cli/parse-flags';
import { abortOnInterrupt, INTERRUPTED_EXIT_CODE } from '../src/harness/interrupt';
import { Progress } from '../src/harness/progress';
import { parseSelfCheckArgs, SELF_CHECK_FLAGS } from '../src/harness/self-check-options';
import { FAULTS } from '../src/server/faults';
import { startReferenceServer, type ReferenceServerOptions } from '../src/server';
import { judgeDetection, type DetectionVerdict } from '../src/harness/detection';
import { runSuite, type SuiteRunResult } from '../src/harness/run-suite';
import { readReportsDir } from '../src/config/load-config';
import { INCONCLUSIVE_ANNOTATION } from '../src/domain/observations';
import { runCommand } from '../src/cli/run-command';

interface RunRecord {
  name: string;
  family?: string;
  rule?: string;
  description?: string;
  undetectableByDesign?: string;
  passed: boolean;
  detected?: boolean;
  /** detected = a contract failure; weak = the run failed only for reasons that do not count (listed apart). */
  verdict?: DetectionVerdict;
  /** The first contract failure came from a test that names the fault's rule. */
  byRule?: boolean;
  weakReasons?: string[];
  /** Clean runs: every inconclusive outcome ("test — reason"); a clean run must have none. */
  inconclusive?: string[];
  timedOut: boolean;
  durationMs: number;
  by: string[];
  /** Detected, and every test that failed with a contract failure was the explore test. */
  onlyExplore?: boolean;
  stats: SuiteRunResult['stats'];
}

/** The explore test's file: a fault only it fails on is one no example test foresaw. */
const EXPLORE_SPEC = 'explore.spec.ts';

/**
 * Explore in the self-check: a fixed seed, so the score is reproducible, and a larger budget than the
 * conformance default (150), because sequence-dependent faults need longer walks to be met. Both can be
 * overridden (LD_EXPLORE_SEED, LD_EXPLORE_REQUESTS; 0 = explore off, to see what the examples alone catch).
 * Detection rates over other seeds: `npm run explore:seeds -- --faults …` (docs/explore.md).
 */
const EXPLORE_ENV = { LD_EXPLORE_SEED: process.env.LD_EXPLORE_SEED ?? '1', LD_EXPLORE_REQUESTS: process.env.LD_EXPLORE_REQUESTS ?? '500' };

const reportsRoot = readReportsDir();
const runsDir = path.join(reportsRoot, 'self-check');

async function runAgainst(
  name: string,
  server: ReferenceServerOptions,
  extraArgs: string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SuiteRunResult> {
  const ref = await startReferenceServer({ ...server, log: () => undefined });
  try {
    return await runSuite({
      baseUrl: ref.url,
      accessToken: ref.adminToken,
      // The second member's admin credential: the authorization matrix judges every cell (a clean run has no inconclusive).
      otherMemberToken: ref.otherMemberToken,
      reportsDir: path.join(runsDir, name),
      args: extraArgs,
      // A hung route must end as a reported timeout: a short request timeout inside the suite,
      // and the run's own hard stop outside it.
      env: { LD_REQUEST_TIMEOUT_MS: '5000', CI: '1', ...EXPLORE_ENV },
      timeoutMs,
      signal,
    });
  } finally {
    await ref.close();
  }
}

function summarise(result: SuiteRunResult, rule?: string): Pick<RunRecord, 'by' | 'timedOut' | 'durationMs' | 'stats'> {
  // Name first the contract failures of tests that check the rule the fault breaks: they say why it was
  // caught; other kinds of failure follow, marked with their kind.
  const detection = judgeDetection(result, rule);
  const others = result.failedTests.filter((f) => f.kind !== 'contract');
  const by = [...detection.contractFailures, ...others].slice(0, 3).map((f) => `${f.title}${f.kind === 'contract' ? '' : ` [${f.kind}]`}`);
  if (result.timedOut) by.push('(run timed out)');
  if (!by.length && result.exitCode !== 0) by.push(firstLine(result.stderr) || `exit code ${String(result.exitCode)}`);
  return {
    by,
    timedOut: result.timedOut,
    durationMs: result.durationMs,
    stats: result.stats,
  };
}

function listInconclusive(result: SuiteRunResult): string[] {
  return (result.report?.tests ?? []).flatMap((t) =>
    t.annotations.filter((a) => a.type === INCONCLUSIVE_ANNOTATION).map((a) => `${t.titlePath.join(' › ')} — ${a.description ?? ''}`),
  );
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0)
      ?.slice(0, 160) ?? ''
  );
}

/** Runs `worker` over `items`, `concurrency` at a time; after Ctrl-C no new item starts. */
async function pool<T, R>(items: T[], concurrency: number, signal: AbortSignal, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      results[index] = await worker(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

async function main(): Promise<void> {
  const args = exitOnUsageError(SELF_CHECK_FLAGS, () => parseSelfCheckArgs(process.argv.slice(2)));
  if (args.list) {
    for (const [id, f] of Object.entries(FAULTS))
      console.log(`${id.padEnd(44)} ${f.family.padEnd(10)} ${f.rule.padEnd(8)} ${f.description}`);
    return;
  }
  fs.rmSync(runsDir, { recursive: true, force: true });
  const started = Date.now();
  const signal = abortOnInterrupt('self-check');

  const cleanVariants: { name: string; options: ReferenceServerOptions }[] = [
    { name: 'clean', options: {} },
    { name: 'clean-clock-ahead-1h', options: { clockSkewMs: 3_600_000 } },
    { name: 'clean-clock-behind-1h', options: { clockSkewMs: -3_600_000 } },
  ];
  const progress = new Progress(cleanVariants.length + args.faults.length);
  const clean = await pool(cleanVariants, args.concurrency, signal, async ({ name, options }): Promise<RunRecord> => {
    const result = await runAgainst(name, options, [], args.timeoutMs, signal);
    // Clean means judged, not just green: against the reference server no test may give up (inconclusive).
    const inconclusive = listInconclusive(result);
    const passed =
      result.exitCode === 0 &&
      !!result.stats &&
      result.stats.unexpected === 0 &&
      result.stats.flaky === 0 &&
      result.stats.expected > 0 &&
      inconclusive.length === 0;
    if (!result.interrupted) progress.step(`${passed ? 'passed    ' : 'FAILED    '} ${name}`);
    const summary = summarise(result);
    return { name, passed, inconclusive, ...summary, by: [...summary.by, ...inconclusive.map((i) => `inconclusive: ${i}`)] };
  });

  const faults = await pool(args.faults, args.concurrency, signal, async (id): Promise<RunRecord> => {
    const meta = FAULTS[id] as { family: string; rule: string; description: string; undetectableByDesign?: string };
    // A fault run stops after a few failures: enough to say which tests caught it, without paying for a
    // whole run per fault (a hung route costs a request timeout per test).
    const result = await runAgainst(`fault-${id}`, { fault: id }, ['--max-failures=3'], args.timeoutMs, signal);
    // Counted only for a contract failure (src/harness/detection.ts, the same rule as alt-detection).
    const detection = judgeDetection(result, meta.rule);
    const detected = detection.verdict === 'detected';
    if (!result.interrupted) {
      progress.step(
        `${detected ? 'detected  ' : detection.verdict === 'weak' ? 'WEAK      ' : 'MISSED    '} ${id}${detection.verdict === 'weak' ? `  (${detection.weakReasons[0] ?? ''})` : ''}`,
      );
    }
    const onlyExplore = detected && detection.contractFailures.every((f) => path.basename(f.file) === EXPLORE_SPEC);
    return {
      name: id,
      family: meta.family,
      rule: meta.rule,
      description: meta.description,
      undetectableByDesign: meta.undetectableByDesign,
      passed: detected,
      detected,
      verdict: detection.verdict,
      byRule: detection.byRule,
      weakReasons: detection.weakReasons,
      onlyExplore,
      ...summarise(result, meta.rule),
    };
  });

  if (signal.aborted) {
    // An interrupted run proves nothing either way: no score, no self-check.json.
    console.error(
      `self-check: interrupted after ${((Date.now() - started) / 1000).toFixed(0)} s; every run stopped and its server closed, nothing written`,
    );
    process.exit(INTERRUPTED_EXIT_CODE);
  }

  const counted = faults.filter((f) => !f.undetectableByDesign);
  const detectedCount = counted.filter((f) => f.detected).length;
  const byRuleCount = counted.filter((f) => f.detected && f.byRule).length;
  const weak = counted.filter((f) => f.verdict === 'weak');
  const score = counted.length ? detectedCount / counted.length : 0;

  console.log(
    '\nFault                                        Family     Rule     Detected  By (first failing tests)   [Detected: yes, explore = by the explore test alone, NO]',
  );
  for (const f of faults) {
    const verdict = f.detected ? `${f.onlyExplore ? 'explore' : 'yes'}${f.byRule ? '' : '*'}` : f.verdict === 'weak' ? 'WEAK' : 'NO';
    console.log(
      `${f.name.padEnd(44)} ${String(f.family).padEnd(10)} ${String(f.rule).padEnd(8)} ${verdict.padEnd(9)} ${f.by[0] ?? (f.undetectableByDesign ? `by design: ${f.undetectableByDesign}` : '-')}`,
    );
  }
  console.log(
    "  yes = a contract failure of a test that checks the fault's rule; yes* = a contract failure of another test; explore = only the explore test failed",
  );
  const exploreOnly = faults.filter((f) => f.onlyExplore).map((f) => f.name);
  console.log(
    `  caught only by explore (LD_EXPLORE_SEED=${EXPLORE_ENV.LD_EXPLORE_SEED} LD_EXPLORE_REQUESTS=${EXPLORE_ENV.LD_EXPLORE_REQUESTS}): ${exploreOnly.length ? exploreOnly.join(', ') : 'none'}`,
  );
  if (weak.length) {
    console.log('\nWeak detections (the run failed, but not by a contract failure — NOT counted):');
    for (const f of weak) console.log(`  ${f.name.padEnd(44)} ${(f.weakReasons ?? []).slice(0, 3).join(' | ')}`);
  }
  console.log('\nClean runs (must pass):');
  for (const c of clean) {
    console.log(
      `  ${c.name.padEnd(28)} ${c.passed ? 'passed' : 'FAILED'}  ${c.stats ? `${c.stats.expected} passed, ${c.stats.unexpected} failed, ${c.stats.skipped} skipped, ${c.inconclusive?.length ?? 0} inconclusive` : 'no report'}  ${(c.durationMs / 1000).toFixed(1)} s${c.passed ? '' : `  ${c.by.join(' | ')}`}`,
    );
  }
  console.log(
    `\nmutation score (contract failures only): ${detectedCount}/${counted.length} = ${(score * 100).toFixed(1)}%  (${byRuleCount} by a test of the fault's rule; ${weak.length} weak, not counted; ${faults.length - counted.length} undetectable by design, not counted)  in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );

  const summary = {
    generatedAt: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
    score: { detected: detectedCount, byRule: byRuleCount, weak: weak.length, total: counted.length, ratio: score },
    clean,
    faults,
  };
  fs.writeFileSync(path.join(reportsRoot, 'self-check.json'), JSON.stringify(summary, null, 2) + '\n');

  const ok = clean.every((c) => c.passed) && counted.every((f) => f.detected);
  if (!ok) {
    console.error(
      'self-check: FAILED — ' +
        [
          ...clean.filter((c) => !c.passed).map((c) => `clean run ${c.name} failed`),
          ...counted
            .filter((f) => !f.detected)
            .map((f) => `fault ${f.name} not detected${f.verdict === 'weak' ? ' (weak detection only)' : ''}`),
        ].join('; '),
    );
    process.exit(1);
  }
}

runCommand('self-check', main, { errorExitCode: 1, exitAtOnce: true });
