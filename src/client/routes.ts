import { getOperationContract } from '../contract/schema-registry';
import type { OperationId } from '../domain/operations';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template with `{id}`, as in the spec. */
  path: string;
}

const METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'DELETE'];

/**
 * Method and path template of an operation, from the same generated operation contract the checks
 * judge responses by (schemas/operations/<op>.json, drift-checked against the spec): one source.
 */
export function getRoute(op: OperationId): Route {
  const contract = getOperationContract(op);
  const method = contract.method.toUpperCase();
  if (!METHODS.includes(method)) {
    throw new Error(`schemas/operations/${op}.json: method ${contract.method} is not one the client can send`);
  }
  return { method: method as Route['method'], path: contract.pathTemplate };
}

/** Whether the operation's path has an `{id}` to fill. */
export function routeNeedsId(op: OperationId): boolean {
  return getRoute(op).path.includes('{id}');
}
