import type { OperationId } from '../domain/operations';
import type { HttpExchange } from './exchange';
import type { ContractFailure, RateLimitValuesFailure } from './failures';
import { secretExposureFailures, type KnownSecret } from './secret-exposure';
import { getSchemaRegistry, type OperationContract, type ResponseContract, type SchemaRegistry } from './schema-registry';

/**
 * The contract checks, one small function each, all `(exchange, ctx) => ContractFailure[]`.
 * They look only at the exchange and the generated contract — behaviour rules (does the
 * token echo what was sent, ...) belong to the tests. checkExchange runs them all.
 */

export type ParsedBody = { kind: 'empty' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; error: string };

export interface CheckContext {
  registry: SchemaRegistry;
  contract: OperationContract;
  /** The documented response for the received status (exact, `NXX` or `default`), if any. */
  documented: { statusKey: string; response: ResponseContract } | undefined;
  strict: boolean;
  /** The response body parsed once for all checks. */
  body: ParsedBody;
  /** The secrets the run knew before this response (rule H3); [] judges no secret. */
  secrets: readonly KnownSecret[];
}

export type ContractCheck = (exchange: HttpExchange, ctx: CheckContext) => ContractFailure[];

export interface ContractReport {
  operationId: OperationId;
  method: string;
  /** Path and query of the request URL. */
  path: string;
  status: number;
  documentedStatuses: number[];
  strict: boolean;
  failures: ContractFailure[];
  ok: boolean;
}

export interface CheckOptions {
  /**
   * Strict mode: undocumented properties fail the schema check. Always the caller's to say (the suite passes
   * its configuration's CONTRACT_STRICT): the contract library reads no environment.
   */
  strict: boolean;
  /** Check against this operation instead of `exchange.operationId`. */
  operationId?: OperationId;
  /** Defaults to the process-wide registry over `<repo>/schemas`. */
  registry?: SchemaRegistry;
  /**
   * Rule H3: the secrets the caller knew before this response (the configured one, every one issued or reset so far).
   * Passed in, like strictness: the contract library holds no run state. Absent: no secret is looked for.
   */
  secrets?: readonly KnownSecret[];
}

const JSON_MEDIA_TYPE = 'application/json';

export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function hasBodyText(exchange: HttpExchange): boolean {
  return exchange.response.bodyText.trim().length > 0;
}

/** True when the status must not carry a body: 204, or documented without one. */
function expectsNoBody(exchange: HttpExchange, ctx: CheckContext): boolean {
  return exchange.response.status === 204 || ctx.documented?.response.hasBody === false;
}

/** Rule A2: the status is one the spec documents for the operation. */
export const statusCodeConformance: ContractCheck = (exchange, ctx) => {
  if (ctx.documented) return [];
  return [{ check: 'status_code_conformance', received: exchange.response.status, documented: Object.keys(ctx.contract.responses) }];
};

/**
 * Rule A3: a response with a body (or whose status documents one) is `application/json`
 * (parameters such as `; charset=utf-8` allowed); a 204 or a status documented without a
 * body carries none.
 */
export const contentTypeConformance: ContractCheck = (exchange, ctx) => {
  if (expectsNoBody(exchange, ctx)) {
    return hasBodyText(exchange) ? [{ check: 'body_on_no_content', bodyText: exchange.response.bodyText }] : [];
  }
  const documentsBody = ctx.documented?.response.hasBody === true;
  if (!documentsBody && !hasBodyText(exchange)) return [];
  const expected = ctx.documented?.response.contentType ?? JSON_MEDIA_TYPE;
  const received = headerValue(exchange.response.headers, 'content-type') ?? null;
  if (received !== null && mediaType(received) === mediaType(expected)) return [];
  return [{ check: 'content_type_conformance', received, expected }];
};

/** Rule A3: a body that should be JSON parses as JSON (an empty one where a body is documented does not). */
export const jsonBodyParses: ContractCheck = (exchange, ctx) => {
  if (expectsNoBody(exchange, ctx)) return [];
  const { body } = ctx;
  if (body.kind === 'invalid') return [{ check: 'json_parse', error: body.error, bodyText: exchange.response.bodyText }];
  if (body.kind === 'empty' && ctx.documented?.response.hasBody === true) {
    return [
      {
        check: 'json_parse',
        error: `empty body where the spec documents ${ctx.documented.response.contentType ?? 'a body'}`,
        bodyText: '',
      },
    ];
  }
  return [];
};

/**
 * Rules A4, C1, D1...: the body matches the schema documented for the operation and status.
 * Skipped when the status is undocumented (status_code_conformance already fails) or the body
 * did not parse (json_parse already fails).
 */
export const responseSchemaConformance: ContractCheck = (exchange, ctx) => {
  const response = ctx.documented?.response;
  if (!response?.hasBody || !response.schemaRef || ctx.body.kind !== 'json') return [];
  const violations = ctx.registry.validateFile(response.schemaRef, ctx.body.value, { strict: ctx.strict });
  if (violations.length === 0) return [];
  return [{ check: 'response_schema_conformance', status: exchange.response.status, schemaRef: response.schemaRef, violations }];
};

/** Epoch milliseconds: 13 digits for any date between 2001 and 2286. */
function isEpochMs(value: string): boolean {
  return /^\d{13}$/.test(value);
}

/**
 * `Retry-After` as RFC 9110 §10.2.3 allows it: `delay-seconds` (the spec's "wait at least `Retry-After` seconds")
 * or an `HTTP-date` (docs/leniency.md: the spec names only seconds; find-code-references-in-pull-request reads both).
 */
function isRetryAfter(value: string): boolean {
  return /^\d+$/.test(value) || isHttpDate(value);
}

/** An IMF-fixdate as RFC 9110 §5.6.7 prints it, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`, that Date.parse reads. */
function isHttpDate(value: string): boolean {
  return /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value) && !Number.isNaN(Date.parse(value));
}

const RETRY_AFTER_EXPECTED = 'a whole number of seconds or an HTTP-date';

const RATE_LIMIT_HEADERS = [
  { header: 'X-Ratelimit-Reset', expected: 'epoch milliseconds (an integer of 13 digits)', valid: isEpochMs },
  { header: 'Retry-After', expected: RETRY_AFTER_EXPECTED, valid: isRetryAfter },
] as const;

/** Rule A5: a 429 carries `X-Ratelimit-Reset` (epoch ms) and/or `Retry-After` (seconds), well-formed. */
export const rateLimitHeaders: ContractCheck = (exchange) => {
  if (exchange.response.status !== 429) return [];
  const missing: string[] = [];
  const malformed: { header: string; value: string; expected: string }[] = [];
  let validCount = 0;
  for (const { header, expected, valid } of RATE_LIMIT_HEADERS) {
    const value = headerValue(exchange.response.headers, header);
    if (value === undefined) missing.push(header);
    else if (valid(value.trim())) validCount++;
    else malformed.push({ header, value, expected });
  }
  if (malformed.length === 0 && validCount > 0) return [];
  return [{ check: 'rate_limit_headers', missing: validCount > 0 ? [] : missing, malformed }];
};

/**
 * LaunchDarkly's limits are "per ten seconds" (spec, "Rate limiting"): a reset more than one window before the
 * response's own Date is not the end of the window the request was in, and a 429's Retry-After and Reset that
 * differ by more than one window are two promises, not one. The extra 2 s cover the whole seconds of Date and
 * Retry-After (each rounds by up to one second).
 */
export const RATE_LIMIT_WINDOW_MS = 10_000;
export const RATE_LIMIT_ROUNDING_MS = 2_000;

const REMAINING_HEADERS = ['X-Ratelimit-Global-Remaining', 'X-Ratelimit-Route-Remaining'] as const;

/**
 * Rule A12: rate-limit headers wherever they appear ("Routes that are not rate limited may not contain any of the
 * headers": an absent one is fine). "Now" is the response's own `Date` — the server's clock against itself, so no
 * client clock and no skew enters; without a Date (A10 reports that) the reset's form alone is judged. On a 429 the
 * headers' form is A5's (rate_limit_headers) and is not reported twice.
 */
export const rateLimitHeaderValues: ContractCheck = (exchange) => {
  const headers = exchange.response.headers;
  const limited = exchange.response.status === 429;
  const problems: RateLimitValuesFailure['problems'] = [];
  const serverNow = parseImfDate(headerValue(headers, 'date'));

  const resetText = headerValue(headers, 'X-Ratelimit-Reset')?.trim();
  const reset = resetText !== undefined && isEpochMs(resetText) ? Number(resetText) : null;
  if (resetText !== undefined && reset === null && !limited) {
    problems.push({ header: 'X-Ratelimit-Reset', value: resetText, expected: 'epoch milliseconds (an integer of 13 digits)' });
  }
  if (reset !== null && serverNow !== null && reset < serverNow - RATE_LIMIT_WINDOW_MS - RATE_LIMIT_ROUNDING_MS) {
    problems.push({
      header: 'X-Ratelimit-Reset',
      value: resetText ?? '',
      expected: `the end of the current ten-second window: not before the response's Date (${new Date(serverNow).toISOString()}) by more than ${(RATE_LIMIT_WINDOW_MS + RATE_LIMIT_ROUNDING_MS) / 1000} s; it is ${Math.round((serverNow - reset) / 1000)} s before`,
    });
  }
  for (const header of REMAINING_HEADERS) {
    const value = headerValue(headers, header)?.trim();
    if (value !== undefined && !/^\d+$/.test(value)) problems.push({ header, value, expected: 'a non-negative integer' });
  }

  const retryAfterText = headerValue(headers, 'Retry-After')?.trim();
  if (retryAfterText !== undefined && !limited && !isRetryAfter(retryAfterText)) {
    problems.push({ header: 'Retry-After', value: retryAfterText, expected: RETRY_AFTER_EXPECTED });
  }
  const retryAt = limited && retryAfterText !== undefined ? retryMoment(retryAfterText, serverNow) : null;
  if (retryAt !== null && reset !== null && Math.abs(retryAt - reset) > RATE_LIMIT_WINDOW_MS + RATE_LIMIT_ROUNDING_MS) {
    problems.push({
      header: 'Retry-After',
      value: retryAfterText ?? '',
      expected: `the same moment as X-Ratelimit-Reset ${reset} within one ten-second window (+${RATE_LIMIT_ROUNDING_MS / 1000} s of rounding); they differ by ${Math.round(Math.abs(retryAt - reset) / 1000)} s`,
    });
  }
  return problems.length === 0 ? [] : [{ check: 'rate_limit_header_values', problems }];
};

/** Epoch ms of a Retry-After: an HTTP-date as is, seconds from the response's Date; null when neither can be known. */
function retryMoment(value: string, serverNow: number | null): number | null {
  if (/^\d+$/.test(value)) return serverNow === null ? null : serverNow + Number(value) * 1000;
  return isHttpDate(value) ? Date.parse(value) : null;
}

function parseImfDate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Rule H3: no known secret anywhere in the response (secret-exposure.ts). */
export const secretExposure: ContractCheck = (exchange, ctx) =>
  secretExposureFailures(exchange, ctx.body.kind === 'json' ? ctx.body.value : undefined, ctx.secrets);

export const CONTRACT_CHECKS: readonly ContractCheck[] = [
  statusCodeConformance,
  contentTypeConformance,
  jsonBodyParses,
  responseSchemaConformance,
  rateLimitHeaders,
  rateLimitHeaderValues,
  secretExposure,
];

export function parseBody(bodyText: string): ParsedBody {
  if (bodyText.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(bodyText) as unknown };
  } catch (error) {
    return { kind: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url, 'http://relative.invalid');
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export function buildCheckContext(exchange: HttpExchange, opts: CheckOptions): CheckContext {
  const registry = opts.registry ?? getSchemaRegistry();
  const operationId = opts.operationId ?? exchange.operationId;
  return {
    registry,
    contract: registry.getOperationContract(operationId),
    documented: registry.findResponse(operationId, exchange.response.status),
    strict: opts.strict,
    body: parseBody(exchange.response.bodyText),
    secrets: opts.secrets ?? [],
  };
}

/** Runs every contract check on one exchange. Never throws for a bad response; only for an unknown operation. */
export function checkExchange(exchange: HttpExchange, opts: CheckOptions): ContractReport {
  const ctx = buildCheckContext(exchange, opts);
  const failures = CONTRACT_CHECKS.flatMap((check) => check(exchange, ctx));
  return {
    operationId: ctx.contract.operationId,
    method: exchange.request.method.toUpperCase(),
    path: pathOf(exchange.request.url),
    status: exchange.response.status,
    documentedStatuses: ctx.contract.documentedStatuses,
    strict: ctx.strict,
    failures,
    ok: failures.length === 0,
  };
}
