/**
 * Every way a response can break the contract, as one discriminated union on `check`.
 * Reports, the coverage matrix (`failedChecks`) and the renderer all consume this shape.
 */

/** One ajv error, made readable and self-contained. */
export interface SchemaViolation {
  /** JSON Pointer into the response body, '' for the root. */
  instancePath: string;
  /** Where in the generated schemas, e.g. `components/Token.schema.json#/required`. */
  schemaPath: string;
  /** The JSON Schema keyword that failed (`type`, `required`, `additionalProperties`, ...). */
  keyword: string;
  /** ajv's message, with the property name added for `required`/`additionalProperties`. */
  message: string;
  /** The offending value (the object, for `required`/`additionalProperties`). */
  value: unknown;
}

export interface StatusCodeFailure {
  check: 'status_code_conformance';
  received: number;
  documented: string[];
}

export interface ContentTypeFailure {
  check: 'content_type_conformance';
  /** The Content-Type header as received, null when absent. */
  received: string | null;
  expected: string;
}

/** A 204, or a status documented without a body, that came with one. */
export interface BodyOnNoContentFailure {
  check: 'body_on_no_content';
  bodyText: string;
}

export interface JsonParseFailure {
  check: 'json_parse';
  error: string;
  bodyText: string;
}

export interface ResponseSchemaFailure {
  check: 'response_schema_conformance';
  status: number;
  /** Generated schema file, relative to `schemas/`, e.g. `components/Token.schema.json`. */
  schemaRef: string;
  violations: SchemaViolation[];
}

/** Rule A5: a 429 carries `X-Ratelimit-Reset` (epoch ms) and/or `Retry-After` (seconds). */
export interface RateLimitHeadersFailure {
  check: 'rate_limit_headers';
  /** Headers absent; both are listed when neither is present. */
  missing: string[];
  /** Headers present with a value that is not what A5 says, e.g. `Retry-After: "soon"`. */
  malformed: { header: string; value: string; expected: string }[];
}

/**
 * Rule A12: a rate-limit header present on any response says what the spec says it does — `X-Ratelimit-Reset`
 * epoch ms of the current window's end (not long before the response's own Date), `*-Remaining` non-negative
 * integers, `Retry-After` seconds or an HTTP-date — and a 429's Retry-After and Reset name the same moment.
 */
export interface RateLimitValuesFailure {
  check: 'rate_limit_header_values';
  problems: { header: string; value: string; expected: string }[];
}

/** One place a known secret was found in a response (rule H3); the value itself is masked. */
export interface SecretSighting {
  /** `status line`, `header <name>`, `body <JSON pointer>`, or `body` (not JSON, or a form the walk cannot see). */
  where: string;
  /** Which of the run's secrets: the configured one, or one issued (postToken) or reset (resetToken) in the run. */
  kind: 'configured' | 'issued' | 'reset';
  /** `***` and the last four characters (rule D1's four), never more. */
  masked: string;
}

/** Rule H3: a response carries a secret the run knew before it (anything but the one it issues itself). */
export interface SecretExposureFailure {
  check: 'secret_exposure';
  sightings: SecretSighting[];
}

export type ContractFailure =
  | StatusCodeFailure
  | ContentTypeFailure
  | BodyOnNoContentFailure
  | JsonParseFailure
  | ResponseSchemaFailure
  | RateLimitHeadersFailure
  | RateLimitValuesFailure
  | SecretExposureFailure;

export type ContractCheckId = ContractFailure['check'];

export const CONTRACT_CHECK_IDS: readonly ContractCheckId[] = [
  'status_code_conformance',
  'content_type_conformance',
  'body_on_no_content',
  'json_parse',
  'response_schema_conformance',
  'rate_limit_headers',
  'rate_limit_header_values',
  'secret_exposure',
];
