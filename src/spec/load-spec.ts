import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { OpenAPIV3 } from 'openapi-types';
import { SpecError } from './spec-error';

export interface LoadedSpec {
  /** The path as given (used in error messages and the generated marker). */
  file: string;
  document: OpenAPIV3.Document;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
}

/**
 * Reads and parses an OpenAPI 3.0.x JSON file. Every failure is a SpecError naming the file
 * and, for a parse error, the line and column.
 */
export function loadSpec(file: string): LoadedSpec {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(file, '', code === 'ENOENT' ? 'file does not exist' : `cannot read file (${code ?? String(error)})`);
  }
  return parseSpecBytes(bytes, file, '3.0.');
}

/**
 * Parses spec bytes (a file's, or a download's) into a LoadedSpec. `versionPrefix` is what
 * `openapi` must start with: the schema generator only speaks 3.0.x, the diff any 3.x.
 */
export function parseSpecBytes(bytes: Buffer, file: string, versionPrefix: '3.0.' | '3.'): LoadedSpec {
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SpecError(file, describeParsePosition(text, error), `not valid JSON (${firstLine(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SpecError(file, '', 'expected a JSON object at the top level');
  }
  const doc = parsed as Partial<OpenAPIV3.Document>;
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith(versionPrefix)) {
    const expected = versionPrefix === '3.0.' ? 'OpenAPI 3.0.x' : 'OpenAPI 3.x';
    throw new SpecError(file, 'openapi', `expected an ${expected} document, found openapi=${JSON.stringify(doc.openapi)}`);
  }
  if (typeof doc.paths !== 'object' || doc.paths === null) {
    throw new SpecError(file, 'paths', 'missing or not an object');
  }
  return { file, document: parsed as OpenAPIV3.Document, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** Node's JSON.parse reports "at position N" (Node 20) — turn it into line:column. */
function describeParsePosition(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!match?.[1]) return '';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line} column ${column}`;
}
