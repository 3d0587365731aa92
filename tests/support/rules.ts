/**
 * Test details naming the behaviour rules a test checks (ids from the behaviour rules, e.g. 'D1'). The coverage
 * reporter reads the `rule` annotations; tags select subsets: `@smoke` is read-only, `@destructive` writes.
 */
import type { RuleId } from '../../src/domain/rules';

export type { RuleId };

export interface RuleDetails {
  annotation: { type: string; description?: string }[];
  tag: string[];
}

/** Details for a test that creates, changes or deletes tokens. */
export function writes(...ruleIds: RuleId[]): RuleDetails {
  return { annotation: toAnnotations(ruleIds), tag: ['@destructive'] };
}

/** Details for a read-only test that belongs to the fast smoke subset. */
export function smoke(...ruleIds: RuleId[]): RuleDetails {
  return { annotation: toAnnotations(ruleIds), tag: ['@smoke'] };
}

function toAnnotations(ruleIds: RuleId[]): { type: string; description: string }[] {
  return [...new Set(ruleIds)].map((id) => ({ type: 'rule', description: id }));
}
