import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { isKnownRuleId } from '../../../src/domain/rules';
import { PREDICTION_ROWS, type PredictionRow } from '../../../src/explore/prediction-rules';

/**
 * Explore's prediction table rests on specs/behaviour.md: every row cites rules that exist in the catalogue, in
 * words that stand in that rule's row; every open row (no rule decides, every documented answer accepted) is
 * listed in docs/leniency.md; every row is used by explore, and no check in src/explore names a rule of its own.
 */
const ROOT = path.resolve(__dirname, '../../..');
const BEHAVIOUR = fs.readFileSync(path.join(ROOT, 'specs/behaviour.md'), 'utf8');
const LENIENCY = fs.readFileSync(path.join(ROOT, 'docs/leniency.md'), 'utf8');
const EXPLORE_DIR = path.join(ROOT, 'src/explore');
const EXPLORE_SOURCES = fs
  .readdirSync(EXPLORE_DIR)
  .filter((file) => file.endsWith('.ts') && file !== 'prediction-rules.ts')
  .map((file) => ({ file, text: fs.readFileSync(path.join(EXPLORE_DIR, file), 'utf8') }));

/** The text of rule `id`'s row in specs/behaviour.md (`| E4 | … |`), or null. */
function ruleRow(id: string): string | null {
  return BEHAVIOUR.split('\n').find((line) => line.startsWith(`| ${id} |`)) ?? null;
}

const rows = Object.entries(PREDICTION_ROWS) as [string, PredictionRow][];

test('the table is not empty and holds both kinds of row', () => {
  expect(rows.filter(([, row]) => row.kind === 'judged').length).toBeGreaterThan(10);
  expect(rows.filter(([, row]) => row.kind === 'open').length).toBeGreaterThan(5);
});

for (const [id, row] of rows) {
  test(`prediction row ${id} cites specs/behaviour.md word for word`, () => {
    for (const { rule, words } of row.cites) {
      expect(isKnownRuleId(rule), `${rule} is in src/domain/rules.ts`).toBe(true);
      const text = ruleRow(rule);
      expect(text, `specs/behaviour.md has a row for ${rule}`).not.toBeNull();
      expect(text, `${rule}'s row holds the words row ${id} relies on`).toContain(words);
    }
  });
}

test('every open row is listed in docs/leniency.md, by its id', () => {
  const missing = rows.filter(([id, row]) => row.kind === 'open' && !LENIENCY.includes(`\`${id}\``)).map(([id]) => id);
  expect(missing, 'open rows docs/leniency.md does not list').toEqual([]);
});

test('every row is used by explore (the table holds no dead promise)', () => {
  const unused = rows.map(([id]) => id).filter((id) => !EXPLORE_SOURCES.some(({ text }) => text.includes(`'${id}'`)));
  expect(unused).toEqual([]);
});

test('no check in src/explore blames a rule of its own: every ExploreViolation takes its rule from the table', () => {
  const literal = /new ExploreViolation\(\s*['"`]/;
  const offenders = EXPLORE_SOURCES.filter(({ text }) => literal.test(text)).map(({ file }) => file);
  expect(offenders).toEqual([]);
});

test('the quote check can fail: words that are not in the rule row are refused', () => {
  expect(ruleRow('E4')).not.toContain('a `test` on a read-only path must succeed');
  expect(ruleRow('Z9')).toBeNull();
});
