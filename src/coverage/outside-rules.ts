import type { OutsideVerdict, OutsideVerdicts } from '../domain/outside-verdict';
import type { CoverageReport, RuleState } from './coverage-model';

/**
 * H1 and H2 are judged twice: inside the run by hygiene.spec.ts (a sample: one token's name, one test's
 * evidence) and from the outside at its end (every token of the run gone from the final listing; every
 * artifact scanned for every secret). The rule's result in coverage.json / coverage.html / summary.json is
 * both together: a failure of either fails the rule; "passed" needs the outside verdict to pass too when it
 * was made; an outside verdict alone (the in-run test filtered out by --grep) still judges the rule.
 */
export function combineRuleState(inRun: RuleState, outside: OutsideVerdict): RuleState {
  if (outside.state === 'failed' || inRun === 'failed') return 'failed';
  if (outside.state === 'not-judged') return inRun;
  // Outside passed: it judged the whole run, so a rule whose in-run tests did not run or gave up is passed by it.
  return inRun === 'known-deviation' ? inRun : 'passed';
}

/** Sets `report.outside` and folds each verdict into its rule's row and the summary's rule counts. */
export function applyOutsideVerdicts(report: CoverageReport, verdicts: OutsideVerdicts): void {
  report.outside = verdicts;
  for (const rule of report.rules) {
    if (rule.id !== 'H1' && rule.id !== 'H2') continue;
    const verdict = verdicts[rule.id];
    // The in-run state is kept apart so the H2 verdict can be applied after H1's (two reporters, two moments).
    const inRun = rule.inRunState ?? rule.state;
    rule.inRunState = inRun;
    rule.state = combineRuleState(inRun, verdict);
    rule.outside = verdict;
  }
  const rules = report.rules;
  report.summary.rulesChecked = rules.filter((r) => r.state === 'passed' || r.state === 'failed' || r.state === 'known-deviation').length;
  report.summary.rulesEnvironmentOnly = rules.filter((r) => r.state === 'environment-failure').length;
  report.summary.rulesInconclusive = rules.filter((r) => r.state === 'inconclusive').length;
}

/** One console line per rule judged from the outside. */
export function renderOutsideConsole(verdicts: OutsideVerdicts): string {
  return (['H1', 'H2'] as const)
    .map((id) => {
      const v = verdicts[id];
      const lines = [`  ${id} from the outside: ${v.state} — ${v.summary}`, ...v.problems.slice(0, 10).map((p) => `    ${p}`)];
      if (v.problems.length > 10) lines.push(`    … and ${v.problems.length - 10} more in coverage.json (outside.${id}.problems)`);
      return `${lines.join('\n')}\n`;
    })
    .join('');
}
