import fs from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import {
  ENVIRONMENT_CHECK,
  FAILURE_SIGNATURES_ATTACHMENT,
  KNOWN_DEVIATION_ANNOTATION,
  parseTestFailures,
  type TestFailure,
} from '../expectations/failure-signature';
import { testTitleOf } from '../expectations/test-title';
import { AUTHZ_CELL_ANNOTATION, parseAuthzCellRecord } from '../domain/authz-matrix';
import { classifyTest, readFailureKinds } from '../domain/failure-kinds';
import type { TestRecord, TestStatus } from './coverage-model';
import {
  INCONCLUSIVE_ANNOTATION,
  OBSERVATIONS_ATTACHMENT,
  RULE_ANNOTATION,
  parseObservations,
  type ContractObservation,
} from '../domain/observations';
import { EXPLORE_SEED_ANNOTATION, parseExploreSeed } from '../domain/explore-annotation';
import { LENIENCIES_ATTACHMENT, mergeLeniencies, parseLeniencies, type LeniencyObservation } from '../domain/leniencies';

/**
 * Turns Playwright's TestCase (live run or merge-reports replay, same objects) into the plain
 * TestRecord the coverage model consumes. Problems (an unreadable attachment) are collected, not
 * thrown: one bad attachment must not cost the whole matrix.
 */
export function toTestRecord(test: TestCase, problems: string[]): TestRecord {
  const title = testTitleOf(test);
  const results = test.results;
  const last = results[results.length - 1];
  const observations: ContractObservation[] = [];
  const leniencies: LeniencyObservation[] = [];
  for (const result of results) {
    for (const attachment of result.attachments) {
      if (attachment.name === LENIENCIES_ATTACHMENT) {
        readLeniencies(attachment, title, leniencies, problems);
        continue;
      }
      if (attachment.name !== OBSERVATIONS_ATTACHMENT) continue;
      const body = readAttachmentBody(attachment);
      if (body === undefined) {
        problems.push(`${title}: ${OBSERVATIONS_ATTACHMENT} attachment has neither body nor readable path`);
        continue;
      }
      try {
        observations.push(...parseObservations(body));
      } catch (error) {
        problems.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  const annotations = [...test.annotations, ...results.flatMap((r) => r.annotations ?? [])];
  const rules = [
    ...new Set(annotations.filter((a) => a.type === RULE_ANNOTATION && a.description).map((a) => a.description?.trim() ?? '')),
  ].filter(Boolean);
  const errors = last?.errors ?? [];
  // The one failure-kind rule, over the last attempt's typed data (its status, its error count, the kinds the
  // fixtures recorded on it): a test with any contract error is a contract failure, never environment.
  const environmentFailure =
    last !== undefined && last.status !== 'passed' && last.status !== 'skipped'
      ? classifyTest({ status: last.status, errorCount: errors.length, recorded: readFailureKinds(last.annotations ?? []) }) ===
        'environment'
      : false;
  const status = toStatus(
    test,
    annotations.some((a) => a.type === KNOWN_DEVIATION_ANNOTATION),
  );
  const inconclusive = [
    ...new Set(annotations.filter((a) => a.type === INCONCLUSIVE_ANNOTATION).map((a) => a.description?.trim() || 'no reason given')),
  ];
  const summary = summariseError(errors[0]);
  const failures = readFailures(last, title, problems);
  const record: TestRecord = { id: test.id, title, status, environmentFailure, rules, observations, failures, inconclusive };
  if (failures.length === 0 && (status === 'failed' || status === 'flaky')) {
    // No signatures recorded (the worker died, a fixture failed before the test): still one failure.
    const fallback: TestFailure = environmentFailure
      ? { kind: 'environment', signature: { check: ENVIRONMENT_CHECK }, message: summary ?? '' }
      : { kind: 'assertion', signature: { rule: rules.join(',') || 'none' }, message: summary ?? '' };
    failures.push(fallback);
  }
  if (summary) record.errorSummary = summary;
  if (leniencies.length > 0) record.leniencies = leniencies;
  const authzCells = annotations
    .filter((a) => a.type === AUTHZ_CELL_ANNOTATION)
    .map((a) => parseAuthzCellRecord(a.description))
    .filter((cell) => cell !== null);
  if (authzCells.length > 0) record.authzCells = authzCells;
  const explore = annotations.filter((a) => a.type === EXPLORE_SEED_ANNOTATION).flatMap((a) => parseExploreSeed(a.description) ?? []);
  const lastExplore = explore.at(-1); // a retry draws a new seed: the last attempt's is the one its result came from
  if (lastExplore) record.explore = lastExplore;
  return record;
}

/** Explore's answers accepted where no rule decides (src/domain/leniencies.ts), added into `into`. */
function readLeniencies(
  attachment: TestResult['attachments'][number],
  title: string,
  into: LeniencyObservation[],
  problems: string[],
): void {
  const body = readAttachmentBody(attachment);
  if (body === undefined) {
    problems.push(`${title}: ${LENIENCIES_ATTACHMENT} attachment has neither body nor readable path`);
    return;
  }
  try {
    mergeLeniencies(into, parseLeniencies(body));
  } catch (error) {
    problems.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readFailures(result: TestResult | undefined, title: string, problems: string[]): TestFailure[] {
  const attachment = result?.attachments.find((a) => a.name === FAILURE_SIGNATURES_ATTACHMENT);
  if (!attachment) return [];
  const body = readAttachmentBody(attachment);
  if (body === undefined) {
    problems.push(`${title}: ${FAILURE_SIGNATURES_ATTACHMENT} attachment has neither body nor readable path`);
    return [];
  }
  try {
    return parseTestFailures(body);
  } catch (error) {
    problems.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

function toStatus(test: TestCase, knownDeviation: boolean): TestStatus {
  switch (test.outcome()) {
    case 'expected':
      // Expected to fail and failed: the fixture marked it so because every failure is a known deviation.
      return knownDeviation && test.expectedStatus === 'failed' ? 'known-deviation' : 'passed';
    case 'flaky':
      return 'flaky';
    case 'skipped':
      return 'skipped';
    default:
      return 'failed';
  }
}

function readAttachmentBody(attachment: TestResult['attachments'][number]): string | undefined {
  if (attachment.body) return attachment.body.toString('utf8');
  if (attachment.path && fs.existsSync(attachment.path)) return fs.readFileSync(attachment.path, 'utf8');
  return undefined;
}

function summariseError(error: TestResult['errors'][number] | undefined): string | undefined {
  const text = error?.message ?? error?.value;
  if (!text) return undefined;
  // Strip ANSI colours; keep the first meaningful line, which is where matchers say what failed.
  const plain = stripVTControlCharacters(text);
  const line = plain.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.trim().slice(0, 300);
}
