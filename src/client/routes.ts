import { OPERATIONS, type OperationId, type OperationTraits } from '../domain/operations';

export interface Route {
  method: OperationTraits['method'];
  /** Path template with `{id}`, as in the spec. */
  path: string;
}

/**
 * Method and path template of an operation, from the domain's traits table, which a unit test ties to the
 * generated operation contract the checks judge responses by (schemas/operations/<op>.json): one source.
 */
export function getRoute(op: OperationId): Route {
  const { method, path } = OPERATIONS[op];
  return { method, path };
}
