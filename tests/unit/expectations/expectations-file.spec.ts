import { expect, test } from '@playwright/test';
import { isExpired, parseExpectations, type ExpectationEntry } from '../../../src/expectations/expectations-file';

const T = 'getToken.spec.ts › getToken › getToken 200 reads';

test.describe('a valid file loads into entries', () => {
  const rows: { name: string; given: string; want: ExpectationEntry[] }[] = [
    { name: 'empty file', given: '', want: [] },
    { name: 'comments only', given: '# nothing accepted yet\n', want: [] },
    { name: 'empty list', given: 'deviations: []\n', want: [] },
    {
      name: 'contract check with link and expiry',
      given: `deviations:\n  - test: "${T}"\n    failure: { check: content_type_conformance, operation: postToken, status: 413 }\n    reason: HTML 413 from the load balancer\n    link: https://tickets.example.com/OPS-1\n    expires: 2027-01-31\n`,
      want: [
        {
          test: T,
          failure: { check: 'content_type_conformance', operation: 'postToken', status: 413 },
          reason: 'HTML 413 from the load balancer',
          link: 'https://tickets.example.com/OPS-1',
          expires: '2027-01-31',
        },
      ],
    },
    {
      name: 'behaviour rule without operation',
      given: `deviations:\n  - test: "${T}"\n    failure: { rule: "D1,B3" }\n    reason: known\n`,
      want: [{ test: T, failure: { rule: 'D1,B3' }, reason: 'known' }],
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(parseExpectations(given, 'x.yaml')).toEqual(want);
    });
  }
});

test.describe('a malformed file is one line naming the entry and field', () => {
  const entry = (failure: string, extra = ''): string => `deviations:\n  - test: "${T}"\n    failure: ${failure}\n    reason: r\n${extra}`;
  const rows: { name: string; given: string; want: string }[] = [
    { name: 'not YAML', given: 'deviations: [\n', want: 'x.yaml: not valid YAML' },
    { name: 'a bare list', given: '- test: a\n', want: 'expected a mapping with a "deviations" list' },
    { name: 'unknown top-level key', given: 'deviation: []\n', want: 'unknown top-level key "deviation"' },
    { name: 'entry not a mapping', given: 'deviations: [a]\n', want: 'deviations[0] must be a mapping' },
    {
      name: 'no test',
      given: 'deviations:\n  - failure: { check: json_parse }\n    reason: r\n',
      want: 'deviations[0].test is missing or empty',
    },
    {
      name: 'no reason',
      given: `deviations:\n  - test: "${T}"\n    failure: { check: json_parse }\n`,
      want: 'deviations[0].reason is missing or empty',
    },
    { name: 'unknown entry key', given: entry('{ check: json_parse }', '    ticket: X\n'), want: 'deviations[0] has unknown key "ticket"' },
    { name: 'neither check nor rule', given: entry('{ operation: getToken }'), want: 'needs exactly one of "check"' },
    { name: 'both check and rule', given: entry('{ check: json_parse, rule: D1 }'), want: 'needs exactly one of "check"' },
    {
      name: 'unknown check',
      given: entry('{ check: json_parses }'),
      want: 'deviations[0].failure.check "json_parses" is not a contract check',
    },
    {
      name: 'environment is not a deviation',
      given: entry('{ check: environment }'),
      want: 'environment failures cannot be known deviations',
    },
    {
      name: 'unknown operation',
      given: entry('{ check: json_parse, operation: listTokens }'),
      want: 'operation "listTokens" is not one of the six operations',
    },
    { name: 'status not a number', given: entry('{ check: json_parse, status: "413" }'), want: 'failure.status must be an HTTP status' },
    { name: 'status out of range', given: entry('{ check: json_parse, status: 99 }'), want: 'failure.status must be an HTTP status' },
    { name: 'bad link', given: entry('{ check: json_parse }', '    link: OPS-1\n'), want: 'deviations[0].link must be an http(s) URL' },
    {
      name: 'bad date',
      given: entry('{ check: json_parse }', '    expires: 2027-02-30\n'),
      want: 'deviations[0].expires must be a date YYYY-MM-DD',
    },
    {
      name: 'duplicate',
      given: `${entry('{ check: json_parse }')}  - test: "${T}"\n    failure: { check: json_parse }\n    reason: again\n`,
      want: 'deviations[1] repeats deviations[0]',
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      let message = '';
      try {
        parseExpectations(given, 'x.yaml');
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      expect(message).toContain(want);
      expect(message.startsWith('LD_EXPECTATIONS x.yaml: '), message).toBe(true);
      expect(message).not.toContain('\n');
    });
  }
});

test('an entry matches through its expiry day (UTC) and expires the day after', () => {
  const entry: ExpectationEntry = { test: T, failure: { check: 'json_parse' }, reason: 'r', expires: '2026-11-30' };
  expect(isExpired(entry, new Date('2026-11-30T23:59:59Z'))).toBe(false);
  expect(isExpired(entry, new Date('2026-12-01T00:00:00Z'))).toBe(true);
  expect(isExpired({ ...entry, expires: undefined }, new Date('2099-01-01T00:00:00Z'))).toBe(false);
});
