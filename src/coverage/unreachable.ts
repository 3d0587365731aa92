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

const RATE_LIMITED = { status: 429, reason: RATE_LIMIT_REASON };

/** One entry per operation (the Record is exhaustive): a new operation must say which of its statuses a run cannot reach. */
const UNREACHABLE_BY_OPERATION: Record<OperationId, readonly Omit<UnreachableStatus, 'operationId'>[]> = {
  getTokens: [
    {
      status: 403,
      reason: 'every built-in role may list tokens (B1); a 403 needs a custom role denying it, which this API cannot create',
    },
    RATE_LIMITED,
  ],
  postToken: [RATE_LIMITED],
  getToken: [
    {
      status: 403,
      reason:
        "every built-in role may read its own member's tokens (B1) and another member's token answers 404 (ids are not confirmed to outsiders); a 403 needs a custom role denying reads, which this API cannot create",
    },
    RATE_LIMITED,
  ],
  patchToken: [
    {
      status: 409,
      reason: 'optimistic locking conflict needs concurrent writers; not deterministically provokable by a black-box client',
    },
    RATE_LIMITED,
  ],
  deleteToken: [RATE_LIMITED],
  resetToken: [RATE_LIMITED],
};

export const UNREACHABLE: readonly UnreachableStatus[] = OPERATION_IDS.flatMap((operationId) =>
  UNREACHABLE_BY_OPERATION[operationId].map((u) => ({ operationId, ...u })),
);

export function findUnreachableReason(operationId: OperationId, status: number): string | undefined {
  return UNREACHABLE.find((u) => u.operationId === operationId && u.status === status)?.reason;
}
