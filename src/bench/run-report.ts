/**
 * Reads what a conformance run recorded from Playwright's JSON report (`<reportsDir>/conformance.json`):
 * per test, its duration and the `contract-observations` attachment (one entry per response received,
 * set-up and clean-up included). The bench derives the request mix, the request budget and the critical
 * path from these, so it measures the suite as it actually ran instead of a hand-kept list.
 */
import fs from 'node:fs';
import { isOperationId, type OperationId } from '../spec/operation-ids';
import { BenchInputError } from './stats';

export const OBSERVATIONS_ATTACHMENT = 'contract-observations';

export interface Observation {
  operationId: OperationId;
  method: string;
  status: number;
}

export interface TestRecord {
  /** file + title path (describe blocks and test title), stable across runs. */
  id: string;
  status: string;
  durationMs: number;
  observations: Observation[];
}

interface ReportAttachment {
  name?: string;
  contentType?: string;
  body?: string;
  path?: string;
}
interface ReportResult {
  status?: string;
  duration?: number;
  attachments?: ReportAttachment[];
}
interface ReportSpec {
  title: string;
  file?: string;
  tests?: { projectName?: string; results?: ReportResult[] }[];
}
interface ReportSuite {
  title: string;
  file?: string;
  specs?: ReportSpec[];
  suites?: ReportSuite[];
}

export function readRunReport(file: string): TestRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new BenchInputError(`No JSON report at ${file}: the conformance run did not write one (see its output)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BenchInputError(`The JSON report at ${file} is not valid JSON`);
  }
  return parseRunReport(parsed);
}

export function parseRunReport(report: unknown): TestRecord[] {
  const suites = (report as { suites?: ReportSuite[] } | null)?.suites;
  if (!Array.isArray(suites)) throw new BenchInputError('JSON report has no `suites` array: not a Playwright JSON report');
  const records: TestRecord[] = [];
  const walk = (suite: ReportSuite, titles: string[]): void => {
    // The top-level suite of a file is titled with the file name; keep it out of the title path (file is separate).
    const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        // With retries 0 there is one result; take the last one, the one that decided the outcome.
        const result = test.results?.at(-1);
        if (!result) continue;
        const project = test.projectName ? `[${test.projectName}] ` : '';
        records.push({
          id: `${project}${spec.file ?? suite.file ?? ''} › ${[...here, spec.title].join(' › ')}`,
          status: result.status ?? 'unknown',
          durationMs: result.duration ?? 0,
          observations: (result.attachments ?? []).filter((a) => a.name === OBSERVATIONS_ATTACHMENT).flatMap(decodeObservations),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of suites) walk(suite, []);
  return records;
}

/** The JSON reporter stores attachment bodies base64-encoded; a path-only attachment is read from disk. */
export function decodeObservations(attachment: ReportAttachment): Observation[] {
  let text: string | undefined;
  if (typeof attachment.body === 'string') text = Buffer.from(attachment.body, 'base64').toString('utf8');
  else if (attachment.path && fs.existsSync(attachment.path)) text = fs.readFileSync(attachment.path, 'utf8');
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
