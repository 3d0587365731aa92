import { isOperationId, type OperationId } from './operations';
import { isKnownRuleId, type RuleId } from './rules';

/**
 * The per-test record of every response a test received, written by the fixtures as an attachment
 * and read back by the coverage reporter. Agreed format:
 * `{ "observations": [ { operationId, method, status, conformant, failedChecks, durationMs } ] }`.
 * `durationMs` (the target's latency for that response) is optional: reports written before it existed
 * still parse, and simply add nothing to the latency table.
 */
export const OBSERVATIONS_ATTACHMENT = 'contract-observations';
export const RULE_ANNOTATION = 'rule';
/**
 * A test that gave up judging (part of) what it checks: the description says which rule and why
 * (tests/support/inconclusive.ts). Such a test passes, but its rules are not "passed" on its account.
 */
export const INCONCLUSIVE_ANNOTATION = 'inconclusive';

/** The inconclusive annotation's description: the rule given up on, then why ("E2: target answered 400 …"). */
export function formatInconclusive(rule: RuleId, reason: string): string {
  return `${rule}: ${reason}`;
}

/** The rule an inconclusive description names; null when it names none (explore's stop, or another writer's text). */
export function ruleOfInconclusive(description: string): RuleId | null {
  const named = /^([A-Z]\d+):/.exec(description)?.[1];
  return named !== undefined && isKnownRuleId(named) ? named : null;
}

export interface ContractObservation {
  operationId: OperationId;
  method: string;
  status: number;
  conformant: boolean;
  failedChecks: string[];
  /** Request sent until the whole response body was read, in ms; absent in older attachments. */
  durationMs?: number;
}

export class ObservationFormatError extends Error {
  override name = 'ObservationFormatError';
}

/** Parses one attachment body; throws ObservationFormatError naming what is wrong. */
export function parseObservations(body: string): ContractObservation[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body) as unknown;
  } catch {
    throw new ObservationFormatError(`${OBSERVATIONS_ATTACHMENT} attachment is not JSON`);
  }
  const list = isRecord(doc) ? doc.observations : undefined;
  if (!Array.isArray(list)) {
    throw new ObservationFormatError(`${OBSERVATIONS_ATTACHMENT} attachment has no "observations" array`);
  }
  return list.map((item, index) => parseObservation(item, index));
}

function parseObservation(item: unknown, index: number): ContractObservation {
  const where = `${OBSERVATIONS_ATTACHMENT}[${index}]`;
  if (!isRecord(item)) throw new ObservationFormatError(`${where} is not an object`);
  const { operationId, method, status, conformant, failedChecks, durationMs } = item;
  if (typeof operationId !== 'string' || !isOperationId(operationId)) {
    throw new ObservationFormatError(`${where}.operationId ${JSON.stringify(operationId)} is not one of the six operations`);
  }
  if (typeof status !== 'number' || !Number.isInteger(status)) {
    throw new ObservationFormatError(`${where}.status must be an integer`);
  }
  if (typeof conformant !== 'boolean') throw new ObservationFormatError(`${where}.conformant must be a boolean`);
  if (durationMs !== undefined && (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0)) {
    throw new ObservationFormatError(`${where}.durationMs must be a number of milliseconds (0 or more)`);
  }
  const checks = Array.isArray(failedChecks) ? failedChecks.map(String) : [];
  const parsed: ContractObservation = {
    operationId,
    method: typeof method === 'string' ? method : '',
    status,
    conformant,
    failedChecks: checks,
  };
  if (durationMs !== undefined) parsed.durationMs = durationMs;
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
