/**
 * `npm run expectations`: turns a finished run's failures (its summary.json) into known-deviation entries
 * with a TODO reason, merged into an existing file without duplicates. The existing file is edited as a
 * YAML document, so its comments and hand-written entries stay as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { loadBaselineSummary } from './baseline';
import { parseExpectations, TODO_REASON, type ExpectationEntry } from './expectations-file';
import { isCauseSignature, normaliseSignature, signatureKey, type FailureKind, type FailureSignature } from './failure-signature';
import { covers } from './match';

export interface RecordResult {
  added: ExpectationEntry[];
  /** Failures already covered by an entry of the file. */
  alreadyListed: number;
  /** Environment failures: never recorded (they say nothing about the target's contract). */
  skippedEnvironment: number;
  text: string;
}

const HEADER = `# Known deviations (LD_EXPECTATIONS): failures accepted for a target, matched by test and failure
# signature. Written by \`npm run expectations\`; fill in every TODO reason (ticket, owner) before committing:
# until then every run warns about it, and LD_EXPECTATIONS_STRICT=1 fails.
# Format and matching rules: docs/known-deviations.md
`;

/** A new entry and, for an entry per cause, the contract checks the run saw fail on that response. */
interface Recorded {
  entry: ExpectationEntry;
  checks: string[];
}

/**
 * Reads `<fromDir>/summary.json` and the existing `outFile` (if any); returns the merged file text.
 *
 * One entry per test, rule, operation and status: a test's contract checks that failed on one response
 * are one cause (an HTML 413 breaks status, content type and schema at once) and become one entry without
 * `check`, which covers them all; a person then writes one reason, not three. An assertion keeps its rule.
 */
export function recordExpectations(fromDir: string, outFile: string): RecordResult {
  const summary = loadBaselineSummary(path.resolve(fromDir));
  const existingText = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
  const existing = parseExpectations(existingText, outFile);
  const recorded = new Map<string, Recorded>();
  let alreadyListed = 0;
  let skippedEnvironment = 0;
  for (const item of summary.failures) {
    const failure = { kind: item.kind, signature: normaliseSignature(item.signature), message: item.message };
    if (failure.kind === 'environment') {
      skippedEnvironment++;
      continue;
    }
    // Expired entries count too: adding the same signature again would make the file a duplicate.
    const listed = existing.some(
      (e) => e.test === item.test && (covers(e.failure, failure, 'exact') || covers(e.failure, failure, 'cause')),
    );
    if (listed) {
      alreadyListed++;
      continue;
    }
    const signature = causeOf(failure.kind, failure.signature);
    const key = `${item.test}\n${signatureKey(signature)}`;
    const known = recorded.get(key);
    if (known) {
      if (failure.signature.check !== undefined && !known.checks.includes(failure.signature.check))
        known.checks.push(failure.signature.check);
      continue;
    }
    recorded.set(key, {
      entry: { test: item.test, failure: signature, reason: TODO_REASON },
      checks: isCauseSignature(signature) && failure.signature.check !== undefined ? [failure.signature.check] : [],
    });
  }
  const added = [...recorded.values()];
  return {
    added: added.map((r) => r.entry),
    alreadyListed,
    skippedEnvironment,
    text: mergeIntoDocument(existingText, added),
  };
}

/**
 * The signature an entry records for a failure: a contract check on a named response becomes its cause
 * (operation + status, no check). A check without an operation and status has no response to name, so it
 * stays one check (an entry naming neither would cover every check of the test).
 */
function causeOf(kind: FailureKind, signature: FailureSignature): FailureSignature {
  if (kind !== 'contract' || signature.rule !== undefined || signature.operation === undefined || signature.status === undefined)
    return signature;
  return { operation: signature.operation, status: signature.status };
}

function mergeIntoDocument(existingText: string, added: readonly Recorded[]): string {
  const doc = parseDocument(existingText.trim() === '' ? `${HEADER}deviations: []\n` : existingText);
  // parseExpectations accepted the text, so the root is a mapping (or empty) and deviations a list (or absent).
  if (!doc.hasIn(['deviations'])) doc.setIn(['deviations'], doc.createNode([]));
  const list: unknown = doc.getIn(['deviations'], true);
  // A flow-style `[]` would put every new entry on one line.
  if (isSeq(list)) list.flow = false;
  for (const { entry, checks } of added) {
    const node = doc.createNode(entry);
    // Which checks the cause broke, for the person writing the reason; a comment, so it never changes matching.
    if (checks.length > 0 && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === 'failure');
      if (pair && isScalar(pair.key)) pair.key.commentBefore = ` every contract check on this response; this run saw: ${checks.join(', ')}`;
    }
    doc.addIn(['deviations'], node);
  }
  return doc.toString({ lineWidth: 0 });
}
