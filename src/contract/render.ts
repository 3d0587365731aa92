import type { ContractReport } from './checks';
import { headerValue } from './checks';
import type { HttpExchange } from './exchange';
import type { ContractFailure, SchemaViolation } from './failures';
import { redactSecrets } from './secrets';

/**
 * What a person reads when a response breaks the contract (Schemathesis style): one header
 * line, one block per failure with Received / Documented / Schema at / Value, then the
 * response body. Everything that came from the wire goes through redactSecrets *before*
 * truncation, so a cut can never leave part of a secret unmasked.
 */

export const VALUE_LIMIT = 200;
export const BODY_LIMIT = 2048;

export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (truncated, ${text.length - limit} more characters)`;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  return truncate(redactSecrets(JSON.stringify(value) ?? `(${typeof value})`), VALUE_LIMIT);
}

const LABEL_WIDTH = 12;
function field(label: string, value: string): string {
  return `   ${`${label}:`.padEnd(LABEL_WIDTH)} ${value}`;
}

function describeViolation(violation: SchemaViolation): string[] {
  const at = violation.instancePath === '' ? '(root)' : violation.instancePath;
  return [
    `     - at ${at}: ${violation.message}`,
    `         Schema path: ${violation.schemaPath}`,
    `         Value:       ${formatValue(violation.value)}`,
  ];
}

function describeFailure(failure: ContractFailure, report: ContractReport, exchange: HttpExchange): string[] {
  const received = headerValue(exchange.response.headers, 'content-type');
  switch (failure.check) {
    case 'status_code_conformance':
      return [
        `status_code_conformance — status ${failure.received} is not documented for ${report.operationId} (rule A2)`,
        field('Received', String(failure.received)),
        field('Documented', failure.documented.join(', ')),
      ];
    case 'content_type_conformance':
      return [
        'content_type_conformance — the Content-Type is not the documented one (rule A3)',
        field('Received', failure.received ?? '(no Content-Type header)'),
        field('Documented', `${failure.expected} (parameters such as "; charset=utf-8" allowed)`),
      ];
    case 'body_on_no_content':
      return [
        `body_on_no_content — status ${report.status} must have no body (rule A3)`,
        field('Received', `a body of ${failure.bodyText.length} characters`),
        field('Documented', 'no body'),
      ];
    case 'json_parse':
      return [
        'json_parse — the body is not valid JSON (rule A3)',
        field('Received', `${received ?? '(no Content-Type header)'}; parse error: ${failure.error}`),
        field('Documented', 'a JSON body'),
      ];
    case 'response_schema_conformance':
      return [
        `response_schema_conformance — the body does not match the schema for ${failure.status}`,
        field('Received', `${failure.status} ${received ?? ''}`.trim()),
        field('Documented', `${failure.status} → ${failure.schemaRef}${report.strict ? ' (strict: additionalProperties false)' : ''}`),
        field('Schema at', `schemas/${failure.schemaRef}`),
        `   Violations (${failure.violations.length}):`,
        ...failure.violations.flatMap(describeViolation),
      ];
    case 'rate_limit_headers':
      return [
        'rate_limit_headers — a 429 must say when to retry (rule A5)',
        field('Received', describeRateLimitHeaders(exchange)),
        field('Documented', 'X-Ratelimit-Reset (epoch ms) and/or Retry-After (seconds)'),
        ...(failure.missing.length > 0 ? [field('Missing', failure.missing.join(', '))] : []),
        ...failure.malformed.map((m) => field('Malformed', `${m.header}: ${JSON.stringify(m.value)} (expected ${m.expected})`)),
      ];
    case 'rate_limit_header_values':
      return [
        'rate_limit_header_values — a rate-limit header says something the spec does not allow (rule A12)',
        ...failure.problems.map((p) => field('Received', `${p.header}: ${JSON.stringify(p.value)} (expected ${p.expected})`)),
        field('Documented', 'X-Ratelimit-Reset epoch ms of the window end; *-Remaining non-negative integers; Retry-After seconds'),
      ];
    case 'secret_exposure':
      return [
        `secret_exposure — the response carries a secret of the run it did not just issue (rule H3)`,
        ...failure.sightings.map((s) => field('Found', `${s.masked} (the ${describeSecretKind(s.kind)}) in ${s.where}`)),
        field('Documented', 'only postToken 201 / resetToken 200 carry a whole secret: the one they issue (rules C2, H3)'),
      ];
  }
}

function describeSecretKind(kind: 'configured' | 'issued' | 'reset'): string {
  if (kind === 'configured') return 'configured LD_ACCESS_TOKEN';
  return kind === 'issued' ? 'secret of a token the run created' : 'secret of a token the run reset';
}

function describeRateLimitHeaders(exchange: HttpExchange): string {
  const present = ['X-Ratelimit-Reset', 'Retry-After']
    .map((name) => [name, headerValue(exchange.response.headers, name)] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return present.length > 0 ? present.join(', ') : 'neither header';
}

function renderBody(exchange: HttpExchange): string[] {
  const text = exchange.response.bodyText;
  if (text.trim() === '') return ['Response body: (empty)'];
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: show it as received.
  }
  return [`Response body (${text.length} characters):`, truncate(redactSecrets(pretty), BODY_LIMIT)];
}

export function renderContractReport(report: ContractReport, exchange: HttpExchange): string {
  const strict = report.strict ? ' [strict mode: CONTRACT_STRICT=1, undocumented properties fail]' : '';
  const header = `${report.operationId} ${report.method} ${redactSecrets(exchange.request.url)} → ${report.status}${strict}`;
  if (report.ok) {
    return `${header}\nConforms to the ${report.operationId} contract (documented statuses: ${report.documentedStatuses.join(', ')}).`;
  }
  const lines = [header, `${report.failures.length} contract failure(s):`];
  report.failures.forEach((failure, i) => {
    const [title = '', ...rest] = describeFailure(failure, report, exchange);
    lines.push('', `${i + 1}) ${title}`, ...rest);
  });
  lines.push('', ...renderBody(exchange));
  return lines.join('\n');
}
