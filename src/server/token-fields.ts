import { isRole, type Role, type Statement } from './model';

/**
 * Field validators shared by postToken (C5 → 400) and patchToken (E4 → 422). Each returns
 * null when the value is fine, or a one-line reason.
 */

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

const STATEMENT_LISTS = ['resources', 'notResources', 'actions', 'notActions'] as const;

export function checkStatement(v: unknown, where: string): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${where} must be an object`;
  const s = v as Record<string, unknown>;
  if (s.effect === undefined) return `${where}.effect is required`;
  if (s.effect !== 'allow' && s.effect !== 'deny') return `${where}.effect must be "allow" or "deny"`;
  for (const key of STATEMENT_LISTS) {
    if (s[key] !== undefined && !isStringArray(s[key])) return `${where}.${key} must be an array of strings`;
  }
  return null;
}

export function checkInlineRole(v: unknown): string | null {
  if (!Array.isArray(v)) return 'inlineRole must be an array of statements';
  for (const [i, s] of v.entries()) {
    const why = checkStatement(s, `inlineRole[${i}]`);
    if (why) return why;
  }
  return null;
}

/** Keep only the Statement fields the spec knows, so unknown keys are not echoed back. */
export function toStatement(v: unknown): Statement {
  const s = v as Record<string, unknown>;
  const out: Statement = { effect: s.effect as Statement['effect'] };
  for (const key of STATEMENT_LISTS) if (s[key] !== undefined) out[key] = [...(s[key] as string[])];
  return out;
}

export function checkString(name: string, v: unknown): string | null {
  return typeof v === 'string' ? null : `${name} must be a string`;
}

export function checkRole(v: unknown): string | null {
  return isRole(v) ? null : 'role must be one of reader, writer, admin';
}

export function checkCustomRoleIds(v: unknown): string | null {
  return isStringArray(v) ? null : 'customRoleIds must be an array of strings';
}

export function checkApiVersion(v: unknown): string | null {
  return typeof v === 'number' && Number.isSafeInteger(v) ? null : 'defaultApiVersion must be an integer';
}

export interface AccessTokenInput {
  name?: string;
  description?: string;
  role?: Role;
  customRoleIds?: string[];
  inlineRole?: Statement[];
  serviceToken?: boolean;
  defaultApiVersion?: number;
}

/**
 * Validate a postToken body (AccessTokenPost). Unknown properties are accepted and ignored:
 * the spec does not forbid them (no additionalProperties: false).
 */
export function parseAccessTokenPost(body: unknown): AccessTokenInput | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const b = body as Record<string, unknown>;
  const checks: [string, (v: unknown) => string | null][] = [
    ['name', (v) => checkString('name', v)],
    ['description', (v) => checkString('description', v)],
    ['role', checkRole],
    ['customRoleIds', checkCustomRoleIds],
    ['inlineRole', checkInlineRole],
    ['serviceToken', (v) => (typeof v === 'boolean' ? null : 'serviceToken must be a boolean')],
    ['defaultApiVersion', checkApiVersion],
  ];
  for (const [key, check] of checks) {
    if (b[key] === undefined) continue;
    const why = check(b[key]);
    if (why) return why;
  }
  const input: AccessTokenInput = {};
  if (b.name !== undefined) input.name = b.name as string;
  if (b.description !== undefined) input.description = b.description as string;
  if (b.role !== undefined) input.role = b.role as Role;
  if (b.customRoleIds !== undefined) input.customRoleIds = [...(b.customRoleIds as string[])];
  if (b.inlineRole !== undefined) input.inlineRole = (b.inlineRole as unknown[]).map(toStatement);
  if (b.serviceToken !== undefined) input.serviceToken = b.serviceToken as boolean;
  if (b.defaultApiVersion !== undefined) input.defaultApiVersion = b.defaultApiVersion as number;
  return input;
}
