/**
 * Readers of single environment variables, each failing with one ConfigError line that names the
 * variable, the value and what is expected. Only documented spellings pass; a typo never silently
 * falls back to a default.
 */
import { ConfigError } from './config-error';

/** A set, non-blank variable, trimmed; undefined otherwise (a `.env` copied from `.env.example` has blanks). */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readPositiveNumber(env: NodeJS.ProcessEnv, name: string): number {
  const raw = envValue(env, name) ?? '';
  const parsed = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new ConfigError(`${name} must be a positive number, got "${raw}".`);
  }
  return parsed;
}

export function readPositiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = envValue(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}".`);
  }
  return parsed;
}

export function readNonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = envValue(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed)) {
    throw new ConfigError(`${name} must be a whole number of milliseconds (0 or more), got "${raw}".`);
  }
  return parsed;
}

/**
 * An on/off switch. Documented spellings: 1 or 0, true or false (any case); unset or blank is off.
 * Anything else (yes, on, y, 2, …) is an error: a switch that guards production or strictness must
 * never be read as "off" because of a spelling.
 */
export function readSwitch(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = envValue(env, name);
  if (raw === undefined) return false;
  const lower = raw.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0 (or true/false), got "${raw}".`);
}
