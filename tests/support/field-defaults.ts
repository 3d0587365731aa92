import fs from 'node:fs';
import path from 'node:path';

/**
 * Values a server may pick BY ITSELF for a field it was sent. An echo check ("the 201 shows the role I
 * sent", "the read after a patch shows the new value", "limit caps the page") proves nothing when the value
 * sent is one of these: a server that ignores the field and fills in its own value passes it too. So every
 * echo check goes through `assertProvingValue` (see expectHonoured), and the unit test
 * tests/unit/suite-support/field-defaults.spec.ts checks the fixtures against this table and checks the
 * table against what the reference server and the alt server really fill in.
 *
 * Sources, in order: the `default` keyword of the generated schemas (none today, read anyway so a spec
 * update that adds one is picked up), the first member of an `enum`, a "Defaults to N" in a parameter's
 * description, the zero value of the field's JSON type, and servers' fill-ins (KNOWN_FILL_INS).
 */

export type HonouredField = 'name' | 'description' | 'role' | 'customRoleIds' | 'inlineRole' | 'serviceToken' | 'defaultApiVersion';
export type HonouredParam = 'limit' | 'offset';

export interface ServerChoice {
  value: unknown;
  /** Why a server might choose it, for the message of a rejected value. */
  source: string;
}

const SCHEMAS_DIR = path.resolve(__dirname, '../../schemas');

/**
 * What servers fill in when a field is not sent. The reference server's and the alt server's values are
 * checked by the unit test; 20240415 is also the newest API version the spec's `info.description` names.
 */
export const KNOWN_FILL_INS: Readonly<Partial<Record<HonouredField, readonly ServerChoice[]>>> = {
  role: [{ value: 'reader', source: 'the least-privilege role a server gives a token sent without one' }],
  defaultApiVersion: [
    { value: 20240415, source: 'the latest API version (reference server fill-in)' },
    { value: 20220603, source: 'the alt server fill-in' },
  ],
};

interface JsonSchema {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as unknown;
}

const ZERO_VALUES: Record<string, unknown> = { string: '', boolean: false, integer: 0, number: 0, array: [] };

function choicesOf(schema: JsonSchema, where: string): ServerChoice[] {
  const choices: ServerChoice[] = [];
  if (schema.default !== undefined) choices.push({ value: schema.default, source: `the \`default\` of ${where}` });
  if (schema.enum && schema.enum.length > 0) choices.push({ value: schema.enum[0], source: `the first enum member of ${where}` });
  const stated = /Defaults to (-?\d+)/.exec(schema.description ?? '');
  if (stated?.[1] !== undefined)
    choices.push({ value: Number(stated[1]), source: `"Defaults to ${stated[1]}" in the description of ${where}` });
  if (schema.type !== undefined && schema.type in ZERO_VALUES)
    choices.push({ value: ZERO_VALUES[schema.type], source: `the zero value of ${where} (${schema.type})` });
  return choices;
}

let cached: { fields: Record<string, ServerChoice[]>; params: Record<string, ServerChoice[]> } | undefined;

/** The table, derived once per process from schemas/ plus KNOWN_FILL_INS. */
export function serverChoices(): { fields: Record<string, ServerChoice[]>; params: Record<string, ServerChoice[]> } {
  if (cached) return cached;
  const post = readJson('components/AccessTokenPost.schema.json') as JsonSchema;
  const fields: Record<string, ServerChoice[]> = {};
  for (const [name, schema] of Object.entries(post.properties ?? {})) {
    fields[name] = [...choicesOf(schema, `AccessTokenPost.${name}`), ...(KNOWN_FILL_INS[name as HonouredField] ?? [])];
  }
  const getTokens = readJson('operations/getTokens.json') as { parameters?: { name: string; description?: string; schema?: JsonSchema }[] };
  const params: Record<string, ServerChoice[]> = {};
  for (const p of getTokens.parameters ?? []) {
    params[p.name] = choicesOf({ ...p.schema, description: p.description ?? p.schema?.description ?? '' }, `getTokens ?${p.name}`);
  }
  cached = { fields, params };
  return cached;
}

/** Thrown when a test is built so that it cannot fail for the server fault it is meant to catch. */
export class UnprovingValueError extends Error {
  override name = 'UnprovingValueError';
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The server choice `value` coincides with, if any. */
export function findServerChoice(kind: 'fields' | 'params', name: string, value: unknown): ServerChoice | undefined {
  return serverChoices()[kind][name]?.find((choice) => sameJson(choice.value, value));
}

/**
 * Throws UnprovingValueError when `value` is something a server could have chosen by itself for `field`,
 * or equals `previous` (the value the token already had, e.g. before a patch).
 */
export function assertProvingValue(field: HonouredField, value: unknown, context: string, previous?: { value: unknown }): void {
  const choice = findServerChoice('fields', field, value);
  if (choice) {
    throw new UnprovingValueError(
      `${context}: the echo check of ${field} sends ${JSON.stringify(value)}, ${choice.source}; a server that ignores ${field} passes it too. Send a value no server picks by itself.`,
    );
  }
  if (previous !== undefined && sameJson(previous.value, value)) {
    throw new UnprovingValueError(
      `${context}: ${field} is set to the value it already had (${JSON.stringify(value)}); a server that ignores the change passes too.`,
    );
  }
}

/** Same for a getTokens query parameter (paging checks). */
export function assertProvingParam(param: HonouredParam, value: number, context: string): void {
  const choice = findServerChoice('params', param, value);
  if (choice) {
    throw new UnprovingValueError(
      `${context}: the paging check sends ${param}=${value}, ${choice.source}; a server that ignores ${param} passes it too.`,
    );
  }
}
