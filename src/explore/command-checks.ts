/**
 * The checks explore's commands share: allowed statuses, a Token equal to the model, no whole secret in a
 * read, the obfuscated last four characters, lastModified that never goes back. Each names the row of the
 * prediction table (prediction-rules.ts) it judges and throws an ExploreViolation blaming that row's rule;
 * no message ever holds a secret.
 */
import type { ApiResult } from '../client/api-client';
import { redactSecrets } from '../contract';
import { blameOf, type PredictionRowId } from './prediction-rules';
import { ExploreViolation, type ExploreSystem } from './explore-system';
import { asRecord, type ModelToken } from './explore-model';
import { tokenDifferences } from './token-transitions';

export function show(value: unknown, max = 160): string {
  const text = value === undefined ? 'absent' : (JSON.stringify(value) ?? 'absent');
  const redacted = redactSecrets(text);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

export function expectStatus(result: ApiResult, allowed: readonly number[], row: PredictionRowId, why: string): void {
  if (!allowed.includes(result.status)) {
    throw new ExploreViolation(blameOf(row), `${result.operationId} answered ${result.status}, expected ${allowed.join(' or ')}: ${why}`);
  }
}

export function tokenBody(result: ApiResult, row: PredictionRowId): Record<string, unknown> {
  const body = asRecord(result.json());
  if (!body) throw new ExploreViolation(blameOf(row), `${result.operationId} ${result.status} carries no Token object`);
  return body;
}

/** What differs between the model's Token and the server's, as "key is X, the model says Y" (empty: alike). */
export function modelDifferences(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  return describeDifferences(tokenDifferences(expected, actual));
}

export function describeDifferences(differences: readonly [string, unknown, unknown][]): string[] {
  return differences.map(([key, want, got]) => `${key} is ${show(got)}, the model says ${show(want)}`);
}

/** The server's Token must equal the model's on every compared field. */
export function expectLikeModel(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  row: PredictionRowId,
  what: string,
): void {
  const differences = modelDifferences(expected, actual);
  if (differences.length > 0) throw new ExploreViolation(blameOf(row), `${what}: ${differences.join('; ')}`);
}

/** D1: no read carries a whole secret of any token the run created (boolean search; nothing printed). */
export function expectNoWholeSecret(result: ApiResult, system: ExploreSystem): void {
  if (system.allSecrets().some((secret) => secret.length > 4 && result.bodyText.includes(secret))) {
    throw new ExploreViolation(
      blameOf('read-no-whole-secret'),
      `${result.operationId} ${result.status} shows a whole secret of a token this run created (masked in the steps above)`,
    );
  }
}

/** D1: a read's `token` is the last four characters of the current secret. */
export function expectLastFour(body: Record<string, unknown>, currentSecret: string | undefined, label: number): void {
  if (typeof body.token !== 'string' || currentSecret === undefined) return;
  if (body.token !== currentSecret.slice(-4)) {
    throw new ExploreViolation(blameOf('read-last-four'), `token #${label}: "token" is not the last four characters of its current secret`);
  }
}

/** E1: lastModified never goes back, and moves on when a setting really changed. */
export function expectLastModified(before: ModelToken, after: Record<string, unknown>, changed: boolean): void {
  const old = before.doc.lastModified;
  const now = after.lastModified;
  if (typeof old !== 'number' || typeof now !== 'number') return;
  if (now < old)
    throw new ExploreViolation(blameOf('patch-last-modified'), `token #${before.label}: lastModified went back from ${old} to ${now}`);
  if (changed && now === old)
    throw new ExploreViolation(
      blameOf('patch-last-modified'),
      `token #${before.label}: a patch changed it, yet lastModified stayed ${old}`,
    );
}
