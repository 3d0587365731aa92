/** Public API of the contract library. */
export type { HttpExchange } from './exchange';
export type {
  BodyOnNoContentFailure,
  ContentTypeFailure,
  ContractCheckId,
  ContractFailure,
  JsonParseFailure,
  RateLimitHeadersFailure,
  ResponseSchemaFailure,
  SchemaViolation,
  SecretExposureFailure,
  SecretSighting,
  StatusCodeFailure,
} from './failures';
export { CONTRACT_CHECK_IDS } from './failures';
export {
  checkExchange,
  CONTRACT_CHECKS,
  contentTypeConformance,
  jsonBodyParses,
  rateLimitHeaderValues,
  rateLimitHeaders,
  responseSchemaConformance,
  secretExposure,
  statusCodeConformance,
  type CheckContext,
  type CheckOptions,
  type ContractCheck,
  type ContractReport,
} from './checks';
export {
  getOperationContract,
  getSchemaRegistry,
  SchemaRegistry,
  validateComponent,
  validateRequestBody,
  type OperationContract,
  type ResponseContract,
  type ValidateOptions,
} from './schema-registry';
export { ContractLookupError, SchemaRegistryError } from './contract-errors';
export { clearRegisteredSecrets, maskSecret, redactExchange, redactSecrets, registerSecret } from './secrets';
export { renderContractReport } from './render';
export { findSecretSightings, type KnownSecret, type KnownSecretKind } from './secret-exposure';
export {
  contractMatchers,
  describeStatusMismatch,
  type ConformOptions,
  type ConformSubject,
  type StatusMismatch,
  type StatusSubject,
} from './matcher';
export { expect } from './expect';
