/**
 * Run-to-run comparison (LD_BASELINE=<reports dir of an earlier run>): each failure of this run is
 * `new` or `stillFailing`, each failure of the baseline that passes now is `fixed`; the same three lists
 * for undocumented statuses and for unreached cells of the coverage matrix. Reads only the baseline's
 * summary.json, so any earlier run of this version (single or merged shards) can serve as a baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BaselineComparison, BaselineItem, CellItem, CellKeyItem, Classified, FailureItem, RunSummary } from '../domain/run-summary';
import { isRecord, signatureKey } from './failure-signature';
import { unusableBaselineReason } from '../domain/run-status';

/** What a baseline must provide: the parts of summary.json the comparison reads. */
export type BaselineSummary = Pick<RunSummary, 'generatedAt' | 'failures' | 'undocumentedStatuses' | 'unreachedCells'>;

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

export function loadBaselineSummary(dir: string): BaselineSummary {
  const file = path.join(dir, 'summary.json');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new BaselineError(`LD_BASELINE: ${dir} is not a directory (give the reports directory of an earlier run)`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    const why = fs.existsSync(file)
      ? 'is not valid JSON'
      : 'does not exist (was the earlier run made with a version that writes summary.json?)';
    throw new BaselineError(`LD_BASELINE: ${file} ${why}`);
  }
  if (!isRecord(doc) || !Array.isArray(doc.failures) || !Array.isArray(doc.undocumentedStatuses) || !Array.isArray(doc.unreachedCells)) {
    throw new BaselineError(`LD_BASELINE: ${file} is not a run summary (no failures, undocumentedStatuses and unreachedCells lists)`);
  }
  // A stopped night must not become the next one's baseline: refused (a configuration error, exit 2), never compared.
  const unusable = unusableBaselineReason(doc);
  if (unusable) throw new BaselineError(`LD_BASELINE: ${file} is ${unusable}; give the reports of a run that ran tests`);
  return {
    generatedAt: typeof doc.generatedAt === 'string' ? doc.generatedAt : '',
    failures: doc.failures.filter(isFailureItem),
    undocumentedStatuses: doc.undocumentedStatuses.filter(isCellItem),
    unreachedCells: doc.unreachedCells.filter(isCellItem),
  };
}

/**
 * `ranTests`: the tests this run ran (not skipped). A baseline failure of a test that did not run here
 * (another shard, a --grep) is neither still failing nor fixed: it is left out.
 */
export function compareWithBaseline(
  current: Pick<RunSummary, 'failures' | 'undocumentedStatuses' | 'unreachedCells'>,
  baseline: BaselineSummary,
  ranTests: ReadonlySet<string>,
  from: string,
): BaselineComparison {
  // `explore` and `assertion` keyed alike: summaries before version 3 called explore's breaking step an assertion,
  // and the test's title already tells the two apart, so last night's explore failure is still failing, not new.
  const failureKey = (f: BaselineItem): string => `${f.test}\n${f.kind === 'explore' ? 'assertion' : f.kind}\n${signatureKey(f.signature)}`;
  const now = uniqueBy(current.failures.map(toBaselineItem), failureKey);
  const before = uniqueBy(baseline.failures.map(toBaselineItem), failureKey);
  const failures = classify(
    now,
    before.filter((f) => ranTests.has(f.test)),
    failureKey,
  );
  const cellKey = (c: CellKeyItem): string => `${c.operation} ${c.status}`;
  const cells = (items: readonly CellItem[]): CellKeyItem[] =>
    uniqueBy(
      items.map((c) => ({ operation: c.operation, status: c.status })),
      cellKey,
    );
  return {
    from,
    baselineGeneratedAt: baseline.generatedAt,
    ...failures,
    undocumentedStatuses: classify(cells(current.undocumentedStatuses), cells(baseline.undocumentedStatuses), cellKey),
    unreachedCells: classify(cells(current.unreachedCells), cells(baseline.unreachedCells), cellKey),
  };
}

function classify<T>(now: readonly T[], before: readonly T[], key: (item: T) => string): Classified<T> {
  const nowKeys = new Set(now.map(key));
  const beforeKeys = new Set(before.map(key));
  return {
    new: now.filter((item) => !beforeKeys.has(key(item))),
    stillFailing: now.filter((item) => beforeKeys.has(key(item))),
    fixed: before.filter((item) => !nowKeys.has(key(item))),
  };
}

function toBaselineItem(f: Pick<FailureItem, 'test' | 'kind' | 'signature'>): BaselineItem {
  return { test: f.test, kind: f.kind, signature: f.signature };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isFailureItem(value: unknown): value is FailureItem {
  return isRecord(value) && typeof value.test === 'string' && typeof value.kind === 'string' && isRecord(value.signature);
}

function isCellItem(value: unknown): value is CellItem {
  return isRecord(value) && typeof value.operation === 'string' && typeof value.status === 'number';
}
