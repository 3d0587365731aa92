/**
 * How explore compares a Token the server sent with the model: the fields a client relies on (identity,
 * echoed settings, E2 fields), normalised over what the spec leaves open — an unset list may be absent
 * or empty, statements keep only StatementPost's members, extra undocumented fields are ignored — plus
 * the leniencies the rules grant a correct server when it refuses an otherwise valid value.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OpenRowId } from './prediction-rules';
import { loadComponentSchema, propertySchemas } from './schema-source';

const STATEMENT_KEYS = Object.keys(propertySchemas(loadComponentSchema('StatementPost')));
/** Fields that never change after creation (C3) or that only postToken sets. */
const FIXED_FIELDS = ['_id', 'ownerId', 'memberId', 'creationDate', 'serviceToken', 'defaultApiVersion'] as const;
const SETTINGS = ['name', 'description', 'role', 'customRoleIds', 'inlineRole'] as const;

/** A string longer than this may be refused by a bounded server (A7). */
export const LONG_STRING = 256;

export function pickFields(doc: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => doc[key] !== undefined).map((key) => [key, doc[key]]));
}

function normaliseStatement(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const s = raw as Record<string, unknown>;
  return Object.fromEntries(
    STATEMENT_KEYS.filter((key) => s[key] !== undefined && !(Array.isArray(s[key]) && (s[key] as unknown[]).length === 0)).map((key) => [
      key,
      s[key],
    ]),
  );
}

/** The comparable view of a Token representation. */
export function projectToken(doc: Record<string, unknown>): Record<string, unknown> {
  const view = pickFields(doc, [...FIXED_FIELDS, 'name', 'description', 'role']);
  view.customRoleIds = Array.isArray(doc.customRoleIds) ? doc.customRoleIds : (doc.customRoleIds ?? []);
  view.inlineRole = Array.isArray(doc.inlineRole) ? doc.inlineRole.map(normaliseStatement) : (doc.inlineRole ?? []);
  return view;
}

/** The settings a postToken body asked for, in the same view (only what was sent). */
export function projectSent(body: Record<string, unknown>): Record<string, unknown> {
  const view = projectToken({ ...pickFields(body, [...SETTINGS, 'serviceToken', 'defaultApiVersion']) });
  for (const key of ['customRoleIds', 'inlineRole']) if (body[key] === undefined) delete view[key];
  return view;
}

/** Keys where `actual` differs from `expected` (only keys `expected` has, or both have). */
export function differingKeys(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].filter((key) => !isDeepStrictEqual(expected[key], actual[key])).sort();
}

function length(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

function hasBoth(statement: unknown, a: string, b: string): boolean {
  if (typeof statement !== 'object' || statement === null) return false;
  const s = statement as Record<string, unknown>;
  return Array.isArray(s[a]) && (s[a] as unknown[]).length > 0 && Array.isArray(s[b]) && (s[b] as unknown[]).length > 0;
}

/**
 * The open row of the prediction table (prediction-rules.ts) under which a correct server may refuse
 * settings that are schema-valid, or null when it must accept them: bounded strings (A7), custom role ids
 * it may check for existence, a token left with no role of any kind, and statements using both a list and
 * its negation (StatementPost: "resources must be empty to use notResources").
 */
export function leniencyFor(fields: Record<string, unknown>, before: Record<string, unknown> = {}): OpenRowId | null {
  if (length(fields.name) > LONG_STRING || length(fields.description) > LONG_STRING) return 'long-string';
  const roleIds = Array.isArray(fields.customRoleIds) ? fields.customRoleIds : [];
  if (roleIds.length > 0 && !isDeepStrictEqual(roleIds, before.customRoleIds)) return 'custom-role-ids-checked';
  const inline = Array.isArray(fields.inlineRole) ? fields.inlineRole : [];
  if (fields.role === undefined && roleIds.length === 0 && inline.length === 0) return 'no-role-at-all';
  if (inline.some((s) => hasBoth(s, 'resources', 'notResources') || hasBoth(s, 'actions', 'notActions'))) return 'statement-negation';
  return null;
}
