/**
 * Reads a spec named on the command line — a file path or an http(s) URL — into bytes and a
 * parsed document. Every failure (missing file, unreachable host, no answer in time, HTTP error,
 * not JSON, not OpenAPI 3.x) is a one-line SpecError, which the CLIs print as is (exit 2).
 */
import { readFileSync } from 'node:fs';
import { parseSpecBytes, type LoadedSpec } from './load-spec';
import { SpecError } from './spec-error';

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;

export interface SpecSource extends LoadedSpec {
  /** The bytes exactly as read or downloaded (spec:update vendors them unchanged). */
  bytes: Buffer;
  kind: 'file' | 'url';
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

export async function readSpecSource(source: string, timeoutMs = DEFAULT_FETCH_TIMEOUT_MS): Promise<SpecSource> {
  const kind = isUrl(source) ? 'url' : 'file';
  const bytes = kind === 'url' ? await downloadSpec(source, timeoutMs) : readSpecFile(source);
  return { ...parseSpecBytes(bytes, source, '3.'), bytes, kind };
}

function readSpecFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SpecError(file, '', 'file does not exist');
    if (code === 'EISDIR') throw new SpecError(file, '', 'is a directory, not a spec file');
    throw new SpecError(file, '', `cannot read file (${code ?? String(error)})`);
  }
}

async function downloadSpec(url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new SpecError(url, '', describeFetchFailure(error, timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new SpecError(url, '', `the server answered HTTP ${response.status}, not the spec`);
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new SpecError(url, '', describeFetchFailure(error, timeoutMs));
  }
}

/** fetch's errors hide the cause (ECONNREFUSED, ENOTFOUND) one level down. */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : error instanceof Error
          ? error.message
          : String(error);
  return `unreachable (${detail.split('\n')[0] ?? detail})`;
}
