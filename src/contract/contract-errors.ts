/**
 * Typed errors of the contract library. Both are programming or setup mistakes (asking for
 * something the spec does not have, a missing `schemas/` directory), not contract failures
 * of a server: a contract failure is data (ContractFailure), never an exception.
 */

/** An operationId, status or component the generated schemas do not have. */
export class ContractLookupError extends Error {
  override readonly name = 'ContractLookupError';
}

/** `schemas/` missing, unreadable, or a file ajv cannot compile. */
export class SchemaRegistryError extends Error {
  override readonly name = 'SchemaRegistryError';
}
