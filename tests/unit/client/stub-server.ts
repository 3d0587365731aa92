import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SuiteConfig } from '../../../src/config/suite-config';

export interface StubReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** false = no Date header at all (Node adds one by default). */
  sendDate?: boolean;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/**
 * A tiny local HTTP server for the client's unit tests: answers from a script of replies (the last one
 * repeats) and records every request it received.
 */
export async function startStubServer(replies: StubReply[] | ((req: RecordedRequest, index: number) => StubReply)): Promise<{
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(recorded);
      const index = requests.length - 1;
      const reply =
        typeof replies === 'function' ? replies(recorded, index) : (replies[Math.min(index, replies.length - 1)] ?? { status: 500 });
      if (reply.sendDate === false) res.sendDate = false;
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function makeConfig(baseUrl: string, overrides: Partial<SuiteConfig> = {}): SuiteConfig {
  return {
    baseUrl,
    accessToken: 'api-unit-test-admin-token-0001',
    target: 'remote',
    apiVersion: '20240415',
    runId: 'unit',
    runPrefix: 'ldct',
    tokenNamePrefix: 'ldct-unit',
    requestTimeoutMs: 5_000,
    maxRps: null,
    maxRpsTotal: null,
    workers: 1,
    rateLimitBudgetMs: 10_000,
    runDeadline: null,
    strict: false,
    specDrift: false,
    hostileInputs: true,
    allowProduction: false,
    productionHost: false,
    reportsDir: 'reports',
    latencyP95Ms: null,
    exploreRequests: 0,
    exploreSeed: null,
    concurrency: 0,
    concurrencyRequests: 24,
    ...overrides,
  };
}
