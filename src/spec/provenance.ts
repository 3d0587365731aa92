/**
 * The provenance table of specs/README.md — where the vendored spec came from, its sha256 and
 * its format — read (the sha256 test checks the file against it) and rewritten (spec:update).
 * Rows are `| Name | value |` lines; the ones spec:update derives from the file itself (sha256,
 * Format) are always rewritten, Source and Commit only when told (a local file says neither).
 */
import type { OpenAPIV3 } from 'openapi-types';
import { SpecError } from './spec-error';

export const PROVENANCE_FILE = 'specs/README.md';

export type ProvenanceRow = 'Source' | 'Commit' | 'sha256' | 'Format';

const ROW = (name: string): RegExp => new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm');

export function readProvenanceRow(text: string, row: ProvenanceRow): string {
  const match = ROW(row).exec(text);
  if (!match?.[1]) throw new SpecError(PROVENANCE_FILE, row, `no "| ${row} | … |" row in the provenance table`);
  return match[1];
}

/** The sha256 the README records, without its backticks. */
export function readRecordedSha256(text: string): string {
  const value = readProvenanceRow(text, 'sha256');
  const match = /^`([0-9a-f]{64})`$/.exec(value);
  if (!match?.[1]) throw new SpecError(PROVENANCE_FILE, 'sha256', `expected \`<64 hex digits>\`, found ${value}`);
  return match[1];
}

/** `OpenAPI 3.0.3, 221 paths, \`info.version\` 2.0`: what the Format row says of a document. */
export function describeFormat(document: OpenAPIV3.Document): string {
  return `OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paths, \`info.version\` ${document.info?.version ?? '?'}`;
}

export function updateProvenance(text: string, rows: Partial<Record<ProvenanceRow, string>>): string {
  let updated = text;
  for (const [row, value] of Object.entries(rows) as [ProvenanceRow, string][]) {
    readProvenanceRow(updated, row); // fails, naming the row, when it is missing
    updated = updated.replace(ROW(row), () => `| ${row} | ${value} |`);
  }
  return updated;
}
