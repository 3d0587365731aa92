import fs from 'node:fs';
import path from 'node:path';
import { OPERATION_IDS, type OperationId } from '../spec/operation-ids';

/**
 * The documented response statuses of each operation: the columns of the coverage matrix. Read at
 * run time from the generated `schemas/operations/<op>.json` (so the matrix follows the spec the
 * contract checks use); when that file is absent, from the vendored OpenAPI document itself.
 */
export type DocumentedStatuses = Record<OperationId, number[]>;

export class DocumentedStatusesError extends Error {
  override name = 'DocumentedStatusesError';
}

const SPEC_PATHS: Record<OperationId, { path: string; method: string }> = {
  getTokens: { path: '/api/v2/tokens', method: 'get' },
  postToken: { path: '/api/v2/tokens', method: 'post' },
  getToken: { path: '/api/v2/tokens/{id}', method: 'get' },
  patchToken: { path: '/api/v2/tokens/{id}', method: 'patch' },
  deleteToken: { path: '/api/v2/tokens/{id}', method: 'delete' },
  resetToken: { path: '/api/v2/tokens/{id}/reset', method: 'post' },
};

export function loadDocumentedStatuses(rootDir: string = process.cwd()): DocumentedStatuses {
  const result = {} as DocumentedStatuses;
  let spec: unknown;
  for (const op of OPERATION_IDS) {
    const generated = path.join(rootDir, 'schemas', 'operations', `${op}.json`);
    const fromGenerated = fs.existsSync(generated) ? readStatusesFromOperationFile(generated) : undefined;
    if (fromGenerated && fromGenerated.length > 0) {
      result[op] = fromGenerated;
      continue;
    }
    spec ??= readJson(path.join(rootDir, 'specs', 'launchdarkly-openapi.json'));
    result[op] = readStatusesFromSpec(spec, op);
  }
  return result;
}

/**
 * Accepts the shapes an operation file may reasonably have: `{ responses: { "200": ... } }`,
 * `{ documentedStatuses: [200, ...] }` or `{ statuses: [...] }`.
 */
export function extractStatuses(doc: unknown): number[] | undefined {
  if (!isRecord(doc)) return undefined;
  for (const key of ['documentedStatuses', 'statuses']) {
    const list = doc[key];
    if (Array.isArray(list)) return normaliseStatuses(list.map(String));
  }
  const responses = doc.responses;
  if (isRecord(responses)) return normaliseStatuses(Object.keys(responses));
  return undefined;
}

export function readStatusesFromSpec(spec: unknown, op: OperationId): number[] {
  const { path: specPath, method } = SPEC_PATHS[op];
  const paths = isRecord(spec) ? spec.paths : undefined;
  const pathItem = isRecord(paths) ? paths[specPath] : undefined;
  const operation = isRecord(pathItem) ? pathItem[method] : undefined;
  const statuses = extractStatuses(operation);
  if (!statuses || statuses.length === 0) {
    throw new DocumentedStatusesError(`the spec documents no responses for ${op} (${method.toUpperCase()} ${specPath})`);
  }
  return statuses;
}

function readStatusesFromOperationFile(file: string): number[] | undefined {
  return extractStatuses(readJson(file));
}

function normaliseStatuses(keys: string[]): number[] {
  // 'default' or '4XX' ranges cannot be a matrix column; only concrete codes are.
  const codes = keys.filter((k) => /^\d{3}$/.test(k)).map(Number);
  return [...new Set(codes)].sort((a, b) => a - b);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DocumentedStatusesError(`cannot read documented statuses from ${file}: ${reason}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
