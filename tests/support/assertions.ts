import type { ApiResult } from '../../src/client/api-client';
import { expect, redactSecrets } from '../../src/contract';
import type { RuleId } from '../../src/domain/rules';
import { lastFour } from '../../src/session/secret-compare';
import type { SuiteApi } from '../../src/session/suite-api';
import { asToken, type TokenRep } from '../../src/session/token-types';

/**
 * Assertions the specs share. Messages carry redacted bodies only: a secret never reaches an assertion
 * message (H2). Secrets are compared as booleans with a message that does not print them.
 */

/** A short, redacted description of a response for assertion messages. */
export function describeResult(result: ApiResult): string {
  const body = result.bodyText.length > 300 ? `${result.bodyText.slice(0, 300)}…` : result.bodyText;
  return `${result.exchange.request.method} ${redactSecrets(new URL(result.exchange.request.url).pathname)} → ${result.status} ${redactSecrets(body)}`;
}

/**
 * Hard assertion on the status, through the suite's one status matcher (`toHaveStatus`, src/contract/matcher.ts):
 * the message names the call, then "expected one of 403; received 204", the request line and the redacted body.
 * `rule`: the rule this status judges, where the test names several (issue 24.1: its failure marks that rule
 * only); omitted, a failure marks the test's rules.
 */
export function expectStatus(result: ApiResult, expected: number | readonly number[], what: string, rule?: RuleId): void {
  expect(result, what).toHaveStatus(expected, rule ? { rule } : {});
}

/** Soft variant, for table rows that should all be reported. */
export function expectStatusSoft(result: ApiResult, expected: number | readonly number[], what: string, rule?: RuleId): void {
  expect.soft(result, what).toHaveStatus(expected, rule ? { rule } : {});
}

/** getToken that must answer 200; returns the body. */
export async function readToken(api: SuiteApi, id: string, what = 'getToken'): Promise<TokenRep> {
  const result = await api.send('getToken', { id });
  expectStatus(result, 200, what);
  return asToken(result.json(), what);
}

/** Fields that change without any write (rule E5 compares everything else). */
const VOLATILE_FIELDS = ['lastUsed'] as const;

/** A token body without its volatile fields, for "exactly unchanged" comparisons. */
export function stableView(token: TokenRep): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...token };
  for (const field of VOLATILE_FIELDS) delete copy[field];
  return copy;
}

/** Rule E5/B1: a failed write left the token exactly as it was (full getToken body minus volatile fields). */
export async function expectUnchanged(api: SuiteApi, id: string, before: TokenRep, what: string): Promise<void> {
  const after = await readToken(api, id, `getToken after ${what}`);
  expect.soft(stableView(after), `${what} must leave the token exactly unchanged`).toEqual(stableView(before));
}

/** Rule D1: a read shows exactly the last four characters of the secret (never the whole secret). */
export function expectObfuscated(shown: unknown, secret: string, what: string): void {
  const described = typeof shown === 'string' ? `${shown.length} character(s)` : typeof shown;
  expect(shown === lastFour(secret), `${what}: "token" must be exactly the last four characters of the secret (got ${described})`).toBe(
    true,
  );
}
