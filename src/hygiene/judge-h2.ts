import fs from 'node:fs';
import path from 'node:path';
import { collectFileCorpora, listFiles, secretNeedles } from './artifact-scan';
import { findNeedles } from './find-needles';
import { notJudged, type OutsideVerdict } from './outside-verdict';
import type { SecretKind } from '../secrets/secret-store';

/**
 * H2 judged from the outside: after every reporter has written its files, every artifact of the run is
 * opened up (each file, the zip the HTML report embeds, every base64 blob: attachments travel as base64 in
 * the JSON report) and searched for every secret the run handled: each one issued (postToken) or reset
 * (resetToken), read from the run's secret store, and the configured token.
 *
 * "The run's artifacts" = every file under the given roots (the reports directory and Playwright's output
 * directory) written since the run started: files older than the run cannot hold a secret it was issued, and
 * other commands' leftovers in reports/ (self-check runs, bench) are not this run's. What the scan cannot see:
 * the console output (stdout/stderr are not files the run writes; they are scanned by the system test
 * tests/system/secret-scan.spec.ts) and files written after the scan (none: the reporters that write run
 * before the hygiene reporter, and their onExit writes only the coverage.html copy, which was scanned).
 *
 * A finding names the artifact and the kind of secret, never the secret, nor any piece of it.
 */

export type ScannedSecretKind = SecretKind | 'configured';

export interface ScannedSecret {
  kind: ScannedSecretKind;
  secret: string;
}

export interface H2ScanInput {
  /** Directories (or files) the run writes into; nested ones are scanned once. */
  roots: readonly string[];
  /** Epoch ms when the run started: older files are not this run's. */
  since: number;
  /** Every secret to look for; null = the run's secret store was missing, so H2 cannot be judged. */
  secrets: ScannedSecret[] | null;
  /** How the configured token is named in messages, e.g. LD_ACCESS_TOKEN. */
  configuredName: string;
  /** Paths in messages are relative to this directory. */
  baseDir: string;
}

export interface H2ScanResult {
  verdict: OutsideVerdict;
  files: number;
  pieces: number;
  secrets: number;
  durationMs: number;
}

export function scanArtifactsForSecrets(input: H2ScanInput): H2ScanResult {
  const started = performance.now();
  if (input.secrets === null) {
    return {
      verdict: notJudged("the run's secret store is missing (LD_SECRET_STORE unset or removed), so the secrets it was issued are unknown"),
      files: 0,
      pieces: 0,
      secrets: 0,
      durationMs: 0,
    };
  }
  const files = listRunFiles(input.roots, input.since);
  const corpora = collectFileCorpora(files, input.baseDir);
  // All pieces in one buffer, NUL between them (no secret holds a NUL, so no needle spans two pieces): one
  // search per needle over the lot instead of one per needle and piece (thousands of small base64 pieces).
  const starts: number[] = [];
  let length = 0;
  for (const corpus of corpora) {
    starts.push(length);
    length += corpus.data.length + 1;
  }
  const joined = Buffer.concat(
    corpora.flatMap((c) => [c.data, NUL]),
    length,
  );
  const kindOf = new Map<string, ScannedSecretKind>();
  for (const { kind, secret } of input.secrets) {
    // The longer needle (the secret minus its last four) contains the shorter one when the secret is long: one is enough.
    const needles = secretNeedles(secret);
    const shortest = needles.reduce<string[]>(
      (kept, n) => (needles.some((other) => other !== n && n.includes(other)) ? kept : [...kept, n]),
      [],
    );
    for (const needle of shortest) if (!kindOf.has(needle)) kindOf.set(needle, kind);
  }
  const findings = new Map<string, string>();
  for (const hit of findNeedles(joined, [...kindOf.keys()])) {
    const kind = kindOf.get(hit.needle) ?? 'issued';
    const where = corpora[pieceAt(starts, hit.offset)]?.where ?? '?';
    const key = `${where}\n${kind}`;
    if (!findings.has(key))
      findings.set(
        key,
        `H2: ${where} holds ${describeKind(kind, input.configuredName)}: find what wrote it there and redact it (src/contract/secrets.ts)`,
      );
  }
  const counts = countKinds(input.secrets);
  const scanned = `scanned ${files.length} artifact file(s) (${corpora.length} pieces with zip entries and base64 blobs) for ${input.secrets.length} secret(s): ${counts}`;
  const problems = [...findings.values()];
  const verdict: OutsideVerdict =
    problems.length > 0
      ? { state: 'failed', summary: `${scanned}; found in ${problems.length} place(s)`, problems }
      : { state: 'passed', summary: `${scanned}; none found`, problems: [] };
  return {
    verdict,
    files: files.length,
    pieces: corpora.length,
    secrets: input.secrets.length,
    durationMs: Math.round(performance.now() - started),
  };
}

const NUL = Buffer.from([0]);

/** Index of the piece whose range holds `offset` (binary search over the pieces' start offsets). */
function pieceAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function describeKind(kind: ScannedSecretKind, configuredName: string): string {
  if (kind === 'configured') return `the configured token (${configuredName})`;
  return kind === 'issued' ? 'a whole secret issued by postToken in this run' : 'a whole secret issued by resetToken in this run';
}

function countKinds(secrets: readonly ScannedSecret[]): string {
  const n = (kind: ScannedSecretKind): number => secrets.filter((s) => s.kind === kind).length;
  return `${n('configured')} configured, ${n('issued')} issued, ${n('reset')} reset`;
}

function listRunFiles(roots: readonly string[], since: number): string[] {
  const files = new Set<string>();
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    const candidates = fs.statSync(root).isDirectory() ? listFiles(root) : [root];
    for (const file of candidates) {
      // 1 s of slack: some file systems keep whole-second mtimes.
      if (fs.statSync(file).mtimeMs >= since - 1000) files.add(path.resolve(file));
    }
  }
  return [...files].sort();
}
