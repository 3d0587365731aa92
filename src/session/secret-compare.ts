import { createHash } from 'node:crypto';

/**
 * Secrets are compared by fingerprint or with boolean assertions whose message never contains them: a failing
 * `expect(a).toBe(secret)` would print the secret into the report (rule H2).
 */

/** A short, non-reversible fingerprint safe to print in an assertion message. */
export function fingerprintSecret(secret: unknown): string {
  if (typeof secret !== 'string') return `<not a string: ${typeof secret}>`;
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 12)} (length ${secret.length})`;
}

/** The last four characters, what an obfuscated read should show (rule D1). */
export function lastFour(secret: string): string {
  return secret.slice(-4);
}

/** True when `value` looks like a whole secret: a string longer than the four characters reads show. */
export function isWholeSecret(value: unknown): value is string {
  return typeof value === 'string' && value.length > 4;
}

/**
 * True when `secret` occurs inside any string anywhere in `value` (a field, an href, a nested object): rule D1
 * says a whole secret in ANY read is a security failure, not only in `token`. Boolean, so a failing assertion
 * never prints the secret (H2).
 */
export function containsSecret(value: unknown, secret: string): boolean {
  if (secret.length <= 4) return false;
  if (typeof value === 'string') return value.includes(secret);
  if (Array.isArray(value)) return value.some((item) => containsSecret(item, secret));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).some(([key, item]) => key.includes(secret) || containsSecret(item, secret));
  return false;
}
