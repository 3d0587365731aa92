/**
 * Reads what a conformance run recorded from Playwright's JSON report (`<reportsDir>/conformance.json`):
 * per test, its duration and the `contract-observations` attachment (one entry per response received,
 * set-up and clean-up included). The bench derives the request mix, the request budget and the critical
 * path from these, so it measures the suite as it actually ran instead of a hand-kept list.
 */
import {
  parsePlaywrightReport,
  readAttachmentText,
  ReportReadError,
  titleOf,
  type PlaywrightReport,
  type ReportAttachment,
} from '../harness/playwright-report';
import { isWaitStep } from '../harness/wait-step';
import { isOperationId, type OperationId } from '../domain/operations';
import { OBSERVATIONS_ATTACHMENT } from '../domain/observations';
import { BenchInputError } from './stats';

export interface Observation {
  operationId: OperationId;
  method: string;
  status: number;
}

export interface TestRecord {
  /** file + title path (describe blocks and test title), stable across runs. */
  id: string;
  /** Its tags without `@` (capabilities.ts counts requests by them). */
  tags: string[];
  status: string;
  durationMs: number;
  observations: Observation[];
  /** The test's deliberate waits (its `wait <ms> ms: …` steps, src/harness/wait-step.ts), in ms. */
  waitMs: number;
}

/** The bench's view of a report; something that is not a Playwright report is bad bench input. */
export function parseRunReport(report: unknown): TestRecord[] {
  return toTestRecords(asBenchInput(() => parsePlaywrightReport(report)));
}

export function toTestRecords(report: PlaywrightReport): TestRecord[] {
  return report.tests.flatMap((test): TestRecord[] => {
    // With retries 0 there is one attempt; take the last one, the one that decided the outcome.
    const attempt = test.attempts.at(-1);
    if (!attempt) return [];
    const project = test.project ? `[${test.project}] ` : '';
    return [
      {
        id: `${project}${test.file} › ${titleOf(test)}`,
        tags: test.tags,
        status: attempt.status,
        durationMs: attempt.durationMs,
        observations: attempt.attachments.filter((a) => a.name === OBSERVATIONS_ATTACHMENT).flatMap(decodeObservations),
        waitMs: attempt.steps.filter((step) => isWaitStep(step.title)).reduce((sum, step) => sum + step.durationMs, 0),
      },
    ];
  });
}

function asBenchInput<T>(read: () => T): T {
  try {
    return read();
  } catch (e: unknown) {
    if (e instanceof ReportReadError) throw new BenchInputError(e.message);
    throw e;
  }
}

export function decodeObservations(attachment: ReportAttachment): Observation[] {
  const text = readAttachmentText(attachment);
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BenchInputError(`A ${OBSERVATIONS_ATTACHMENT} attachment is not JSON: ${text.slice(0, 80)}`);
  }
  const list = (parsed as { observations?: unknown } | null)?.observations;
  if (!Array.isArray(list)) throw new BenchInputError(`A ${OBSERVATIONS_ATTACHMENT} attachment has no observations array`);
  return list.flatMap((entry: unknown): Observation[] => {
    const o = entry as { operationId?: unknown; method?: unknown; status?: unknown } | null;
    if (!o || typeof o.operationId !== 'string' || !isOperationId(o.operationId) || typeof o.status !== 'number') return [];
    return [{ operationId: o.operationId, method: typeof o.method === 'string' ? o.method : '', status: o.status }];
  });
}

/** `2xx`, `4xx`, … */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

/** Requests per `operationId status` (e.g. `getToken 404`), sorted by key, plus per operation. */
export function countRequests(tests: readonly TestRecord[]): {
  total: number;
  byOperation: Record<string, number>;
  byOperationStatus: Record<string, number>;
} {
  const byOperation: Record<string, number> = {};
  const byOperationStatus: Record<string, number> = {};
  let total = 0;
  for (const test of tests) {
    for (const o of test.observations) {
      total++;
      byOperation[o.operationId] = (byOperation[o.operationId] ?? 0) + 1;
      const key = `${o.operationId} ${o.status}`;
      byOperationStatus[key] = (byOperationStatus[key] ?? 0) + 1;
    }
  }
  return { total, byOperation: sortKeys(byOperation), byOperationStatus: sortKeys(byOperationStatus) };
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
