/**
 * `npm run spec:update -- <file or URL>`: the day the API moves, in one command. Replaces the
 * vendored spec with the new bytes unchanged, regenerates schemas/, rewrites the provenance in
 * specs/README.md, and returns the diff (old → new) for the caller to print.
 *
 * Nothing is written unless the new spec is OpenAPI 3.0.x, has the six operations and converts
 * (the schemas are generated in memory first): a bad download never leaves a half-updated tree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSchemaFiles } from './generate-schemas';
import { loadSpec, parseSpecBytes } from './load-spec';
import { OPERATION_IDS } from '../domain/operations';
import { describeFormat, PROVENANCE_FILE, updateProvenance, type ProvenanceRow } from './provenance';
import { DEFAULT_SPEC_PATH } from './schema-ids';
import { diffSpecs, type SpecDiff } from './spec-diff';
import { readSpecSource } from './spec-source';
import { writeSchemas } from './sync-schemas';

export interface UpdateOptions {
  /** Repository root holding specs/ and schemas/. */
  root: string;
  /** The new spec: a file or an http(s) URL. */
  source: string;
  /** Text for the Source and Commit rows; a URL source defaults to the URL and the download date. */
  sourceNote?: string;
  commitNote?: string;
  timeoutMs?: number;
  now?: Date;
}

export interface UpdateResult {
  diff: SpecDiff;
  /** The file's bytes did not change (nothing was written but the same content). */
  unchanged: boolean;
  schemasWritten: number;
  schemasRemoved: string[];
  /** Provenance rows rewritten, and a note when Source/Commit were kept as they were. */
  provenanceRows: ProvenanceRow[];
  keptSourceRows: boolean;
}

export async function updateVendoredSpec(options: UpdateOptions): Promise<UpdateResult> {
  const specFile = path.join(options.root, DEFAULT_SPEC_PATH);
  const readmeFile = path.join(options.root, PROVENANCE_FILE);
  const current = loadSpec(specFile);
  const source = await readSpecSource(options.source, options.timeoutMs);
  // The generator speaks OpenAPI 3.0 only: check it, and generate once in memory, before writing anything.
  const next = parseSpecBytes(source.bytes, options.source, '3.0.');
  generateSchemaFiles(next, OPERATION_IDS, { specLabel: DEFAULT_SPEC_PATH });
  const readme = readFileSync(readmeFile, 'utf8');

  const rows: Partial<Record<ProvenanceRow, string>> = { sha256: `\`${next.sha256}\``, Format: describeFormat(next.document) };
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const sourceNote = options.sourceNote ?? (source.kind === 'url' ? options.source : undefined);
  const commitNote = options.commitNote ?? (source.kind === 'url' ? `none: downloaded ${day} by npm run spec:update` : undefined);
  if (sourceNote !== undefined) rows.Source = sourceNote;
  if (commitNote !== undefined) rows.Commit = commitNote;
  const updatedReadme = updateProvenance(readme, rows);

  writeFileSync(specFile, source.bytes);
  const { written, removed } = writeSchemas({ specFile, specLabel: DEFAULT_SPEC_PATH, schemasDir: path.join(options.root, 'schemas') });
  writeFileSync(readmeFile, updatedReadme);
  return {
    diff: diffSpecs({ ...current, file: DEFAULT_SPEC_PATH }, next),
    unchanged: current.sha256 === next.sha256,
    schemasWritten: written,
    schemasRemoved: removed,
    provenanceRows: Object.keys(rows) as ProvenanceRow[],
    keptSourceRows: sourceNote === undefined || commitNote === undefined,
  };
}
