/**
 * The six Access Tokens operations this suite covers, by their spec operationId.
 * This list is the scope of the project; everything else about each operation
 * (method, path, documented statuses, schemas) is derived from the vendored spec.
 */
export const OPERATION_IDS = [
  'getTokens',
  'postToken',
  'getToken',
  'patchToken',
  'deleteToken',
  'resetToken',
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

export function isOperationId(value: string): value is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(value);
}
