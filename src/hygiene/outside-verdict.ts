import fs from 'node:fs';
import path from 'node:path';
import type { RecordedWrite } from '../client/cleanup-ledger';
import type { OutsideState, OutsideVerdict, OutsideVerdicts } from '../domain/outside-verdict';

/**
 * H1 and H2 judged from the outside, at the end of the run, and reported as the rule's result (coverage.json
 * `outside`, the rule table of coverage.html, summary.json, the console). Plain data, no secret ever: an
 * H2 finding names the artifact and the KIND of secret, never the secret or a piece of it.
 *
 * - H1: global teardown lists the caller's tokens after its final sweep (src/client/run-cleanup.ts) and
 *   writes `end-of-run-h1.json`; any token still carrying the run's prefix, or whose deletion could not be
 *   confirmed, fails H1. Teardown runs before the reporters' onEnd (Playwright's finishTaskRun), so the
 *   coverage reporter reads it like spec-drift.json.
 * - H2: the hygiene reporter, listed last, scans every artifact in its onEnd (src/hygiene/judge-h2.ts).
 * - A sharded run: each shard's hygiene reporter writes both into a verdict file next to its blob, and the merge
 *   combines them (shard-verdict.ts).
 */

// The verdicts' types are the coverage model's too, so they sit on the bottom floor; re-exported for the hygiene code.
export type { OutsideState, OutsideVerdict, OutsideVerdicts };

export const H1_VERDICT_FILE = 'end-of-run-h1.json';

interface H1File extends OutsideVerdict {
  runId: string;
}

export function writeH1Verdict(reportsDir: string, runId: string, verdict: OutsideVerdict): void {
  fs.mkdirSync(reportsDir, { recursive: true });
  const file: H1File = { runId, ...verdict };
  fs.writeFileSync(path.join(reportsDir, H1_VERDICT_FILE), `${JSON.stringify(file, null, 2)}\n`);
}

/** This run's H1 verdict; a missing file, or one of another run, is "not judged" with the reason. */
export function readH1Verdict(reportsDir: string, runId: string | undefined): OutsideVerdict {
  const file = path.join(reportsDir, H1_VERDICT_FILE);
  if (!runId)
    return notJudged("no run id in this process (merged shards: each shard's global teardown judged its own H1 and failed on a leftover)");
  if (!fs.existsSync(file))
    return notJudged('global teardown wrote no end-of-run listing (it did not run, or could not list the tokens: see its error)');
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<H1File>;
    if (parsed.runId !== runId) return notJudged(`${H1_VERDICT_FILE} belongs to another run (${String(parsed.runId)})`);
    if (parsed.state !== 'passed' && parsed.state !== 'failed' && parsed.state !== 'not-judged')
      return notJudged(`${H1_VERDICT_FILE} has no valid state`);
    return {
      state: parsed.state,
      summary: String(parsed.summary ?? ''),
      problems: Array.isArray(parsed.problems) ? parsed.problems.map(String) : [],
    };
  } catch (error) {
    return notJudged(`${H1_VERDICT_FILE} is unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The H1 verdict from the cleanup's final listing. */
export function judgeH1(input: {
  prefix: string;
  finalListing: { tokens: number; prefixed: number };
  leaked: readonly { id: string; name?: string; reason: string }[];
  created: number;
  /** Every patch/reset/delete the tests sent to an id, and the ids the run created (the cleanup ledger). */
  writes?: readonly RecordedWrite[];
  createdIds?: ReadonlySet<string>;
}): OutsideVerdict {
  const problems = input.leaked.map(
    (t) => `H1: token ${t.id}${t.name ? ` (${t.name})` : ''} of this run is still there after the final sweep: ${t.reason}`,
  );
  // "The suite never patches, resets or deletes a token it did not create in that run": a write that took effect
  // (2xx) on an id the run did not create is a breach. One refused (4xx: unknown id, no permission) changed nothing.
  const writes = input.writes ?? [];
  const foreign = writes.filter((w) => w.status >= 200 && w.status < 300 && !(input.createdIds?.has(w.id) ?? false));
  for (const w of foreign)
    problems.push(
      `H1: ${w.op} on ${w.id}, a token this run did not create, answered ${w.status}: the suite must only write to its own tokens`,
    );
  const listed = `the caller's list after the final sweep: ${input.finalListing.tokens} token(s), ${input.finalListing.prefixed} with the run prefix ${input.prefix}`;
  const wrote = input.writes
    ? `; ${writes.length} patch/reset/delete request(s) by tests, ${foreign.length} that changed a token the run did not create`
    : '';
  if (problems.length > 0 || input.finalListing.prefixed > 0) {
    const left = input.leaked.length
      ? `; ${input.leaked.length} token(s) of this run left (remove them with \`npm run cleanup -- --prefix ${input.prefix} --older-than 0s\`)`
      : '';
    return { state: 'failed', summary: `${listed}${wrote}${left}`, problems };
  }
  return {
    state: 'passed',
    summary: `${listed}; every one of the ${input.created} token(s) the run created is gone${wrote}`,
    problems: [],
  };
}

export function notJudged(reason: string): OutsideVerdict {
  return { state: 'not-judged', summary: reason, problems: [] };
}
