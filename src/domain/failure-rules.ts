import type { FailureKind, FailureSignature } from './failure-signature';
import { isKnownRuleId, type RuleId } from './rules';

/**
 * Which behaviour rules one failure judged, read off its signature (issue 24.1: one failure, one rule). The
 * coverage model marks exactly these rules failed, not every rule the failing test names: an explore failure
 * names the rule its breaking step broke, a behaviour assertion the test's rules, a contract check its own rule.
 */

/**
 * The rule each contract check stands for (specs/behaviour.md A2–A5, A12, H3). A 2xx body that breaks its schema is
 * judged by the contract alone (the operation's status cell in the coverage matrix), so it marks no rule row.
 */
export function ruleOfCheck(check: string, status: number | undefined): RuleId | undefined {
  switch (check) {
    case 'status_code_conformance':
      return 'A2';
    case 'content_type_conformance':
    case 'json_parse':
    case 'body_on_no_content':
      return 'A3';
    case 'response_schema_conformance':
      return status !== undefined && status >= 400 && status < 500 ? 'A4' : undefined;
    case 'rate_limit_headers':
      return 'A5';
    case 'rate_limit_header_values':
      return 'A12';
    case 'secret_exposure':
      return 'H3';
    default:
      return undefined;
  }
}

/** The known rule ids a failure judged; none for an environment failure (it judged nothing). */
export function rulesJudgedBy(failure: { kind: FailureKind; signature: FailureSignature }): RuleId[] {
  if (failure.kind === 'environment') return [];
  const { check, rule, status } = failure.signature;
  const named = (rule ?? '').split(/[,/]/).map((part) => part.trim());
  const fromCheck = check === undefined ? undefined : ruleOfCheck(check, status);
  const ids = [...named, ...(fromCheck ? [fromCheck] : [])].filter(isKnownRuleId);
  return [...new Set(ids)];
}
