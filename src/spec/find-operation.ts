import type { OpenAPIV3 } from 'openapi-types';
import type { LoadedSpec } from './load-spec';
import { SpecError } from './spec-error';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface LocatedOperation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
  pathItem: OpenAPIV3.PathItemObject;
  operation: OpenAPIV3.OperationObject;
  /** e.g. `paths["/api/v2/tokens"].get` — used in error messages. */
  place: string;
}

/** Finds the one operation with this operationId; none or several is a SpecError. */
export function findOperation(spec: LoadedSpec, operationId: string): LocatedOperation {
  const found: LocatedOperation[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(spec.document.paths)) {
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation?.operationId === operationId) {
        found.push({ operationId, method, pathTemplate, pathItem, operation, place: `paths[${JSON.stringify(pathTemplate)}].${method}` });
      }
    }
  }
  const [first, second] = found;
  if (!first) throw new SpecError(spec.file, 'paths', `no operation has operationId "${operationId}"`);
  if (second) {
    throw new SpecError(spec.file, second.place, `operationId "${operationId}" is also used at ${first.place}`);
  }
  return first;
}

/** Like findOperation, but an operationId the spec lacks is null (a diff reports it as removed). */
export function findOperationIfPresent(spec: LoadedSpec, operationId: string): LocatedOperation | null {
  const present = Object.values(spec.document.paths).some((pathItem) =>
    HTTP_METHODS.some((method) => pathItem?.[method]?.operationId === operationId),
  );
  return present ? findOperation(spec, operationId) : null;
}
