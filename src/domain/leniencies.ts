import { isKnownRuleId, type RuleId } from './rules';

/**
 * Where explore accepted an answer no rule decides (an `open` row of src/explore/prediction-rules.ts): what was
 * sent, what was answered, which row allowed it. Explore attaches them to its test (attachment
 * `explore-leniencies`); the coverage reporter folds them into coverage.json (`leniencies`) and coverage.html.
 * One entry per row and answer, with a count and the first example (secrets masked), so a 1000-request run
 * stays small. Agreed format: `{ "leniencies": [ { row, rule, accepted, count, example: { sent, answered } } ] }`.
 */
export const LENIENCIES_ATTACHMENT = 'explore-leniencies';

export interface LeniencyObservation {
  /** The open row of explore's prediction table that allowed the answer, e.g. `patch-test-outside-e2`. */
  row: string;
  /** The rule the row cites first. */
  rule: RuleId;
  /** The answer the target chose, e.g. `422`. */
  accepted: string;
  count: number;
  /** The first time it was seen: the request (method, path, body) and the answer (status, body), secrets masked. */
  example: { sent: string; answered: string };
}

export class LeniencyFormatError extends Error {
  override name = 'LeniencyFormatError';
}

export function parseLeniencies(body: string): LeniencyObservation[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body) as unknown;
  } catch {
    throw new LeniencyFormatError(`${LENIENCIES_ATTACHMENT} attachment is not JSON`);
  }
  const list = typeof doc === 'object' && doc !== null ? (doc as { leniencies?: unknown }).leniencies : undefined;
  if (!Array.isArray(list)) throw new LeniencyFormatError(`${LENIENCIES_ATTACHMENT} attachment has no "leniencies" array`);
  return list.map((item: unknown, index): LeniencyObservation => {
    const where = `${LENIENCIES_ATTACHMENT}[${index}]`;
    if (typeof item !== 'object' || item === null) throw new LeniencyFormatError(`${where} is not an object`);
    const { row, rule, accepted, count, example } = item as Record<string, unknown>;
    if (typeof row !== 'string' || row === '') throw new LeniencyFormatError(`${where}.row must be a non-empty string`);
    if (typeof rule !== 'string' || !isKnownRuleId(rule))
      throw new LeniencyFormatError(`${where}.rule ${JSON.stringify(rule)} is no rule id`);
    if (typeof accepted !== 'string') throw new LeniencyFormatError(`${where}.accepted must be a string`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      throw new LeniencyFormatError(`${where}.count must be a whole number ≥ 1`);
    const ex = (typeof example === 'object' && example !== null ? example : {}) as Record<string, unknown>;
    if (typeof ex.sent !== 'string' || typeof ex.answered !== 'string')
      throw new LeniencyFormatError(`${where}.example needs "sent" and "answered" strings`);
    return { row, rule, accepted, count, example: { sent: ex.sent, answered: ex.answered } };
  });
}

/** Adds `more` into `into`, one entry per row and answer (counts summed, the first example kept). */
export function mergeLeniencies(into: LeniencyObservation[], more: readonly LeniencyObservation[]): LeniencyObservation[] {
  for (const entry of more) {
    const same = into.find((e) => e.row === entry.row && e.accepted === entry.accepted);
    if (same) same.count += entry.count;
    else into.push({ ...entry, example: { ...entry.example } });
  }
  return into;
}
