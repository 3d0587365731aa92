import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { OperationId } from '../domain/operations';
import type { RuleId } from '../domain/rules';
import { checkExchange, type CheckOptions } from './checks';
import type { HttpExchange } from './exchange';
import { noteFailedAssertion } from './failed-assertions';
import { renderContractReport, truncate } from './render';
import { redactSecrets } from './secrets';

/**
 * `expect(resultOrExchange).toConformTo(op?, opts?)` for Playwright's expect.extend. The
 * failure message is always the rendered contract report (never "expected true"), and `.not`
 * works: `expect(x).not.toConformTo()` passes only when some check fails. Lenient unless
 * `{ strict: true }` is passed: the contract library reads no environment (the suite's own checks
 * go through its exchange recorder with the configuration's CONTRACT_STRICT).
 */

export type ConformSubject = HttpExchange | { exchange: HttpExchange };
export type ConformOptions = Partial<Pick<CheckOptions, 'strict'>>;

function isExchange(value: unknown): value is HttpExchange {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<HttpExchange>;
  return typeof v.operationId === 'string' && typeof v.request === 'object' && typeof v.response === 'object';
}

export function toExchange(received: unknown): HttpExchange | undefined {
  if (isExchange(received)) return received;
  if (typeof received === 'object' && received !== null && 'exchange' in received) {
    const inner = received.exchange;
    if (isExchange(inner)) return inner;
  }
  return undefined;
}

/** How much of a response body a status message shows (the whole exchange is in exchanges.json). */
export const STATUS_BODY_LIMIT = 300;

export interface StatusMismatch {
  /** The statuses the caller allows, in the caller's order. */
  allowed: readonly number[];
  received: number;
  /** The judged exchange, when known: its operation, request line and (redacted) body follow the first line. */
  exchange?: HttpExchange;
  /** `.not`: the status must be none of `allowed`. */
  negated?: boolean;
  /** The rule the assertion judges: named after the first line, so the reader sees which rule broke. */
  rule?: string;
}

/**
 * The one wording of "the status must be one of these", read the right way round: what was expected, then
 * what came ("expected one of 403; received 204"), then the operation and request line and the redacted body.
 * toContain on a list of statuses said it backwards ("Expected value: 204 / Received array: [403]").
 */
export function describeStatusMismatch({ allowed, received, exchange, negated = false, rule }: StatusMismatch): string {
  const lines = [`expected ${negated ? 'none' : 'one'} of ${allowed.join(', ')}; received ${received}${rule ? ` (rule ${rule})` : ''}`];
  if (exchange) {
    const { request, response } = exchange;
    lines.push(`${exchange.operationId} ${request.method} ${redactSecrets(request.url)} → ${response.status}`);
    if (response.bodyText.trim() !== '') lines.push(`Response body: ${truncate(redactSecrets(response.bodyText), STATUS_BODY_LIMIT)}`);
  }
  return lines.join('\n');
}

export type StatusSubject = ConformSubject | number;

/** What a status assertion judges beyond the status: the rule(s) it checks (issue 24.1: one failure, one rule). */
export interface StatusOptions {
  rule?: RuleId | readonly RuleId[];
}

export const contractMatchers = {
  /**
   * `expect(result, what).toHaveStatus(403)` or `.toHaveStatus([400, 422])`: the response's status must be one
   * of these. Playwright prints `what`, a blank line, then describeStatusMismatch — in the console, the HTML
   * report and error-context alike, since each shows the matcher's message. `{ rule }` names the rule the
   * assertion judges: its failure then marks that rule, not every rule of its test.
   */
  toHaveStatus(
    this: ExpectMatcherState,
    received: StatusSubject,
    expected: number | readonly number[],
    options: StatusOptions = {},
  ): MatcherReturnType {
    const name = 'toHaveStatus';
    const rule = options.rule === undefined ? undefined : typeof options.rule === 'string' ? options.rule : options.rule.join(',');
    const allowed = typeof expected === 'number' ? [expected] : [...expected];
    const exchange = typeof received === 'number' ? undefined : toExchange(received);
    const status = typeof received === 'number' ? received : exchange?.response.status;
    if (status === undefined || allowed.length === 0) {
      return {
        name,
        pass: this.isNot, // a bad use fails both ways
        message: () =>
          allowed.length === 0
            ? 'toHaveStatus needs at least one allowed status'
            : `toHaveStatus expects a status, an HttpExchange or an ApiResult ({ exchange }), received ${typeof received}`,
      };
    }
    const pass = allowed.includes(status);
    const message = describeStatusMismatch({
      allowed,
      received: status,
      ...(exchange ? { exchange } : {}),
      negated: this.isNot,
      ...(rule ? { rule } : {}),
    });
    // The assertion fails (either way round): its exchange is the one a curl must reproduce, its rule the one it broke.
    if (exchange && pass === this.isNot) noteFailedAssertion(exchange, { message, ...(rule ? { rule } : {}) });
    return { name, pass, message: () => message };
  },

  toConformTo(this: ExpectMatcherState, received: ConformSubject, operationId?: OperationId, opts: ConformOptions = {}): MatcherReturnType {
    const name = 'toConformTo';
    const exchange = toExchange(received);
    if (!exchange) {
      return {
        name,
        pass: this.isNot, // a bad subject fails both ways
        message: () =>
          `toConformTo expects an HttpExchange or an ApiResult ({ exchange }), received ${typeof received === 'object' ? JSON.stringify(received)?.slice(0, 200) : typeof received}`,
      };
    }
    const report = checkExchange(exchange, { operationId, strict: opts.strict ?? false });
    const rendered = renderContractReport(report, exchange);
    const asked = operationId && operationId !== exchange.operationId ? ` (checked against ${operationId})` : '';
    return {
      name,
      pass: report.ok,
      expected: report.operationId,
      actual: report.failures.map((f) => f.check),
      message: () =>
        report.ok
          ? `Expected the response NOT to conform to the ${report.operationId} contract${asked}, but every check passed.\n\n${rendered}`
          : `Expected the response to conform to the ${report.operationId} contract${asked}.\n\n${rendered}`,
    };
  },
};
