import type { NormalisedResponse } from './normalise';

/**
 * Where two normalised answers differ: `status`, `header <name>`, or a JSON pointer into the body (RFC 6901; `` is
 * the whole body). These are the report's paths, and an ignore file's entries use them as they are.
 */
export interface Difference {
  location: string;
  /** The value on each side at that location; undefined = absent there. */
  a: unknown;
  b: unknown;
}

export function diffResponses(a: NormalisedResponse, b: NormalisedResponse): Difference[] {
  const out: Difference[] = [];
  if (a.status !== b.status) out.push({ location: 'status', a: a.status, b: b.status });
  for (const name of [...new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])].sort()) {
    if (a.headers[name] !== b.headers[name]) out.push({ location: `header ${name}`, a: a.headers[name], b: b.headers[name] });
  }
  diffValues(a.body, b.body, '', out);
  return out;
}

function diffValues(a: unknown, b: unknown, pointer: string, out: Difference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], `${pointer}/${i}`, out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      diffValues(a[key], b[key], `${pointer}/${escapePointer(key)}`, out);
    }
    return;
  }
  if (!sameValue(a, b)) out.push({ location: pointer === '' ? 'body' : pointer, a, b });
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
