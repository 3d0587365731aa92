/**
 * `npm run expectations`: turns a finished run's failures (its summary.json) into known-deviation entries
 * with a TODO reason, merged into an existing file without duplicates. The existing file is edited as a
 * YAML document, so its comments and hand-written entries stay as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { loadBaselineSummary } from './baseline';
import { parseExpectations, TODO_REASON, type ExpectationEntry } from './expectations-file';
import { normaliseSignature, signatureKey } from './failure-signature';

export interface RecordResult {
  added: ExpectationEntry[];
  /** Failures already covered by an entry of the file. */
  alreadyListed: number;
  /** Environment failures: never recorded (they say nothing about the target's contract). */
  skippedEnvironment: number;
  text: string;
}

const HEADER = `# Known deviations (LD_EXPECTATIONS): failures accepted for a target, matched by test and failure
# signature. Written by \`npm run expectations\`; fill in every TODO reason (ticket, owner) before committing.
# Format and matching rules: docs/known-deviations.md
`;

/** Reads `<fromDir>/summary.json` and the existing `outFile` (if any); returns the merged file text. */
export function recordExpectations(fromDir: string, outFile: string): RecordResult {
  const summary = loadBaselineSummary(path.resolve(fromDir));
  const existingText = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  const existing = parseExpectations(existingText, outFile);
  const keys = new Set(existing.map((e) => `${e.test}\n${signatureKey(e.failure)}`));
  const added: ExpectationEntry[] = [];
  let alreadyListed = 0;
  let skippedEnvironment = 0;
  for (const failure of summary.failures) {
    if (failure.kind === 'environment') {
      skippedEnvironment++;
      continue;
    }
    const key = `${failure.test}\n${signatureKey(failure.signature)}`;
    if (keys.has(key)) {
      alreadyListed++;
      continue;
    }
    keys.add(key);
    added.push({ test: failure.test, failure: normaliseSignature(failure.signature), reason: TODO_REASON });
  }
  return { added, alreadyListed, skippedEnvironment, text: mergeIntoDocument(existingText, added) };
}

function mergeIntoDocument(existingText: string, added: readonly ExpectationEntry[]): string {
  const doc = parseDocument(existingText.trim() === '' ? `${HEADER}deviations: []\n` : existingText);
  // parseExpectations accepted the text, so the root is a mapping (or empty) and deviations a list (or absent).
  if (!doc.hasIn(['deviations'])) doc.setIn(['deviations'], doc.createNode([]));
  const list: unknown = doc.getIn(['deviations'], true);
  // A flow-style `[]` would put every new entry on one line.
  if (isSeq(list)) list.flow = false;
  for (const entry of added) doc.addIn(['deviations'], doc.createNode(entry));
  return doc.toString({ lineWidth: 0 });
}
