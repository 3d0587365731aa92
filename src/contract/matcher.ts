import type { ExpectMatcherState, MatcherReturnType } from '@playwright/test';
import type { OperationId } from '../domain/operations';
import { checkExchange, type CheckOptions } from './checks';
import type { HttpExchange } from './exchange';
import { renderContractReport } from './render';

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

export const contractMatchers = {
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
