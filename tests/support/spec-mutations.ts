/**
 * Small, realistic edits of the vendored spec for the diff, drift and update tests: each test
 * starts from a deep copy of specs/launchdarkly-openapi.json and changes one thing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedSpec } from '../../src/spec/load-spec';
import { DEFAULT_SPEC_PATH } from '../../src/spec/schema-ids';
import { REPO_ROOT } from '../unit/spec/cli-runner';

export type SpecDoc = Record<string, unknown> & {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
export type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; enum?: unknown[] };
export type Operation = Record<string, unknown> & {
  parameters?: Record<string, unknown>[];
  responses: Record<string, Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
};

export const VENDORED_SPEC_FILE = path.join(REPO_ROOT, DEFAULT_SPEC_PATH);

let vendored: SpecDoc | undefined;

/** A fresh deep copy of the vendored spec (parsed once per process). */
export function copyVendoredSpec(): SpecDoc {
  vendored ??= JSON.parse(readFileSync(VENDORED_SPEC_FILE, 'utf8')) as SpecDoc;
  return structuredClone(vendored);
}

export function asLoaded(document: SpecDoc, file: string): LoadedSpec {
  return { file, document: document as unknown as LoadedSpec['document'], sha256: '' };
}

export const COLLECTION = '/api/v2/tokens';
export const ITEM = '/api/v2/tokens/{id}';
export const RESET = '/api/v2/tokens/{id}/reset';

export function operation(spec: SpecDoc, pathTemplate: string, method: string): Operation {
  const op = spec.paths[pathTemplate]?.[method];
  if (!op) throw new Error(`test setup: no ${method} ${pathTemplate} in the spec`);
  return op;
}

export function schema(spec: SpecDoc, name: string): Schema {
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`test setup: no components.schemas.${name}`);
  return found;
}

export function property(spec: SpecDoc, schemaName: string, name: string): Schema {
  const found = schema(spec, schemaName).properties?.[name];
  if (!found) throw new Error(`test setup: no ${schemaName}.properties.${name}`);
  return found;
}

export function parameter(spec: SpecDoc, pathTemplate: string, method: string, name: string): Record<string, unknown> {
  const found = operation(spec, pathTemplate, method).parameters?.find((p) => p.name === name);
  if (!found) throw new Error(`test setup: no parameter ${name} on ${method} ${pathTemplate}`);
  return found;
}
