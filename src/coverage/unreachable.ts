import { OPERATION_IDS, type OperationId } from '../domain/operations';

/**
 * Documented statuses a black-box run may legitimately never see, with the reason. The coverage
 * matrix shows the reason in a "not reached" cell; a cell that WAS reached ignores this list. This
 * is data, not a filter: nothing here hides an observed response.
 */
export interface UnreachableStatus {
  operationId: OperationId;
  status: number;
  reason: string;
}

const RATE_LIMIT_REASON =
  'only reached when the target rate-limits the suite (A5); a well-behaved run against an unthrottled target never sees it';

export const UNREACHABLE: readonly UnreachableStatus[] = [
  {
    operationId: 'patchToken',
    status: 409,
    reason:
      'optimistic locking conflict needs concurrent writers; not deterministically provokable by a black-box client',
  },
  {
    operationId: 'getTokens',
    status: 403,
    reason:
      'every built-in role may list tokens (B1); a 403 needs a custom role denying it, which this API cannot create',
  },
  {
    operationId: 'getToken',
    status: 403,
    reason:
      "every built-in role may read its own member's tokens (B1) and another member's token answers 404 (ids are not confirmed to outsiders); a 403 needs a custom role denying reads, which this API cannot create",
  },
  ...OPERATION_IDS.map((operationId) => ({ operationId, status: 429, reason: RATE_LIMIT_REASON })),
];

export function findUnreachableReason(operationId: OperationId, status: number): string | undefined {
  return UNREACHABLE.find((u) => u.operationId === operationId && u.status === status)?.reason;
}
