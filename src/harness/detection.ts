import type { FailedTest, SuiteRunResult } from './run-suite';

/**
 * When does a suite run against a faulty server count as "the suite caught the fault"? ONE rule, used by
 * `npm run self-check` (reference-server faults) and the alt-detection system test (alt-server faults):
 *
 * - detected: at least one test failed with a CONTRACT failure (failure-kinds.ts). Best when that test
 *   checks the fault's rule (`byRule`), but any contract failure counts: faults often break several rules.
 * - weak: the run failed only by a timeout, environment failures, set-up or clean-up errors, a global
 *   error, or a hard stop of the whole run. Listed apart, never counted as detected: any of these can
 *   happen to a correct server on a bad day.
 * - missed: the run passed.
 */
export type DetectionVerdict = 'detected' | 'weak' | 'missed';

export interface Detection {
  verdict: DetectionVerdict;
  /** Some contract failure came from a test that names the fault's rule. */
  byRule: boolean;
  /** The contract failures, those of the fault's rule first. */
  contractFailures: FailedTest[];
  /** Why a non-detection failed anyway (weak), e.g. "timeout: getToken › …". Empty when detected or missed. */
  weakReasons: string[];
}

export function judgeDetection(run: SuiteRunResult, rule?: string): Detection {
  const contract = run.failedTests.filter((f) => f.kind === 'contract');
  const ranked = [...contract].sort((a, b) => Number(matchesRule(b, rule)) - Number(matchesRule(a, rule)));
  if (ranked.length > 0) {
    return { verdict: 'detected', byRule: matchesRule(ranked[0], rule), contractFailures: ranked, weakReasons: [] };
  }
  const weakReasons = run.failedTests.map((f) => `${f.kind}: ${f.title}`);
  if (run.timedOut) weakReasons.push('the whole run hit its time limit');
  if (run.exitCode !== 0 && weakReasons.length === 0) weakReasons.push(`exit code ${String(run.exitCode)} without a failed test`);
  return { verdict: weakReasons.length > 0 ? 'weak' : 'missed', byRule: false, contractFailures: [], weakReasons };
}

function matchesRule(failure: FailedTest | undefined, rule: string | undefined): boolean {
  return failure !== undefined && rule !== undefined && failure.rules.includes(rule);
}
