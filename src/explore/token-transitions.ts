/**
 * The pure steps of the sequential model of one token, shared by explore's commands (one request at a time)
 * and the linearizability checker (src/concurrency: every order overlapping requests allow): what a reset and a
 * delete do to the token's secrets (G2, G3, F1), and which 200 answer a patch's response matches (E2, E6).
 * Nothing here sends a request or throws a verdict: the callers decide what a mismatch means.
 */
import type { SecretState } from './explore-model';
import type { ExpiryInput } from './inputs';
import { EMPTY_VALUES, type PatchAnswer } from './patch-prediction';
import { differingKeys, projectToken } from './token-projection';

/** G2: without (a past) expiry the old secret dies now; G3: with a future one it lives on. The new secret is live and current. */
export function secretsAfterReset(secrets: readonly SecretState[], expiry: ExpiryInput['kind']): SecretState[] {
  const replaced: SecretState =
    expiry === 'none'
      ? { state: 'dead', row: 'reset-without-expiry', why: 'was replaced by a reset without expiry' }
      : expiry === 'past'
        ? { state: 'dead', row: 'reset-expiry-past', why: 'was replaced by a reset whose expiry had passed' }
        : { state: 'live', row: 'reset-expiry-future', why: 'was replaced by a reset whose expiry is still ahead' };
  const kept = secrets.slice(0, -1);
  return [
    ...kept,
    ...(secrets.length > 0 ? [replaced] : []),
    { state: 'live', row: 'secret-authenticates', why: 'was issued by resetToken' },
  ];
}

/** F1: every secret of a deleted token is dead. */
export function secretsAfterDelete(secrets: readonly SecretState[]): SecretState[] {
  return secrets.map(() => ({ state: 'dead', row: 'delete', why: 'belongs to a deleted token' }));
}

/** Each of `fields` (ones E6 lets a server show as empty) the doc has no value for reads as its empty value. */
export function fillEmpty(doc: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const filled = { ...doc };
  for (const field of fields) if (filled[field] === undefined) filled[field] = EMPTY_VALUES[field];
  return filled;
}

/** The keys where two Tokens differ in the view explore compares (projectToken), as [key, expected, actual]. */
export function tokenDifferences(expected: Record<string, unknown>, actual: Record<string, unknown>): [string, unknown, unknown][] {
  const want = projectToken(expected);
  const got = projectToken(actual);
  return differingKeys(want, got).map((key) => [key, want[key], got[key]]);
}

/** The token an accepted 200 answer must show, and the keys where the server's differs from it. */
export function expectedAfter(
  answer: PatchAnswer,
  patched: Record<string, unknown>,
): { expected: Record<string, unknown>; differences: [string, unknown, unknown][] } {
  const expected = { ...(answer.doc ?? {}) };
  // A field no rule decides (E2's /defaultApiVersion, a Token field E4 does not name, a move/copy's target) is not judged.
  for (const field of answer.unjudged) expected[field] = patched[field];
  const fields = answer.fillEmpty ?? [];
  return { expected, differences: tokenDifferences(fillEmpty(expected, fields), fillEmpty(patched, fields)) };
}
