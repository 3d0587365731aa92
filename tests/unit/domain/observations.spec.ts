import { expect, test } from '@playwright/test';
import { formatInconclusive, parseObservations, ruleOfInconclusive } from '../../../src/domain/observations';

test.describe('parseObservations', () => {
  const valid = [
    {
      given: '{"observations":[]}',
      want: [],
    },
    {
      given: '{"observations":[{"operationId":"getToken","method":"GET","status":404,"conformant":true,"failedChecks":[]}]}',
      want: [{ operationId: 'getToken', method: 'GET', status: 404, conformant: true, failedChecks: [] }],
    },
    {
      // failedChecks absent is tolerated as none; a missing method becomes ''.
      given: '{"observations":[{"operationId":"deleteToken","status":500,"conformant":false}]}',
      want: [{ operationId: 'deleteToken', method: '', status: 500, conformant: false, failedChecks: [] }],
    },
    {
      given:
        '{"observations":[{"operationId":"getTokens","method":"GET","status":200,"conformant":true,"failedChecks":[],"durationMs":12.5}]}',
      want: [{ operationId: 'getTokens', method: 'GET', status: 200, conformant: true, failedChecks: [], durationMs: 12.5 }],
    },
  ];
  for (const { given, want } of valid) {
    test(`parses ${given}`, () => {
      expect(parseObservations(given)).toEqual(want);
    });
  }

  const invalid = [
    { given: 'not json', want: /is not JSON/ },
    { given: '[]', want: /no "observations" array/ },
    { given: '{"observations":[1]}', want: /\[0\] is not an object/ },
    { given: '{"observations":[{"operationId":"listFlags","status":200,"conformant":true}]}', want: /not one of the six operations/ },
    { given: '{"observations":[{"operationId":"getToken","status":"200","conformant":true}]}', want: /status must be an integer/ },
    { given: '{"observations":[{"operationId":"getToken","status":200}]}', want: /conformant must be a boolean/ },
    {
      given: '{"observations":[{"operationId":"getToken","status":200,"conformant":true,"durationMs":"5"}]}',
      want: /durationMs must be a number of milliseconds/,
    },
    {
      given: '{"observations":[{"operationId":"getToken","status":200,"conformant":true,"durationMs":-1}]}',
      want: /durationMs must be a number/,
    },
  ];
  for (const { given, want } of invalid) {
    test(`rejects ${given}`, () => {
      expect(() => parseObservations(given)).toThrow(want);
    });
  }
});

// The inconclusive annotation's one format, written by recordInconclusive and read by the coverage model.
const inconclusiveRows: { given: string; want: string | null }[] = [
  { given: formatInconclusive('B6', 'LD_OTHER_MEMBER_TOKEN is not set'), want: 'B6' },
  { given: formatInconclusive('A11', 'a reason: with a colon'), want: 'A11' },
  { given: 'explore: 40 of 150 requests sent; stopped: rate limited', want: null },
  { given: 'C9: a rule the catalogue does not have', want: null },
];
for (const { given, want } of inconclusiveRows) {
  test(`ruleOfInconclusive(${JSON.stringify(given)}) → ${String(want)}`, () => {
    expect(ruleOfInconclusive(given)).toBe(want);
  });
}
