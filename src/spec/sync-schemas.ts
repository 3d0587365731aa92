import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSchemaFiles, type GeneratedFiles } from './generate-schemas';
import { loadSpec } from './load-spec';
import { OPERATION_IDS } from '../domain/operations';

/**
 * `npm run schemas` (write) and `npm run schemas:check` (compare) over the same in-memory
 * generation. Both take the spec file and the schemas dir as parameters so tests can point
 * them at a temp copy.
 */

export interface SchemasLocation {
  /** Spec file on disk. */
  specFile: string;
  /** How generated markers name the spec (normally `specs/launchdarkly-openapi.json`). */
  specLabel: string;
  /** Output directory (normally `<repo>/schemas`). */
  schemasDir: string;
}

export interface DriftReport {
  inSync: boolean;
  /** Relative paths (with `/`) whose content differs from what the spec generates. */
  drifted: string[];
  /** Generated files absent on disk. */
  missing: string[];
  /** Files on disk the generator would not write. */
  extra: string[];
  /** Number of files the generator produces. */
  expectedCount: number;
}

export function buildExpectedFiles(location: Pick<SchemasLocation, 'specFile' | 'specLabel'>): GeneratedFiles {
  return generateSchemaFiles(loadSpec(location.specFile), OPERATION_IDS, { specLabel: location.specLabel });
}

/** Every file under `dir`, relative, `/`-separated, sorted. Missing dir → []. */
export function listFiles(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(dir, relative));
    else files.push(relative);
  }
  return files.sort();
}

export function compareSchemaFiles(schemasDir: string, expected: GeneratedFiles): DriftReport {
  const onDisk = new Set(listFiles(schemasDir));
  const drifted: string[] = [];
  const missing: string[] = [];
  for (const [file, content] of expected) {
    if (!onDisk.has(file)) missing.push(file);
    else if (readFileSync(path.join(schemasDir, file), 'utf8') !== content) drifted.push(file);
  }
  const extra = [...onDisk].filter((file) => !expected.has(file));
  return { inSync: drifted.length + missing.length + extra.length === 0, drifted, missing, extra, expectedCount: expected.size };
}

export function checkSchemas(location: SchemasLocation): DriftReport {
  return compareSchemaFiles(location.schemasDir, buildExpectedFiles(location));
}

/** Writes every generated file and removes files the generator no longer produces. */
export function writeSchemas(location: SchemasLocation): { written: number; removed: string[] } {
  const expected = buildExpectedFiles(location);
  const removed = listFiles(location.schemasDir).filter((file) => !expected.has(file));
  for (const file of removed) rmSync(path.join(location.schemasDir, file));
  for (const [file, content] of expected) {
    const target = path.join(location.schemasDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { written: expected.size, removed };
}

export function describeDrift(report: DriftReport, schemasLabel: string): string[] {
  return [
    ...report.drifted.map((file) => `drifted: ${schemasLabel}/${file} differs from what the spec generates`),
    ...report.missing.map((file) => `missing: ${schemasLabel}/${file} is not on disk`),
    ...report.extra.map((file) => `extra:   ${schemasLabel}/${file} is not generated from the spec`),
  ];
}
