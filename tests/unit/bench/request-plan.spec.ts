import { expect, test } from '@playwright/test';
import { buildRequestPlan, expandPlan } from '../../../src/bench/request-plan';
import { countRequests, parseRunReport, statusClass, type TestRecord } from '../../../src/bench/run-report';
import type { OperationId } from '../../../src/domain/operations';

const record = (id: string, observations: [OperationId, number][]): TestRecord => ({
  id,
  tags: [],
  status: 'passed',
  durationMs: 10,
  observations: observations.map(([operationId, status]) => ({ operationId, method: 'GET', status })),
  waitMs: 0,
});

test.describe('buildRequestPlan', () => {
  const rows: { name: string; given: TestRecord[]; want: ReturnType<typeof buildRequestPlan> }[] = [
    { name: 'no tests', given: [], want: { items: [], total: 0, substituted: [] } },
    {
      name: 'counts per operation and status across tests, sorted',
      given: [
        record('a', [
          ['postToken', 201],
          ['getToken', 200],
          ['deleteToken', 204],
        ]),
        record('b', [
          ['postToken', 201],
          ['getToken', 404],
        ]),
      ],
      want: {
        items: [
          { operationId: 'deleteToken', status: 204, count: 1 },
          { operationId: 'getToken', status: 200, count: 1 },
          { operationId: 'getToken', status: 404, count: 1 },
          { operationId: 'postToken', status: 201, count: 2 },
        ],
        total: 5,
        substituted: [],
      },
    },
    {
      name: 'a status the floor cannot provoke is replayed as the success case and reported',
      given: [
        record('a', [
          ['getTokens', 429],
          ['getTokens', 200],
          ['patchToken', 500],
        ]),
      ],
      want: {
        items: [
          { operationId: 'getTokens', status: 200, count: 2 },
          { operationId: 'patchToken', status: 200, count: 1 },
        ],
        total: 3,
        substituted: [
          { operationId: 'getTokens', status: 429, count: 1 },
          { operationId: 'patchToken', status: 500, count: 1 },
        ],
      },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(buildRequestPlan(given)).toEqual(want);
    });
  }
});

test('expandPlan keeps the counts and interleaves kinds', () => {
  const plan = buildRequestPlan([
    record('a', [
      ['getTokens', 200],
      ['getTokens', 200],
      ['getTokens', 200],
      ['postToken', 201],
    ]),
  ]);
  const expanded = expandPlan(plan);
  expect(expanded.map((e) => `${e.operationId} ${e.status}`)).toEqual(['getTokens 200', 'postToken 201', 'getTokens 200', 'getTokens 200']);
});

test.describe('statusClass', () => {
  const rows: { given: number; want: string }[] = [
    { given: 200, want: '2xx' },
    { given: 204, want: '2xx' },
    { given: 404, want: '4xx' },
    { given: 503, want: '5xx' },
  ];
  for (const { given, want } of rows) test(`${given} → ${want}`, () => expect(statusClass(given)).toBe(want));
});

test.describe('parseRunReport', () => {
  const body = (observations: unknown[]): string => Buffer.from(JSON.stringify({ observations })).toString('base64');
  const report = {
    suites: [
      {
        title: 'get-token.spec.ts',
        file: 'get-token.spec.ts',
        specs: [],
        suites: [
          {
            title: 'getToken',
            file: 'get-token.spec.ts',
            specs: [
              {
                title: 'returns 404 for an unknown id',
                file: 'get-token.spec.ts',
                tags: ['destructive', 'authz', 7],
                tests: [
                  {
                    projectName: '',
                    results: [
                      {
                        status: 'passed',
                        duration: 37,
                        // Deliberate waits are steps titled `wait <ms> ms: …`, also nested; other steps are not waits.
                        steps: [
                          { title: 'contract: getToken GET → 404', duration: 3 },
                          {
                            title: 'G3 after the expiry',
                            duration: 4600,
                            steps: [{ title: 'wait 4500 ms: until the server clock passes the expiry', duration: 4502 }],
                          },
                          { title: 'wait 250 ms: the remainder', duration: 251 },
                          { title: 'waiting for nothing', duration: 9 },
                        ],
                        attachments: [
                          { name: 'something-else', contentType: 'text/plain', body: Buffer.from('x').toString('base64') },
                          {
                            name: 'contract-observations',
                            contentType: 'application/json',
                            body: body([
                              { operationId: 'postToken', method: 'POST', status: 201, conformant: true, failedChecks: [] },
                              { operationId: 'getToken', method: 'GET', status: 404, conformant: true, failedChecks: [] },
                              { operationId: 'notAnOperation', method: 'GET', status: 200 },
                            ]),
                          },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };

  test('reads duration, title path, tags (strings only), the decoded observations and the wait steps; ignores other attachments, steps and unknown operations', () => {
    expect(parseRunReport(report)).toEqual([
      {
        id: 'get-token.spec.ts › getToken › returns 404 for an unknown id',
        tags: ['destructive', 'authz'],
        status: 'passed',
        durationMs: 37,
        observations: [
          { operationId: 'postToken', method: 'POST', status: 201 },
          { operationId: 'getToken', method: 'GET', status: 404 },
        ],
        waitMs: 4753,
      },
    ]);
  });

  test('countRequests totals per operation and per operation + status', () => {
    expect(countRequests(parseRunReport(report))).toEqual({
      total: 2,
      byOperation: { getToken: 1, postToken: 1 },
      byOperationStatus: { 'getToken 404': 1, 'postToken 201': 1 },
    });
  });

  test('something that is not a Playwright JSON report is a clear error', () => {
    expect(() => parseRunReport({ nope: true })).toThrow(/not a Playwright JSON report/);
  });
});
