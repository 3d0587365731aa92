import { API_VERSIONS, ROLES, type Role, type StatementData } from './token-model';

/**
 * Field validation shared by postToken and patchToken. Each validator returns the typed value or a
 * one-line reason; callers decide the status (400 for postToken; 400 or 422 for patchToken).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** Generous but finite: a bounded server is a correct server (A7 allows a 400 for huge strings). */
export const MAX_NAME_LENGTH = 256;
export const MAX_DESCRIPTION_LENGTH = 4096;

export function checkText(field: string, value: unknown, max: number): Checked<string> {
  if (typeof value !== 'string') return fail(`${field} must be text`);
  if (value.length > max) return fail(`${field} is longer than ${max} characters`);
  return ok(value);
}

export function checkRole(value: unknown): Checked<Role> {
  if (typeof value !== 'string') return fail('role must be text');
  const role = ROLES.find((r) => r === value);
  return role ? ok(role) : fail(`role "${value.slice(0, 40)}" is not one of ${ROLES.join(', ')}`);
}

export function checkStringList(field: string, value: unknown): Checked<string[]> {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    return fail(`${field} must be a list of text values`);
  return ok([...value]);
}

export function checkBoolean(field: string, value: unknown): Checked<boolean> {
  return typeof value === 'boolean' ? ok(value) : fail(`${field} must be true or false`);
}

export function checkApiVersion(value: unknown): Checked<number> {
  if (typeof value !== 'number' || !Number.isInteger(value)) return fail('defaultApiVersion must be a whole number');
  return API_VERSIONS.includes(value)
    ? ok(value)
    : fail(`defaultApiVersion ${value} is not a supported API version (${API_VERSIONS.join(', ')})`);
}

const STATEMENT_LISTS = ['resources', 'notResources', 'actions', 'notActions'] as const;

export function checkStatements(value: unknown): Checked<StatementData[]> {
  if (!Array.isArray(value)) return fail('inlineRole must be a list of policy statements');
  const statements: StatementData[] = [];
  for (const [index, raw] of value.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`inlineRole[${index}] must be an object`);
    const record = raw as Record<string, unknown>;
    if (record.effect !== 'allow' && record.effect !== 'deny') return fail(`inlineRole[${index}].effect must be "allow" or "deny"`);
    const statement: StatementData = { effect: record.effect };
    for (const key of STATEMENT_LISTS) {
      if (record[key] === undefined) continue;
      const list = checkStringList(`inlineRole[${index}].${key}`, record[key]);
      if (!list.ok) return list;
      statement[key] = list.value;
    }
    statements.push(statement);
  }
  return ok(statements);
}
