import { randomBytes } from 'node:crypto';

/** Characters that are safe in a token name and in a file name: the run prefix and run id use only these. */
export const SAFE_NAME_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

/**
 * A new run id: time-ordered (base36 epoch ms, so leftovers sort by age when listed) plus randomness
 * (two runs started in the same millisecond on different CI machines still differ).
 */
export function generateRunId(now: number = Date.now()): string {
  return `${now.toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Makes sure `env.LD_RUN_ID` is set, generating it when absent, and returns it. Called once in the main
 * process (global setup) before workers start, so every worker inherits the same id.
 */
export function ensureRunId(env: NodeJS.ProcessEnv = process.env): string {
  const existing = env.LD_RUN_ID?.trim();
  if (existing) return existing;
  const runId = generateRunId();
  env.LD_RUN_ID = runId;
  return runId;
}

/**
 * True when `name` belongs to the run whose token names start with `prefix`: the prefix followed by the
 * end of the name or a separator. The boundary matters: run `ldct-abc1` must not claim `ldct-abc12-x`.
 */
export function nameHasRunPrefix(name: string, prefix: string): boolean {
  if (!prefix || !name.startsWith(prefix)) return false;
  const next = name.charAt(prefix.length);
  return next === '' || !/[A-Za-z0-9]/.test(next);
}
