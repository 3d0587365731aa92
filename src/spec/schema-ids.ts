/**
 * Names shared by the generator (which writes `schemas/`) and the contract library (which
 * reads it): file layout, the `$id` base every generated schema carries, and the marker.
 * One place, so writer and reader cannot disagree.
 */

/** JSON Schema dialect of every generated schema file (see specs/README.md for why 2019-09). */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2019-09/schema';

/**
 * `$id` base. The `.invalid` TLD (RFC 2606) can never resolve, which makes it plain that the
 * ids are names, not download locations: the files are loaded from disk.
 */
export const SCHEMA_ID_BASE = 'https://ld-access-tokens-conformance.invalid/schemas/';

/** Where the vendored spec lives, relative to the repo root; named in every marker. */
export const DEFAULT_SPEC_PATH = 'specs/launchdarkly-openapi.json';

export function generatedMarker(specLabel: string): string {
  return `GENERATED from ${specLabel} by npm run schemas — do not edit`;
}

export const COMPONENTS_DIR = 'components';
export const OPERATIONS_DIR = 'operations';
export const INLINE_DIR = 'inline';
export const INDEX_FILE = 'index.json';

/** `components/Token.schema.json` (path relative to `schemas/`, always with `/`). */
export function componentFile(name: string): string {
  return `${COMPONENTS_DIR}/${name}.schema.json`;
}

export function operationFile(operationId: string): string {
  return `${OPERATIONS_DIR}/${operationId}.json`;
}

/** For request/response schemas written inline in the spec (none today; kept general). */
export function inlineFile(operationId: string, part: string): string {
  return `${INLINE_DIR}/${operationId}.${part}.schema.json`;
}

export function schemaIdFor(relativeFile: string): string {
  return SCHEMA_ID_BASE + relativeFile;
}
