import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { isKnownRuleId, RULES, type RuleId } from '../../../src/domain/rules';

/**
 * The rule catalogue (src/domain/rules.ts) is a copy of the ids in specs/behaviour.md, typed so that tests can only
 * name rules that exist. specs/behaviour.md is the one that wins: when they differ, the catalogue is fixed.
 */
const BEHAVIOUR_MD = path.resolve(__dirname, '../../../specs/behaviour.md');

/** The ids of the rule tables' rows (`| A1 | …`), in the order they appear. */
function ruleIdsOfBehaviourMd(): string[] {
  const text = fs.readFileSync(BEHAVIOUR_MD, 'utf8');
  return [...text.matchAll(/^\|\s*([A-Z][0-9]+)\s*\|/gm)].map((m) => m[1] ?? '');
}

/** One line per position where the two lists differ, so a failure names the rule instead of dumping two lists. */
function describeDifferences(fromSpec: readonly string[], inCatalogue: readonly string[]): string[] {
  const lines: string[] = [];
  const missing = fromSpec.filter((id) => !inCatalogue.includes(id));
  const extra = inCatalogue.filter((id) => !fromSpec.includes(id));
  if (missing.length > 0) lines.push(`in specs/behaviour.md but not in RULES: ${missing.join(', ')}`);
  if (extra.length > 0) lines.push(`in RULES but not in specs/behaviour.md: ${extra.join(', ')}`);
  for (let i = 0; i < Math.max(fromSpec.length, inCatalogue.length); i++) {
    if (fromSpec[i] !== inCatalogue[i])
      lines.push(`position ${i + 1}: specs/behaviour.md has ${fromSpec[i] ?? '(nothing)'}, RULES has ${inCatalogue[i] ?? '(nothing)'}`);
  }
  return lines;
}

test('RULES has the ids of specs/behaviour.md, in the same order', () => {
  const fromSpec = ruleIdsOfBehaviourMd();
  expect(fromSpec.length, 'the rule tables of specs/behaviour.md were found').toBeGreaterThan(30);
  expect(
    describeDifferences(
      fromSpec,
      RULES.map((r) => r.id),
    ),
  ).toEqual([]);
});

test('the ids are unique and each rule has a title', () => {
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  for (const rule of RULES) expect(rule.title.trim(), rule.id).not.toBe('');
});

test('isKnownRuleId knows the catalogue and nothing else', () => {
  expect(RULES.every((r) => isKnownRuleId(r.id))).toBe(true);
  expect(isKnownRuleId('C9')).toBe(false);
  expect(isKnownRuleId('a1')).toBe(false);
  expect(isKnownRuleId('')).toBe(false);
});

test('a rule id that is not in the catalogue does not compile', () => {
  // The check is tsc's (npx tsc -p tsconfig.json covers tests/): were 'C9' a RuleId, this directive would be unused and fail.
  // @ts-expect-error 'C9' is no rule of specs/behaviour.md
  const unknown: RuleId = 'C9';
  expect(isKnownRuleId(unknown)).toBe(false);
});
