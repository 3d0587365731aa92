import { OPERATION_IDS, OPERATIONS, type OperationId } from '../domain/operations';

interface Route {
  /** The path template as a whole-path pattern; `{id}`, when there is one, is one segment, captured. */
  pattern: RegExp;
  /** The operation behind each method, in OPERATION_IDS order (the order of an Allow header). */
  methods: Record<string, OperationId>;
}

/**
 * The API's routes, one per distinct path template of the operations' traits (collection, item, reset): a new
 * operation is routed by its traits alone, and HANDLERS in index.ts makes it need a handler.
 */
const ROUTES: readonly Route[] = (() => {
  const byPath = new Map<string, Route>();
  for (const op of OPERATION_IDS) {
    const { method, path } = OPERATIONS[op];
    let route = byPath.get(path);
    if (!route) {
      const source = path
        .split('{id}')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('([^/]+)');
      route = { pattern: new RegExp(`^${source}$`), methods: {} };
      byPath.set(path, route);
    }
    route.methods[method] = op;
  }
  return [...byPath.values()];
})();

export type RouteMatch =
  { kind: 'operation'; operationId: OperationId; id: string } | { kind: 'method-not-allowed'; allow: string[] } | { kind: 'unknown-route' };

function decodeId(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null; // a broken %-escape names no token: the caller answers 404
  }
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of ROUTES) {
    const matched = route.pattern.exec(pathname);
    if (!matched) continue;
    let id = '';
    if (matched[1] !== undefined) {
      const decoded = decodeId(matched[1]);
      if (decoded === null) return { kind: 'unknown-route' };
      id = decoded;
    }
    const operationId = route.methods[method];
    if (!operationId) return { kind: 'method-not-allowed', allow: Object.keys(route.methods) };
    return { kind: 'operation', operationId, id };
  }
  return { kind: 'unknown-route' };
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
