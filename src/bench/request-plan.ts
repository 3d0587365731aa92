/**
 * The request mix of a conformance run, as a plan the bare-fetch floor can replay: how many requests of each
 * operation and status the run received. Statuses the floor cannot provoke on purpose (429, 5xx, anything
 * unexpected) are replayed as the operation's success case and counted as `substituted`, so the floor still
 * sends the same NUMBER of requests of that operation and the report says what it could not copy.
 */
import type { OperationId } from '../domain/operations';
import type { TestRecord } from './run-report';

export interface PlanItem {
  operationId: OperationId;
  /** The status the floor's request is built to provoke. */
  status: number;
  count: number;
}

export interface RequestPlan {
  items: PlanItem[];
  total: number;
  /** Requests whose observed status the floor cannot provoke, replayed as the success case instead. */
  substituted: { operationId: OperationId; status: number; count: number }[];
}

/** Statuses the floor knows how to provoke, per operation (the success status first). */
export const REPRODUCIBLE_STATUSES: Record<OperationId, readonly number[]> = {
  getTokens: [200, 401],
  postToken: [201, 400, 401, 403],
  getToken: [200, 401, 404],
  patchToken: [200, 400, 401, 403, 404, 422],
  deleteToken: [204, 401, 403, 404],
  resetToken: [200, 401, 403, 404],
};

export function successStatus(op: OperationId): number {
  return REPRODUCIBLE_STATUSES[op][0] as number;
}

export function buildRequestPlan(tests: readonly TestRecord[]): RequestPlan {
  const counts = new Map<string, PlanItem>();
  const substituted = new Map<string, { operationId: OperationId; status: number; count: number }>();
  let total = 0;
  for (const test of tests) {
    for (const o of test.observations) {
      total++;
      const reproducible = REPRODUCIBLE_STATUSES[o.operationId].includes(o.status);
      const status = reproducible ? o.status : successStatus(o.operationId);
      if (!reproducible) {
        const key = `${o.operationId} ${o.status}`;
        const entry = substituted.get(key) ?? { operationId: o.operationId, status: o.status, count: 0 };
        entry.count++;
        substituted.set(key, entry);
      }
      const key = `${o.operationId} ${status}`;
      const item = counts.get(key) ?? { operationId: o.operationId, status, count: 0 };
      item.count++;
      counts.set(key, item);
    }
  }
  const byKey = (a: { operationId: string; status: number }, b: { operationId: string; status: number }): number =>
    a.operationId.localeCompare(b.operationId) || a.status - b.status;
  return { items: [...counts.values()].sort(byKey), total, substituted: [...substituted.values()].sort(byKey) };
}

/**
 * Spreads a plan into a list of single requests, interleaved round-robin across kinds, so concurrent
 * loops see a mix like the suite's instead of 300 list calls followed by 200 deletes.
 */
export function expandPlan(plan: RequestPlan): { operationId: OperationId; status: number }[] {
  const remaining = plan.items.map((item) => ({ ...item }));
  const out: { operationId: OperationId; status: number }[] = [];
  while (remaining.some((item) => item.count > 0)) {
    for (const item of remaining) {
      if (item.count <= 0) continue;
      out.push({ operationId: item.operationId, status: item.status });
      item.count--;
    }
  }
  return out;
}
