import fs from 'node:fs';
import path from 'node:path';
import type { OperationId } from '../spec/operation-ids';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template with `{id}`, as in the spec. */
  path: string;
}

/** Fallback when the generated `schemas/operations/<op>.json` is absent; a unit test checks both agree. */
const FALLBACK_ROUTES: Record<OperationId, Route> = {
  getTokens: { method: 'GET', path: '/api/v2/tokens' },
  postToken: { method: 'POST', path: '/api/v2/tokens' },
  getToken: { method: 'GET', path: '/api/v2/tokens/{id}' },
  patchToken: { method: 'PATCH', path: '/api/v2/tokens/{id}' },
  deleteToken: { method: 'DELETE', path: '/api/v2/tokens/{id}' },
  resetToken: { method: 'POST', path: '/api/v2/tokens/{id}/reset' },
};

const OPERATIONS_DIR = path.resolve(__dirname, '../../schemas/operations');
const cache = new Map<OperationId, Route>();

/** Method and path template of an operation, from the generated operation file when it exists. */
export function getRoute(op: OperationId): Route {
  const cached = cache.get(op);
  if (cached) return cached;
  const route = readGeneratedRoute(op) ?? FALLBACK_ROUTES[op];
  cache.set(op, route);
  return route;
}

export function getFallbackRoute(op: OperationId): Route {
  return FALLBACK_ROUTES[op];
}

/** Whether the operation's path has an `{id}` to fill. */
export function routeNeedsId(op: OperationId): boolean {
  return getRoute(op).path.includes('{id}');
}

/** The route as `npm run schemas` generated it (`method`, `pathTemplate`), undefined when the file is absent. */
export function readGeneratedRoute(op: OperationId): Route | undefined {
  const file = path.join(OPERATIONS_DIR, `${op}.json`);
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const method = typeof record.method === 'string' ? record.method.toUpperCase() : undefined;
  const routePath = typeof record.pathTemplate === 'string' ? record.pathTemplate : typeof record.path === 'string' ? record.path : undefined;
  if (!routePath || !(method === 'GET' || method === 'POST' || method === 'PATCH' || method === 'DELETE')) return undefined;
  return { method, path: routePath };
}
