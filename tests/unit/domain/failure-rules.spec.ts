import { expect, test } from '@playwright/test';
import { ruleOfCheck, rulesJudgedBy } from '../../../src/domain/failure-rules';
import { CONTRACT_CHECK_IDS } from '../../../src/contract/failures';
import type { FailureKind, FailureSignature } from '../../../src/domain/failure-signature';

/** One failure, one rule (issue 24.1): the rules a failure's signature judged, and no other. */
const rows: { name: string; given: { kind: FailureKind; signature: FailureSignature }; want: string[] }[] = [
  {
    name: 'an explore failure names the rule its breaking step broke, not the 22 rules explore covers',
    given: { kind: 'contract', signature: { rule: 'F1', operation: 'getToken', status: 200 } },
    want: ['F1'],
  },
  {
    name: 'an explore 5xx is A7 alone',
    given: { kind: 'contract', signature: { rule: 'A7', operation: 'patchToken', status: 500 } },
    want: ['A7'],
  },
  {
    name: "a behaviour assertion names the test's rules",
    given: { kind: 'assertion', signature: { rule: 'D1,B3', operation: 'getTokens', status: 200 } },
    want: ['D1', 'B3'],
  },
  {
    name: 'an undocumented status is A2',
    given: { kind: 'contract', signature: { check: 'status_code_conformance', operation: 'getTokens', status: 418 } },
    want: ['A2'],
  },
  {
    name: 'a wrong content type is A3',
    given: { kind: 'contract', signature: { check: 'content_type_conformance', operation: 'getToken', status: 200 } },
    want: ['A3'],
  },
  {
    name: 'a body that does not parse is A3',
    given: { kind: 'contract', signature: { check: 'json_parse', operation: 'getToken', status: 200 } },
    want: ['A3'],
  },
  {
    name: 'a 4xx body off its schema is A4',
    given: { kind: 'contract', signature: { check: 'response_schema_conformance', operation: 'getToken', status: 404 } },
    want: ['A4'],
  },
  {
    name: 'a 2xx body off its schema is the contract cell alone, no rule row',
    given: { kind: 'contract', signature: { check: 'response_schema_conformance', operation: 'getToken', status: 200 } },
    want: [],
  },
  {
    name: 'a 429 without its headers is A5',
    given: { kind: 'contract', signature: { check: 'rate_limit_headers', operation: 'getTokens', status: 429 } },
    want: ['A5'],
  },
  {
    name: 'explore blaming several rules names each once',
    given: { kind: 'contract', signature: { rule: 'A2/A3/A4' } },
    want: ['A2', 'A3', 'A4'],
  },
  {
    name: 'an environment failure judged no rule',
    given: { kind: 'environment', signature: { check: 'environment', operation: 'getToken', status: 502 } },
    want: [],
  },
  { name: 'a test naming no rule marks none', given: { kind: 'assertion', signature: { rule: 'none' } }, want: [] },
];

for (const { name, given, want } of rows) {
  test(name, () => {
    expect(rulesJudgedBy(given)).toEqual(want);
  });
}

// Every contract check names its rule, so a failure of a check added later cannot mark no rule by being forgotten here;
// the one exception is a 2xx body breaking its schema, judged by the operation's status cell (not a rule row).
test('every contract check maps to the rule it stands for (a 2xx schema breach alone to none)', () => {
  for (const check of CONTRACT_CHECK_IDS) {
    expect(ruleOfCheck(check, 404), `${check} on a 404`).toBeDefined();
  }
  expect(ruleOfCheck('response_schema_conformance', 200)).toBeUndefined();
  expect(ruleOfCheck('rate_limit_header_values', 200)).toBe('A12');
  expect(ruleOfCheck('secret_exposure', 422)).toBe('H3');
});
