/**
 * The six Access Tokens operations this suite covers, by their spec operationId.
 * This list is the scope of the project; everything else about each operation
 * (method, path, documented statuses, schemas) is derived from the vendored spec.
 */
export const OPERATION_IDS = ['getTokens', 'postToken', 'getToken', 'patchToken', 'deleteToken', 'resetToken'] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

export function isOperationId(value: string): value is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(value);
}

/**
 * What the suite needs to know about an operation beyond its schemas, decided once here so no other file keeps
 * its own list ("the writes", "the ones with an id"). Method and path repeat the vendored contract on purpose —
 * the client builds requests from them without loading the schemas — and tests/unit/domain/operations.spec.ts
 * ties every row to schemas/operations/<opId>.json, so they cannot drift.
 */
export interface OperationTraits {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template with `{id}`, as in the spec. */
  readonly path: string;
  /**
   * What a 2xx does to the target's tokens: 'read' changes nothing (allowed against production, B1's reader
   * may do it, a hung one may be repeated); 'create' adds a token the run must clean up (H1); 'change' and
   * 'delete' act on an existing token (H1: only on one the run created).
   */
  readonly effect: 'read' | 'create' | 'change' | 'delete';
  /** The path names one token (`{id}`): an unknown id gets 404 (A6). */
  readonly takesId: boolean;
  /** A 2xx carries a whole secret (C2, G1), registered for redaction and the H2 scan under this kind. */
  readonly issuesSecret: false | 'issued' | 'reset';
}

/**
 * One row per operation: `satisfies` over the mapped type makes a seventh id in OPERATION_IDS fail to compile
 * here until its traits are decided, and `as const` keeps each row's literal values for the derived types below.
 */
export const OPERATIONS = {
  getTokens: { method: 'GET', path: '/api/v2/tokens', effect: 'read', takesId: false, issuesSecret: false },
  postToken: { method: 'POST', path: '/api/v2/tokens', effect: 'create', takesId: false, issuesSecret: 'issued' },
  getToken: { method: 'GET', path: '/api/v2/tokens/{id}', effect: 'read', takesId: true, issuesSecret: false },
  patchToken: { method: 'PATCH', path: '/api/v2/tokens/{id}', effect: 'change', takesId: true, issuesSecret: false },
  deleteToken: { method: 'DELETE', path: '/api/v2/tokens/{id}', effect: 'delete', takesId: true, issuesSecret: false },
  resetToken: { method: 'POST', path: '/api/v2/tokens/{id}/reset', effect: 'change', takesId: true, issuesSecret: 'reset' },
} as const satisfies { readonly [K in OperationId]: OperationTraits };

/** The operations whose path names one token, as a type: a per-operation table over them is exhaustive. */
export type IdOperationId = { [K in OperationId]: (typeof OPERATIONS)[K]['takesId'] extends true ? K : never }[OperationId];

/** Whether a 2xx of `op` changes the target's tokens (create, change or delete). */
export function writes(op: OperationId): boolean {
  return OPERATIONS[op].effect !== 'read';
}

export function takesId(op: OperationId): op is IdOperationId {
  return OPERATIONS[op].takesId;
}

/** The kind of whole secret a 2xx of `op` carries, or false when it carries none. */
export function issuesSecret(op: OperationId): false | 'issued' | 'reset' {
  return OPERATIONS[op].issuesSecret;
}

/** In OPERATION_IDS order, so lists built from them read the same way everywhere. */
export const WRITE_OPERATIONS: readonly OperationId[] = OPERATION_IDS.filter(writes);
export const READ_OPERATIONS: readonly OperationId[] = OPERATION_IDS.filter((op) => !writes(op));
export const ID_OPERATIONS: readonly IdOperationId[] = OPERATION_IDS.filter(takesId);
export const SECRET_ISSUING_OPERATIONS: readonly OperationId[] = OPERATION_IDS.filter((op) => issuesSecret(op) !== false);
