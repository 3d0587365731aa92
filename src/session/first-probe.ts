import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../client/api-client';
import { redactExchange } from '../contract';
import type { HttpExchange } from '../contract/exchange';

/**
 * Global set-up's first request (getTokens?limit=1) is an exchange with the target like any other, but it runs in
 * Playwright's main process, where no test can judge it. Set-up keeps it here (redacted: the reports directory is
 * scanned for secrets at the end, H2) and a test of the run judges it with the contract checks, so a 5xx there is a
 * contract failure of getTokens named with its rule (A2), not a stopped run blamed on LD_BASE_URL (issue 26.5).
 */
export const FIRST_PROBE_FILE = 'first-probe.json';

interface FirstProbeFile {
  runId: string;
  exchange: HttpExchange;
  durationMs: number;
}

/** Global set-up's first step: an earlier run's probe must never be judged as this run's. */
export function clearFirstProbe(reportsDir: string): void {
  fs.rmSync(path.join(reportsDir, FIRST_PROBE_FILE), { force: true });
}

/** Keeps the probe's exchange, redacted, for the test that judges it. */
export function recordFirstProbe(reportsDir: string, runId: string, result: Pick<ApiResult, 'exchange' | 'durationMs'>): void {
  fs.mkdirSync(reportsDir, { recursive: true });
  const file: FirstProbeFile = { runId, exchange: redactExchange(result.exchange), durationMs: result.durationMs };
  fs.writeFileSync(path.join(reportsDir, FIRST_PROBE_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/**
 * This run's first probe as a result the judged session can judge (`SuiteApi.judge`); null when the file is
 * missing, unreadable, malformed or another run's.
 */
export function readFirstProbe(reportsDir: string, runId: string): ApiResult | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(reportsDir, FIRST_PROBE_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (!isFirstProbeFile(parsed) || parsed.runId !== runId) return null;
  return toResult(parsed.exchange, parsed.durationMs);
}

function toResult(exchange: HttpExchange, durationMs: number): ApiResult {
  const { status, headers, bodyText } = exchange.response;
  const date = headers.date === undefined ? NaN : Date.parse(headers.date);
  return {
    operationId: exchange.operationId,
    status,
    headers,
    bodyText,
    json: () => {
      try {
        return bodyText === '' ? undefined : (JSON.parse(bodyText) as unknown);
      } catch {
        return undefined;
      }
    },
    exchange,
    waits: [],
    serverDate: Number.isNaN(date) ? null : date,
    durationMs,
  };
}

function isFirstProbeFile(value: unknown): value is FirstProbeFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Partial<FirstProbeFile>;
  const response = file.exchange?.response as Partial<HttpExchange['response']> | undefined;
  return (
    typeof file.runId === 'string' &&
    typeof file.durationMs === 'number' &&
    file.exchange?.operationId === 'getTokens' &&
    typeof file.exchange.request === 'object' &&
    typeof response?.status === 'number' &&
    typeof response.bodyText === 'string' &&
    typeof response.headers === 'object' &&
    response.headers !== null
  );
}
