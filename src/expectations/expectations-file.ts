/**
 * The known-deviations file (LD_EXPECTATIONS): a YAML list of failures a team has accepted for a
 * target, each with a reason. Loading validates everything and throws ExpectationsError with ONE line
 * naming the file, the entry and the field, so a bad file stops the run before any request is sent.
 *
 *   deviations:
 *     - test: "postToken.spec.ts › postToken › postToken 201 …"
 *       failure: { operation: postToken, status: 413 }   # every contract check on that response (one cause)
 *       reason: the load balancer answers 2 MiB bodies with an HTML 413
 *       link: https://tickets.example.com/OPS-1     # optional
 *       expires: 2027-01-31                          # optional; the entry stops matching after this day (UTC)
 *
 * `failure` may instead name one contract check (`check: content_type_conformance`, as files written before
 * entries per cause have it) or one behaviour assertion (`rule: "D1,B3"`), with operation and status.
 */
import fs from 'node:fs';
import type { parseDocument as ParseDocument } from 'yaml';
import { CONTRACT_CHECK_IDS } from '../contract/failures';
import { isOperationId } from '../domain/operations';
import { isRecord, normaliseSignature, signatureKey, type FailureSignature } from './failure-signature';

export interface ExpectationEntry {
  test: string;
  failure: FailureSignature;
  reason: string;
  link?: string;
  /** YYYY-MM-DD; the entry matches through this day (UTC) and not after. */
  expires?: string;
}

export class ExpectationsError extends Error {
  override readonly name = 'ExpectationsError';
}

const ENTRY_KEYS = new Set(['test', 'failure', 'reason', 'link', 'expires']);
const FAILURE_KEYS = new Set(['check', 'rule', 'operation', 'status']);
/** The reason `npm run expectations` writes; an entry still carrying it warns in every run (fails under strict). */
export const TODO_REASON = 'TODO: why is this deviation accepted? (ticket, owner)';

export function hasTodoReason(entry: ExpectationEntry): boolean {
  return entry.reason === TODO_REASON;
}

export function loadExpectationsFile(file: string): ExpectationEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ExpectationsError(`LD_EXPECTATIONS: cannot read ${file} (does the file exist?)`);
  }
  return parseExpectations(text, file);
}

/**
 * yaml is loaded on first use: this module is imported through load-config by every process of a run
 * (Playwright's main process and each worker, when they load playwright.config.ts), and only a run with
 * LD_EXPECTATIONS parses YAML; loading it costs each of them about 50 ms of start-up otherwise.
 */
function loadYaml(): { parseDocument: typeof ParseDocument } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as { parseDocument: typeof ParseDocument };
}

export function parseExpectations(text: string, file: string): ExpectationEntry[] {
  const fail = (what: string): never => {
    throw new ExpectationsError(`LD_EXPECTATIONS ${file}: ${what}`);
  };
  const doc = loadYaml().parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) fail(`not valid YAML: ${(doc.errors[0]?.message ?? '').split('\n')[0] ?? ''}`);
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return [];
  if (!isRecord(root)) return fail('expected a mapping with a "deviations" list at the top');
  const extra = Object.keys(root).filter((key) => key !== 'deviations');
  if (extra.length > 0) fail(`unknown top-level key "${extra[0] ?? ''}" (only "deviations" is allowed)`);
  const list = root.deviations ?? [];
  if (!Array.isArray(list)) return fail('"deviations" must be a list');
  const entries = list.map((item, index) => readEntry(item, `deviations[${index}]`, fail));
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = `${entry.test}\n${signatureKey(entry.failure)}`;
    const first = seen.get(key);
    if (first !== undefined) fail(`deviations[${index}] repeats deviations[${first}] (same test and failure)`);
    seen.set(key, index);
  });
  return entries;
}

function readEntry(item: unknown, where: string, fail: (what: string) => never): ExpectationEntry {
  if (!isRecord(item)) return fail(`${where} must be a mapping (test, failure, reason, link, expires)`);
  const unknown = Object.keys(item).find((key) => !ENTRY_KEYS.has(key));
  if (unknown !== undefined) fail(`${where} has unknown key "${unknown}" (allowed: ${[...ENTRY_KEYS].join(', ')})`);
  const test = nonEmptyString(item.test, `${where}.test`, 'the test title as the reports show it ("file › describe › test")', fail);
  const reason = nonEmptyString(item.reason, `${where}.reason`, 'why the deviation is accepted', fail);
  const entry: ExpectationEntry = { test, failure: readFailure(item.failure, `${where}.failure`, fail), reason };
  if (item.link !== undefined) entry.link = readLink(item.link, `${where}.link`, fail);
  if (item.expires !== undefined) entry.expires = readDate(item.expires, `${where}.expires`, fail);
  return entry;
}

function readFailure(raw: unknown, where: string, fail: (what: string) => never): FailureSignature {
  if (!isRecord(raw)) return fail(`${where} must be a mapping with check or rule (or neither), operation and status`);
  const unknown = Object.keys(raw).find((key) => !FAILURE_KEYS.has(key));
  if (unknown !== undefined) fail(`${where} has unknown key "${unknown}" (allowed: ${[...FAILURE_KEYS].join(', ')})`);
  // Neither check nor rule names a cause: every contract check on one response, so the response must be named.
  const cause = raw.check === undefined && raw.rule === undefined && raw.operation !== undefined && raw.status !== undefined;
  if (!cause && (raw.check === undefined) === (raw.rule === undefined))
    fail(
      `${where} needs exactly one of "check" (a contract check) or "rule" (a behaviour assertion), or neither with both "operation" and "status" (every contract check on that response)`,
    );
  const signature: FailureSignature = {};
  if (raw.check !== undefined) {
    if (typeof raw.check !== 'string' || !(CONTRACT_CHECK_IDS as readonly string[]).includes(raw.check)) {
      fail(
        `${where}.check ${JSON.stringify(raw.check)} is not a contract check (one of ${CONTRACT_CHECK_IDS.join(', ')}); environment failures cannot be known deviations`,
      );
    }
    signature.check = String(raw.check);
  }
  if (raw.rule !== undefined) signature.rule = nonEmptyString(raw.rule, `${where}.rule`, 'the test\'s rule ids, e.g. "D1,B3"', fail);
  if (raw.operation !== undefined) {
    if (typeof raw.operation !== 'string' || !isOperationId(raw.operation))
      fail(`${where}.operation ${JSON.stringify(raw.operation)} is not one of the six operations`);
    signature.operation = String(raw.operation);
  }
  if (raw.status !== undefined) {
    if (typeof raw.status !== 'number' || !Number.isInteger(raw.status) || raw.status < 100 || raw.status > 599) {
      fail(`${where}.status must be an HTTP status (100-599), got ${JSON.stringify(raw.status)}`);
    }
    signature.status = Number(raw.status);
  }
  return normaliseSignature(signature);
}

function nonEmptyString(raw: unknown, where: string, expected: string, fail: (what: string) => never): string {
  if (typeof raw !== 'string' || raw.trim() === '') return fail(`${where} is missing or empty: expected ${expected}`);
  return raw.trim();
}

function readLink(raw: unknown, where: string, fail: (what: string) => never): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^https?:\/\/\S+$/.test(text)) fail(`${where} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  return text;
}

function readDate(raw: unknown, where: string, fail: (what: string) => never): string {
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw.trim() : '';
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  if (!valid) fail(`${where} must be a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return text;
}

/** An entry past its expiry day (UTC) no longer matches anything. */
export function isExpired(entry: ExpectationEntry, now: Date = new Date()): boolean {
  return entry.expires !== undefined && now.toISOString().slice(0, 10) > entry.expires;
}
