/**
 * Readers for flag (and environment) values shared by the commands, each failing with one
 * UsageError line that names where the value came from (`--runs`, `REF_PORT`, …).
 */
import { UsageError } from './parse-flags';

/** A whole number >= min (and <= max when given); `source` names the flag or variable. */
export function readInteger(text: string, source: string, bounds: { min: number; max?: number }): number {
  const n = Number(text.trim());
  const ok = /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(n) && n >= bounds.min && (bounds.max === undefined || n <= bounds.max);
  if (!ok) {
    const range = bounds.max === undefined ? `>= ${bounds.min}` : `in ${bounds.min}..${bounds.max}`;
    throw new UsageError(`${source}: "${text}" is not an integer ${range}`);
  }
  return n;
}

/** `a, b,c` → ['a', 'b', 'c']; empty items dropped. */
export function readList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A list whose every item is one of `allowed`; names the unknown ones. */
export function readChoices<T extends string>(text: string, source: string, allowed: readonly T[], what: string): T[] {
  const items = readList(text);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length) throw new UsageError(`${source}: unknown ${what} ${unknown.join(', ')} (${what}s: ${allowed.join(', ')})`);
  if (!items.length) throw new UsageError(`${source} needs at least one ${what}`);
  return items as T[];
}
