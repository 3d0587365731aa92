import fs from 'node:fs';
import YAML from 'yaml';
import { isOperationId, type OperationId } from '../domain/operations';
import { DiffInputError } from './diff-input-error';

/**
 * An accepted difference, keyed by the report's own path: the operation and the location (`status`,
 * `header <name>`, or a JSON pointer), with the reason a person gave, like a known-deviations entry.
 */
export interface IgnoreEntry {
  operation: OperationId;
  location: string;
  reason: string;
}

/**
 * Reads `--ignore file` (YAML or JSON): `ignore: [{operation, location, reason}]`. A missing reason, an unknown
 * operation or a stray key is bad input: an entry nobody can explain hides a regression.
 */
export function readIgnoreFile(file: string): IgnoreEntry[] {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DiffInputError(
      `--ignore ${file}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : 'not YAML or JSON'}.`,
    );
  }
  return checkIgnoreEntries(data, `--ignore ${file}`);
}

export function checkIgnoreEntries(data: unknown, source: string): IgnoreEntry[] {
  const list = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>).ignore : undefined;
  if (!Array.isArray(list)) throw new DiffInputError(`${source}: expected a top-level "ignore:" list of {operation, location, reason}.`);
  return list.map((raw: unknown, index): IgnoreEntry => {
    const where = `${source}: entry ${index + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DiffInputError(`${where} is not a mapping.`);
    const entry = raw as Record<string, unknown>;
    const stray = Object.keys(entry).filter((key) => !['operation', 'location', 'reason'].includes(key));
    if (stray.length > 0)
      throw new DiffInputError(`${where} has unknown key(s) ${stray.join(', ')} (expected operation, location, reason).`);
    if (typeof entry.operation !== 'string' || !isOperationId(entry.operation))
      throw new DiffInputError(`${where}: "operation" must be an operationId.`);
    if (typeof entry.location !== 'string' || entry.location === '')
      throw new DiffInputError(`${where}: "location" must be a report path (status, header <name>, /json/pointer).`);
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '')
      throw new DiffInputError(`${where}: "reason" is required (say why this difference is accepted).`);
    return { operation: entry.operation, location: entry.location, reason: entry.reason.trim() };
  });
}
