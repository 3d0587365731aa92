import { randomBytes } from 'node:crypto';

/**
 * Secrets of this server are `api-` + 40 lowercase hex characters (44 characters; the reference server
 * uses another format on purpose, so a suite that parses secrets is caught).
 */
export function generateSecret(): string {
  return `api-${randomBytes(20).toString('hex')}`;
}

/** Reads show only the last four characters of a secret (rule D1). */
export function obfuscateSecret(secret: string): string {
  return secret.slice(-4);
}
