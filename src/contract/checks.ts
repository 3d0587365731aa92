import type { OperationId } from '../domain/operations';
import type { HttpExchange } from './exchange';
import type { ContractFailure } from './failures';
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

const RATE_LIMIT_HEADERS = [
  // Epoch milliseconds: 13 digits for any date between 2001 and 2286.
  { header: 'X-Ratelimit-Reset', expected: 'epoch milliseconds (an integer of 13 digits)', valid: (v: string) => /^\d{13}$/.test(v) },
  { header: 'Retry-After', expected: 'a whole number of seconds', valid: (v: string) => /^\d+$/.test(v) },
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

export const CONTRACT_CHECKS: readonly ContractCheck[] = [
  statusCodeConformance,
  contentTypeConformance,
  jsonBodyParses,
  responseSchemaConformance,
  rateLimitHeaders,
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
