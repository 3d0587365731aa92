/**
 * The one reader of Playwright's JSON report (`conformance.json`, `unit.json`, …). It walks the
 * suite tree once and hands back flat, typed test records, so the self-check, flake check, bench,
 * CI summary, run summary and system tests never walk `suites/specs/tests/results` themselves.
 *
 * Shape it relies on (Playwright's JSONReport): top-level suites are files, nested suites are
 * `describe` blocks, a spec holds one test per project, a test holds one result per attempt.
 */
import fs from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

export class ReportReadError extends Error {
  override name = 'ReportReadError';
}

export interface ReportAnnotation {
  type: string;
  description?: string;
}

export interface ReportAttachment {
  name: string;
  contentType: string;
  /** Base64, as the JSON reporter writes inline bodies; see `readAttachmentText`. */
  body?: string;
  path?: string;
}

/** One attempt of a test (a retry is another attempt). */
export interface ReportedAttempt {
  /** passed | failed | timedOut | skipped | interrupted */
  status: string;
  durationMs: number;
  retry: number;
  /** Error messages with terminal colours removed, the headline error first. */
  errors: string[];
  /**
   * One entry per error of the attempt, in Playwright's order (TestInfo.errors), colours removed, none
   * dropped: the list a `failure-kind` annotation's error index points into (src/domain/failure-kinds.ts).
   */
  errorList: string[];
  annotations: ReportAnnotation[];
  attachments: ReportAttachment[];
  /** Every step of the attempt, nested ones included, in report order (depth-first). */
  steps: ReportedStep[];
}

export interface ReportedStep {
  title: string;
  durationMs: number;
}

export interface ReportedTest {
  /** The spec file, relative to the test directory. */
  file: string;
  /** describe blocks and the test's own title, without the file. */
  titlePath: string[];
  /** Empty when the config has a single unnamed project. */
  project: string;
  /** The test's tags without their `@` (its describe blocks' included), e.g. `explore`, `authz`. */
  tags: string[];
  /** Playwright's verdict over all attempts. */
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  /** The last attempt's status (the one that decided the outcome), `skipped` when it never ran. */
  status: string;
  /** The last attempt's duration. */
  durationMs: number;
  /** Attempts after the first. */
  retries: number;
  /**
   * Test and attempt annotations as one list. Playwright copies a test's annotations onto each
   * attempt, so this is every attempt's annotations plus the test-level ones no attempt carries
   * (each distinct annotation as often as the longer side holds it, never test + copy). With
   * retries, an annotation made in each attempt (a rate-limit wait) counts per attempt.
   */
  annotations: ReportAnnotation[];
  attempts: ReportedAttempt[];
}

export interface ReportStats {
  expected: number;
  unexpected: number;
  flaky: number;
  skipped: number;
  /** Playwright's own run duration (excludes process start-up); null when the report lacks it. */
  durationMs: number | null;
}

export interface PlaywrightReport {
  stats: ReportStats | null;
  /** The worker count the run used (config.workers), null when absent. */
  workers: number | null;
  tests: ReportedTest[];
  /** Errors outside any test (global set-up, a file that did not load), colours removed. */
  errors: string[];
}

interface RawAttempt {
  status?: string;
  duration?: number;
  retry?: number;
  error?: { message?: string };
  errors?: { message?: string }[];
  annotations?: ReportAnnotation[];
  attachments?: Partial<ReportAttachment>[];
  steps?: RawStep[];
}
interface RawStep {
  title?: string;
  duration?: number;
  steps?: RawStep[];
}
interface RawTest {
  projectName?: string;
  status?: string;
  annotations?: ReportAnnotation[];
  results?: RawAttempt[];
}
interface RawSuite {
  title?: string;
  file?: string;
  specs?: { title?: string; file?: string; tags?: unknown; tests?: RawTest[] }[];
  suites?: RawSuite[];
}
interface RawReport {
  config?: { workers?: unknown };
  stats?: Partial<{ expected: number; unexpected: number; flaky: number; skipped: number; duration: number }>;
  suites?: unknown;
  errors?: { message?: string }[];
}

/** Reads and parses a report file; a missing or unreadable file is a ReportReadError naming it. */
export function readPlaywrightReport(file: string): PlaywrightReport {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ReportReadError(`No JSON report at ${file}: the run did not write one (see its output)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReportReadError(`The JSON report at ${file} is not valid JSON`);
  }
  return parsePlaywrightReport(parsed);
}

/** Like readPlaywrightReport, but null when there is no readable report (a step that never ran). */
export function readPlaywrightReportIfPresent(file: string): PlaywrightReport | null {
  try {
    return readPlaywrightReport(file);
  } catch (e: unknown) {
    if (e instanceof ReportReadError) return null;
    throw e;
  }
}

export function parsePlaywrightReport(json: unknown): PlaywrightReport {
  const report = json as RawReport | null;
  if (!report || typeof report !== 'object' || !Array.isArray(report.suites)) {
    throw new ReportReadError('JSON report has no `suites` array: not a Playwright JSON report');
  }
  const tests: ReportedTest[] = [];
  const walk = (suite: RawSuite, titles: string[], file: string): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? [])
        tests.push(toReportedTest(test, spec.file ?? file, [...titles, spec.title ?? ''], tagsOf(spec.tags)));
    }
    for (const child of suite.suites ?? []) walk(child, child.title ? [...titles, child.title] : titles, child.file ?? file);
  };
  // Top-level suites are the files: their title is the file name, kept in `file`, not the title path.
  for (const suite of report.suites as RawSuite[]) walk(suite, [], suite.file ?? suite.title ?? '');
  const s = report.stats;
  return {
    stats: s
      ? {
          expected: s.expected ?? 0,
          unexpected: s.unexpected ?? 0,
          flaky: s.flaky ?? 0,
          skipped: s.skipped ?? 0,
          durationMs: typeof s.duration === 'number' ? s.duration : null,
        }
      : null,
    workers: typeof report.config?.workers === 'number' ? report.config.workers : null,
    tests,
    errors: (report.errors ?? []).map((e) => stripVTControlCharacters(e.message ?? 'error')),
  };
}

/** Playwright's JSON report lists a spec's tags without the `@`; anything else in that field is ignored. */
function tagsOf(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((tag): tag is string => typeof tag === 'string').map((tag) => tag.replace(/^@/, '')) : [];
}

function toReportedTest(test: RawTest, file: string, titlePath: string[], tags: string[]): ReportedTest {
  const attempts = (test.results ?? []).map(toAttempt);
  const last = attempts.at(-1);
  return {
    file,
    titlePath,
    project: test.projectName ?? '',
    tags,
    outcome: isOutcome(test.status) ? test.status : 'skipped',
    status: last?.status ?? 'skipped',
    durationMs: last?.durationMs ?? 0,
    retries: Math.max(0, attempts.length - 1),
    annotations: mergeAnnotations(
      test.annotations ?? [],
      attempts.flatMap((a) => a.annotations),
    ),
    attempts,
  };
}

function toAttempt(raw: RawAttempt): ReportedAttempt {
  const errorList = (raw.errors ?? []).map((e) => stripVTControlCharacters(e.message ?? ''));
  const errors = errorList.filter((e) => e !== '');
  // `error` is the raw headline error; `errors` are formatted copies (with code frames) — headline first.
  const headline = raw.error?.message ? stripVTControlCharacters(raw.error.message) : undefined;
  return {
    status: raw.status ?? 'unknown',
    durationMs: raw.duration ?? 0,
    retry: raw.retry ?? 0,
    errors: headline ? [headline, ...errors.filter((e) => e !== headline)] : errors,
    errorList,
    annotations: (raw.annotations ?? []).map(({ type, description }) => ({ type, ...(description === undefined ? {} : { description }) })),
    attachments: (raw.attachments ?? []).map((a) => ({
      name: a.name ?? '',
      contentType: a.contentType ?? '',
      ...(a.body === undefined ? {} : { body: a.body }),
      ...(a.path === undefined ? {} : { path: a.path }),
    })),
    steps: flattenSteps(raw.steps ?? []),
  };
}

function flattenSteps(steps: readonly RawStep[]): ReportedStep[] {
  return steps.flatMap((step) => [{ title: step.title ?? '', durationMs: step.duration ?? 0 }, ...flattenSteps(step.steps ?? [])]);
}

/** Multiset union: each distinct annotation as often as the longer of the two sides holds it. */
function mergeAnnotations(ofTest: ReportAnnotation[], ofAttempts: ReportAnnotation[]): ReportAnnotation[] {
  const key = (a: ReportAnnotation): string => `${a.type}\n${a.description ?? ''}`;
  const merged = ofAttempts.map(({ type, description }) => ({ type, ...(description === undefined ? {} : { description }) }));
  const remaining = new Map<string, number>();
  for (const a of merged) remaining.set(key(a), (remaining.get(key(a)) ?? 0) + 1);
  for (const { type, description } of ofTest) {
    const left = remaining.get(key({ type, description })) ?? 0;
    if (left > 0) remaining.set(key({ type, description }), left - 1);
    else merged.push({ type, ...(description === undefined ? {} : { description }) });
  }
  return merged;
}

function isOutcome(status: string | undefined): status is ReportedTest['outcome'] {
  return status === 'expected' || status === 'unexpected' || status === 'flaky' || status === 'skipped';
}

/** `describe › test` — the title a person reads. */
export function titleOf(test: ReportedTest): string {
  return test.titlePath.join(' › ');
}

/** The first attempt that failed (failed or timed out). `interrupted` is not a failure of the test. */
export function firstFailedAttempt(test: ReportedTest): ReportedAttempt | undefined {
  return test.attempts.find((a) => a.status === 'failed' || a.status === 'timedOut');
}

/** Annotations of one type, in report order. */
export function annotationsOf(test: ReportedTest, type: string): ReportAnnotation[] {
  return test.annotations.filter((a) => a.type === type);
}

/** An attachment's text: inline bodies are base64; a path-only attachment is read from disk. */
export function readAttachmentText(attachment: ReportAttachment): string | undefined {
  if (typeof attachment.body === 'string') return Buffer.from(attachment.body, 'base64').toString('utf8');
  if (attachment.path && fs.existsSync(attachment.path)) return fs.readFileSync(attachment.path, 'utf8');
  return undefined;
}
