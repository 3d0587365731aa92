/**
 * Validates a summary.json document against its published schema (report-schemas/summary.schema.json): the tests
 * hold every writer (a passed, failed, stopped and merged run) to it, and a reader of a history of nights can too.
 * One ajv instance, compiled once per process, with the draft the contract judge uses (2019-09).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

export const SUMMARY_SCHEMA_FILE = path.resolve(__dirname, '../../report-schemas/summary.schema.json');

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SUMMARY_SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

/** One line per violation (`/failures/0/kind: must be equal to one of the allowed values`); empty when valid. */
export function validateSummary(doc: unknown): string[] {
  const validate = validator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
  });
}
