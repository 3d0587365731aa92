import { randomBytes } from 'node:crypto';

/**
 * Every token the suite creates is named `<prefix>-<runId>-<short random>` (rule H1), so a person, the global
 * teardown sweep and `npm run cleanup` can recognise it on a shared environment.
 */
export function makeTokenName(tokenNamePrefix: string, label?: string): string {
  const random = randomBytes(4).toString('hex');
  return label ? `${tokenNamePrefix}-${random}-${label}` : `${tokenNamePrefix}-${random}`;
}

export class TokenNameError extends Error {
  override name = 'TokenNameError';
}

/** Throws when a caller-supplied name would escape the run's prefix (and so the cleanup sweep). */
export function assertRunTokenName(name: string, tokenNamePrefix: string): void {
  if (!name.startsWith(`${tokenNamePrefix}-`)) {
    throw new TokenNameError(`token name "${name}" must start with "${tokenNamePrefix}-" (use tokens.newName())`);
  }
}
