/** In-memory shapes of the alternative server; representations are built from these in `represent.ts`. */

export const ROLES = ['reader', 'writer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** API versions this server accepts for `defaultApiVersion` (a real server rejects unknown versions). */
export const API_VERSIONS: readonly number[] = [20160426, 20191212, 20210729, 20220603, 20240415];
/** Assigned when a token is created without `defaultApiVersion`. */
export const DEFAULT_API_VERSION = 20220603;

/** `by-name`: alphabetical by name (tokens without a name last), then oldest first. */
export type ListOrder = 'newest-first' | 'oldest-first' | 'by-name';

/**
 * What getTokens' `totalCount` counts. The spec describes it as "The number of access tokens returned"
 * (literally: the page), while LaunchDarkly collections usually count the whole list; both readings are
 * served here, and so is leaving it out (it is optional).
 */
export type TotalCountMode = 'whole-list' | 'page' | 'absent';

export interface StatementData {
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
  role: string;
}

/** The fields a client may set (postToken) — and, except `serviceToken` and `defaultApiVersion`, patch. */
export interface TokenSettings {
  name?: string;
  description?: string;
  role?: Role;
  customRoleIds: string[];
  inlineRole?: StatementData[];
  serviceToken: boolean;
  /** Undefined only under the variant `omitUnsetFields` when none was sent. */
  defaultApiVersion?: number;
}

export interface StoredToken extends TokenSettings {
  _id: string;
  /** Insertion order, the tie-break of the newest-first list order. */
  seq: number;
  ownerId: string;
  memberId: string;
  creationDate: number;
  lastModified: number;
  lastUsed?: number;
  /** Number of changes since creation; shown as the undocumented `_version` field. */
  version: number;
  secret: string;
}
