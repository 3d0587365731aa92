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
  fs.writeFileSync(json, redactSecrets(`${JSON.stringify(report, null, 2)}\n`));
  fs.writeFileSync(html, redactSecrets(renderDiffHtml(report)));
  const files = [json, html, planFile];
  const hits = scanForSecrets(collectFileCorpora(files, dir), secrets);
  return { files, leaks: hits.map((hit) => `${hit.where} holds the secret ${hit.secret}`) };
}
