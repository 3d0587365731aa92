import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { DocumentedStatuses } from '../../../src/coverage/documented-statuses';
import type { ContractObservation } from '../../../src/domain/observations';

/** The documented statuses of the committed schemas/operations (documented-statuses.spec.ts checks it). */
export const DOCUMENTED_STATUSES: DocumentedStatuses = {
  getTokens: [200, 401, 403, 429],
  postToken: [201, 400, 401, 403, 429],
  getToken: [200, 401, 403, 404, 429],
  patchToken: [200, 400, 401, 403, 404, 409, 422, 429],
  deleteToken: [204, 401, 403, 404, 429],
  resetToken: [200, 401, 403, 404, 429],
};

/**
 * Minimal stand-ins for Playwright's TestCase/TestResult: only the members the coverage reporter
 * reads. Built as plain objects and cast once here, so the tests read like data.
 */
export interface FakeTestSpec {
  title: string;
  outcome?: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  rules?: string[];
  observations?: Partial<ContractObservation>[];
  /** Raw attachment body instead of `observations` (for malformed-input tests). */
  rawObservationBody?: string;
  attachmentPath?: string;
  error?: string;
  /** The attempt's status when it is not the one the outcome implies (e.g. timedOut). */
  status?: TestResult['status'];
  runtimeAnnotations?: { type: string; description?: string }[];
  /** A listed but never run test (`--list`, or a run stopped early). */
  noResults?: boolean;
  /** Raw body of an `explore-leniencies` attachment (explore's answers accepted where no rule decides). */
  leniencyBody?: string;
}

export function observation(partial: Partial<ContractObservation>): ContractObservation {
  return { operationId: 'getToken', method: 'GET', status: 200, conformant: true, failedChecks: [], ...partial };
}

export function makeFakeTest(spec: FakeTestSpec): TestCase {
  const attachments: TestResult['attachments'] = [];
  if (spec.observations) {
    const body = JSON.stringify({ observations: spec.observations.map(observation) });
    attachments.push({ name: 'contract-observations', contentType: 'application/json', body: Buffer.from(body) });
  }
  if (spec.rawObservationBody !== undefined) {
    attachments.push({ name: 'contract-observations', contentType: 'application/json', body: Buffer.from(spec.rawObservationBody) });
  }
  if (spec.attachmentPath) {
    attachments.push({ name: 'contract-observations', contentType: 'application/json', path: spec.attachmentPath });
  }
  if (spec.leniencyBody !== undefined) {
    attachments.push({ name: 'explore-leniencies', contentType: 'application/json', body: Buffer.from(spec.leniencyBody) });
  }
  const outcome = spec.outcome ?? 'expected';
  const result = {
    status: spec.status ?? (outcome === 'unexpected' ? 'failed' : outcome === 'skipped' ? 'skipped' : 'passed'),
    attachments,
    annotations: spec.runtimeAnnotations ?? [],
    errors: spec.error ? [{ message: spec.error }] : [],
  };
  const test = {
    id: `id-${spec.title}`,
    title: spec.title,
    titlePath: () => ['', 'chromium-less', 'tokens.spec.ts', spec.title],
    annotations: (spec.rules ?? []).map((id) => ({ type: 'rule', description: id })),
    results: spec.noResults ? [] : [result],
    outcome: () => outcome,
  };
  return test as unknown as TestCase;
}
