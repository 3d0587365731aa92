/**
 * The reference server's in-memory data model. These are storage records, not wire
 * representations: `representation.ts` turns them into the spec's `Token` / `MemberSummary`.
 */

export const ROLES = ['reader', 'writer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Higher rank = more rights. A caller may never create or patch a token above its own rank. */
export function rankOf(role: Role): number {
  return ROLES.indexOf(role);
}

export interface Statement {
  effect: 'allow' | 'deny';
  resources?: string[];
  notResources?: string[];
  actions?: string[];
  notActions?: string[];
}

export interface Member {
  _id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
}

export interface TokenRecord {
  _id: string;
  ownerId: string;
  memberId: string;
  name?: string;
  description?: string;
  role?: Role;
  customRoleIds: string[];
  inlineRole: Statement[];
  serviceToken: boolean;
  defaultApiVersion: number;
  creationDate: number;
  lastModified: number;
  /** The current whole secret. Old secrets still alive after a reset live in the secret index only. */
  secret: string;
}

/** The fields a JSON Patch may change (E2). `/defaultApiVersion` is patchable here too. */
export const PATCHABLE_FIELDS = ['name', 'description', 'role', 'customRoleIds', 'inlineRole', 'defaultApiVersion'] as const;
export type PatchableField = (typeof PATCHABLE_FIELDS)[number];
export type EditableTokenFields = Pick<TokenRecord, PatchableField>;

/** The caller, as resolved from the Authorization header. */
export interface Principal {
  tokenId: string;
  memberId: string;
  /**
   * Effective role. A token without a base role (only customRoleIds / inlineRole) acts as a
   * reader here: the reference server does not evaluate policies, and least privilege is the
   * safe reading.
   */
  role: Role;
}

export function effectiveRole(token: Pick<TokenRecord, 'role'>): Role {
  return token.role ?? 'reader';
}

export const DEFAULT_API_VERSION = 20240415;
