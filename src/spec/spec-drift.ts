/**
 * The drift check (LD_SPEC_DRIFT=1): what the target serves at /api/v2/openapi.json, compared
 * with the vendored spec for the six operations. A WARNING, never a contract failure: the suite
 * still judges the target by the vendored spec; this says whether that spec is stale.
 *
 * States: `in-sync` (no change to the six operations), `drifted` (changes, counted breaking or
 * not), `no-spec` (the target answers 404/410 or something that is not an OpenAPI 3.x JSON
 * document), `unavailable` (no answer, or another HTTP status: nothing can be said).
 *
 * The fetch is the caller's (global setup, through src/client/fetch-document.ts): this module judges what
 * came back and imports nothing above the spec floor.
 */
import { parseSpecBytes, type LoadedSpec } from './load-spec';
import { diffSpecs, type SpecChange } from './spec-diff';
import { SpecError } from './spec-error';

export const SPEC_DRIFT_FILE = 'spec-drift.json';

/** What fetching the served spec gave: an answer (any status) or none. */
export type DocumentResult =
  | { kind: 'answered'; url: string; status: number; contentType: string; body: Buffer }
  | { kind: 'unreachable'; url: string; reason: string };

export type SpecDriftState = 'in-sync' | 'drifted' | 'no-spec' | 'unavailable';

export interface SpecDriftReport {
  state: SpecDriftState;
  /** Where the served spec was looked for. */
  url: string;
  checkedAt: string;
  /** One line a person reads; starts with "WARNING" unless in sync. */
  message: string;
  breaking: number;
  nonBreaking: number;
  changes: SpecChange[];
}

export function judgeServedSpec(result: DocumentResult, vendored: LoadedSpec, now: Date = new Date()): SpecDriftReport {
  const base = { url: result.url, checkedAt: now.toISOString(), breaking: 0, nonBreaking: 0, changes: [] };
  if (result.kind === 'unreachable') {
    return {
      ...base,
      state: 'unavailable',
      message: `WARNING spec drift not checked: ${result.url} could not be fetched (${result.reason})`,
    };
  }
  if (result.status === 404 || result.status === 410) {
    return {
      ...base,
      state: 'no-spec',
      message: `WARNING spec drift not checked: the target serves no spec (${result.url} answered ${result.status})`,
    };
  }
  if (result.status !== 200) {
    return { ...base, state: 'unavailable', message: `WARNING spec drift not checked: ${result.url} answered HTTP ${result.status}` };
  }
  let served: LoadedSpec;
  try {
    served = parseSpecBytes(result.body, result.url, '3.');
  } catch (error) {
    const why = error instanceof SpecError ? error.problem : String(error);
    const type = result.contentType ? `, content type ${result.contentType}` : '';
    return {
      ...base,
      state: 'no-spec',
      message: `WARNING spec drift not checked: the target serves no OpenAPI spec at ${result.url} (${why}${type})`,
    };
  }
  const diff = diffSpecs(vendored, served);
  if (diff.changes.length === 0) {
    return {
      ...base,
      state: 'in-sync',
      message: `spec drift: the spec served at ${result.url} matches the vendored spec for the six operations`,
    };
  }
  return {
    ...base,
    state: 'drifted',
    breaking: diff.breaking,
    nonBreaking: diff.nonBreaking,
    changes: diff.changes,
    message: `WARNING spec drift: the spec served at ${result.url} differs from the vendored spec for the six operations: ${diff.breaking} breaking, ${diff.nonBreaking} non-breaking change(s) (npm run spec:diff -- --against ${result.url})`,
  };
}
