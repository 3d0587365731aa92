/**
 * The checks explore's commands share: allowed statuses, a Token equal to the model, no whole secret in a
 * read, the obfuscated last four characters, lastModified that never goes back. Each throws an
 * ExploreViolation naming the rule; no message ever holds a secret.
 */
import type { ApiResult } from '../client/api-client';
import type { RuleRef } from '../domain/rules';
import { redactSecrets } from '../contract';
import { ExploreViolation, type ExploreSystem } from './explore-system';
import { asRecord, type ModelToken } from './explore-model';
import { differingKeys, projectToken } from './token-projection';

export function show(value: unknown, max = 160): string {
  const text = value === undefined ? 'absent' : (JSON.stringify(value) ?? 'absent');
  const redacted = redactSecrets(text);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

export function expectStatus(result: ApiResult, allowed: readonly number[], rule: RuleRef, why: string): void {
  if (!allowed.includes(result.status)) {
    throw new ExploreViolation(rule, `${result.operationId} answered ${result.status}, expected ${allowed.join(' or ')}: ${why}`);
  }
}

export function tokenBody(result: ApiResult, rule: RuleRef): Record<string, unknown> {
  const body = asRecord(result.json());
  if (!body) throw new ExploreViolation(rule, `${result.operationId} ${result.status} carries no Token object`);
  return body;
}

/** The server's Token must equal the model's on every compared field. */
export function expectLikeModel(expected: Record<string, unknown>, actual: Record<string, unknown>, rule: RuleRef, what: string): void {
  const want = projectToken(expected);
  const got = projectToken(actual);
  const keys = differingKeys(want, got);
  if (keys.length > 0) {
    throw new ExploreViolation(
      rule,
      `${what}: ${keys.map((key) => `${key} is ${show(got[key])}, the model says ${show(want[key])}`).join('; ')}`,
    );
  }
}

/** D1: no read carries a whole secret of any token the run created (boolean search; nothing printed). */
export function expectNoWholeSecret(result: ApiResult, system: ExploreSystem): void {
  if (system.allSecrets().some((secret) => secret.length > 4 && result.bodyText.includes(secret))) {
    throw new ExploreViolation(
      'D1',
      `${result.operationId} ${result.status} shows a whole secret of a token this run created (masked in the steps above)`,
    );
  }
}

/** D1: a read's `token` is the last four characters of the current secret. */
export function expectLastFour(body: Record<string, unknown>, currentSecret: string | undefined, label: number): void {
  if (typeof body.token !== 'string' || currentSecret === undefined) return;
  if (body.token !== currentSecret.slice(-4)) {
    throw new ExploreViolation('D1', `token #${label}: "token" is not the last four characters of its current secret`);
  }
}

/** E1: lastModified never goes back, and moves on when a setting really changed. */
export function expectLastModified(before: ModelToken, after: Record<string, unknown>, changed: boolean): void {
  const old = before.doc.lastModified;
  const now = after.lastModified;
  if (typeof old !== 'number' || typeof now !== 'number') return;
  if (now < old) throw new ExploreViolation('E1', `token #${before.label}: lastModified went back from ${old} to ${now}`);
  if (changed && now === old)
    throw new ExploreViolation('E1', `token #${before.label}: a patch changed it, yet lastModified stayed ${old}`);
}
