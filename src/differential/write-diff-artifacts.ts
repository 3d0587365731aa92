import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from '../contract/secrets';
import { collectFileCorpora, scanForSecrets } from '../hygiene/artifact-scan';
import type { DiffReport } from './diff-report';
import { renderDiffHtml } from './render-diff-html';

export interface WrittenArtifacts {
  files: string[];
  /** Where a secret was found despite redaction (only its last four named): H2's end-of-run scan over the artifacts. */
  leaks: string[];
}

/**
 * Writes diff.json and diff.html into `dir` through the run's redaction, then scans every artifact of the run
 * (these two and the plan) for each secret the run used or saw issued, like the suite's end-of-run scan.
 */
export function writeDiffArtifacts(dir: string, report: DiffReport, planFile: string, secrets: readonly string[]): WrittenArtifacts {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'diff.json');
  const html = path.join(dir, 'diff.html');
  // Each string is redacted before it is serialised: over the JSON text, an escaped quote would end the curl's
  // `Authorization: $LD_ACCESS_TOKEN_A` value too late, and its variable name would be masked as if it were a secret.
  const redacted = redactStrings(report) as DiffReport;
  fs.writeFileSync(json, `${JSON.stringify(redacted, null, 2)}\n`);
  fs.writeFileSync(html, renderDiffHtml(redacted));
  const files = [json, html, planFile];
  const hits = scanForSecrets(collectFileCorpora(files, dir), secrets);
  return { files, leaks: hits.map((hit) => `${hit.where} holds the secret ${hit.secret}`) };
}

function redactStrings(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item)]));
  }
  return value;
}
