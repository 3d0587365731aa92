/**
 * The request floor: the same number of requests of the same kinds as a conformance run, sent by a bare
 * `fetch` loop with the same concurrency to the same kind of server. No contract checks, no Playwright, no
 * fixtures — what the HTTP work alone costs, so the suite's overhead over it can be stated as a ratio.
 */
import { performance } from 'node:perf_hooks';
import type { OperationId } from '../domain/operations';
import { expandPlan, type RequestPlan } from './request-plan';
import { median } from './stats';

export class FloorSetupError extends Error {
  override readonly name = 'FloorSetupError';
}

export interface FloorTarget {
  url: string;
  adminToken: string;
}

export interface FloorResult {
  wallMs: number;
  requests: number;
  /** Median time of one request as this loop saw it (ms). */
  medianRequestMs: number;
  /** Requests that got exactly the status they were built to provoke / at least the same status class. */
  statusMatches: number;
  classMatches: number;
  /** `getTokens 400→200` ×n: requests that did not get the status they were built for (honesty about the mix). */
  mismatches: Record<string, number>;
  /** Requests sent before the clock started (tokens to read, patch, reset and delete; a reader token for 403s). */
  setupRequests: number;
}

export interface FloorFixtures {
  readerSecret: string;
  sharedId: string;
  deletePool: string[];
}

const UNKNOWN_ID = '0123456789abcdef01234567';
const JSON_TYPE = { 'Content-Type': 'application/json' };

export async function runFloor(target: FloorTarget, plan: RequestPlan, concurrency: number): Promise<FloorResult> {
  if (!(concurrency >= 1)) throw new FloorSetupError(`runFloor(): concurrency must be >= 1, got ${concurrency}`);
  const base = target.url.replace(/\/$/, '');
  const deletes = plan.items.filter((i) => i.operationId === 'deleteToken' && i.status === 204).reduce((n, i) => n + i.count, 0);
  const { fixtures, setupRequests } = await createFixtures(base, target.adminToken, deletes);
  const queue = expandPlan(plan);
  const durations: number[] = [];
  let statusMatches = 0;
  let classMatches = 0;
  const mismatches: Record<string, number> = {};
  let next = 0;

  const loop = async (): Promise<void> => {
    for (let i = next++; i < queue.length; i = next++) {
      const kind = queue[i];
      if (!kind) break;
      const request = buildRequest(base, target.adminToken, fixtures, kind.operationId, kind.status);
      const t0 = performance.now();
      const response = await fetch(request.url, request.init);
      await response.arrayBuffer(); // a response is done when its body is read, as in the suite
      durations.push(performance.now() - t0);
      if (response.status === kind.status) statusMatches++;
      else {
        const key = `${kind.operationId} ${kind.status}→${response.status}`;
        mismatches[key] = (mismatches[key] ?? 0) + 1;
      }
      if (Math.floor(response.status / 100) === Math.floor(kind.status / 100)) classMatches++;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const wallMs = performance.now() - started;
  return {
    wallMs,
    requests: queue.length,
    medianRequestMs: durations.length ? median(durations) : 0,
    statusMatches,
    classMatches,
    mismatches,
    setupRequests,
  };
}

/** Tokens the floor's requests need (a reader secret for 403s, a shared token, one token per 204 delete). */
export async function createFixtures(
  base: string,
  adminToken: string,
  deletes: number,
): Promise<{ fixtures: FloorFixtures; setupRequests: number }> {
  const create = async (role: string): Promise<{ _id: string; token: string }> => {
    const response = await fetch(`${base}/api/v2/tokens`, {
      method: 'POST',
      headers: { Authorization: adminToken, ...JSON_TYPE },
      body: JSON.stringify({ name: `ldct-bench-floor-${role}`, role }),
    });
    const body = (await response.json().catch(() => null)) as { _id?: unknown; token?: unknown } | null;
    if (response.status !== 201 || typeof body?._id !== 'string' || typeof body.token !== 'string') {
      throw new FloorSetupError(
        `Floor set-up: postToken answered ${response.status} instead of 201 with a Token; is ${base} a reference server?`,
      );
    }
    return { _id: body._id, token: body.token };
  };
  const reader = await create('reader');
  const shared = await create('writer');
  const deletePool: string[] = [];
  for (let i = 0; i < deletes; i++) deletePool.push((await create('reader'))._id);
  return { fixtures: { readerSecret: reader.token, sharedId: shared._id, deletePool }, setupRequests: 2 + deletes };
}

interface BuiltRequest {
  url: string;
  init: RequestInit;
}

/** One request built to provoke `status` from `operationId` on a correct server. */
export function buildRequest(base: string, adminToken: string, fixtures: FloorFixtures, op: OperationId, status: number): BuiltRequest {
  const auth: Record<string, string> =
    status === 401 ? {} : status === 403 ? { Authorization: fixtures.readerSecret } : { Authorization: adminToken };
  const id =
    status === 404 ? UNKNOWN_ID : op === 'deleteToken' && status === 204 ? (fixtures.deletePool.pop() ?? UNKNOWN_ID) : fixtures.sharedId;
  const tokenUrl = `${base}/api/v2/tokens/${id}`;
  switch (op) {
    case 'getTokens':
      return { url: `${base}/api/v2/tokens?limit=25&offset=0`, init: { headers: auth } };
    case 'postToken':
      return {
        url: `${base}/api/v2/tokens`,
        init: {
          method: 'POST',
          headers: { ...auth, ...JSON_TYPE },
          body: JSON.stringify(
            status === 400 ? { name: 'ldct-bench-floor-bad', role: 'superuser' } : { name: 'ldct-bench-floor', role: 'reader' },
          ),
        },
      };
    case 'getToken':
      return { url: tokenUrl, init: { headers: auth } };
    case 'patchToken': {
      const patch =
        status === 400
          ? { not: 'an array' }
          : status === 422
            ? [{ op: 'test', path: '/name', value: 'not the name' }]
            : [{ op: 'add', path: '/description', value: 'bench' }];
      return { url: tokenUrl, init: { method: 'PATCH', headers: { ...auth, ...JSON_TYPE }, body: JSON.stringify(patch) } };
    }
    case 'deleteToken':
      return { url: tokenUrl, init: { method: 'DELETE', headers: auth } };
    case 'resetToken':
      return { url: `${tokenUrl}/reset`, init: { method: 'POST', headers: auth } };
  }
}
