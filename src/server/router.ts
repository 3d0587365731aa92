import type { OperationId } from '../domain/operations';

/** The three routes of the Access Tokens API and the operation behind each method. */
type RouteName = 'collection' | 'item' | 'reset';

const ROUTE_METHODS: Record<RouteName, Record<string, OperationId>> = {
  collection: { GET: 'getTokens', POST: 'postToken' },
  item: { GET: 'getToken', PATCH: 'patchToken', DELETE: 'deleteToken' },
  reset: { POST: 'resetToken' },
};

export type RouteMatch =
  | { kind: 'operation'; operationId: OperationId; id: string }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'unknown-route' };

function decodeId(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null; // a broken %-escape names no token: the caller answers 404
  }
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  let route: RouteName | null = null;
  let id = '';
  const item = /^\/api\/v2\/tokens\/([^/]+)(\/reset)?$/.exec(pathname);
  if (pathname === '/api/v2/tokens') route = 'collection';
  else if (item?.[1] !== undefined) {
    const decoded = decodeId(item[1]);
    if (decoded === null) return { kind: 'unknown-route' };
    route = item[2] ? 'reset' : 'item';
    id = decoded;
  }
  if (route === null) return { kind: 'unknown-route' };
  const operationId = ROUTE_METHODS[route][method];
  if (!operationId) return { kind: 'method-not-allowed', allow: Object.keys(ROUTE_METHODS[route]) };
  return { kind: 'operation', operationId, id };
}

/**
 * A8: a POST with `X-HTTP-Method-Override: PATCH|DELETE|PUT` acts as that method (the API's
 * "method overriding"). Any other override value is ignored and the request stays a POST.
 */
export function effectiveMethod(method: string, override: string | undefined): string {
  if (method !== 'POST' || override === undefined) return method;
  const wanted = override.trim().toUpperCase();
  return ['PATCH', 'DELETE', 'PUT'].includes(wanted) ? wanted : method;
}
