/**
 * A witness as a person reads it: the token as it began, then the operations that cannot be ordered as
 * numbered steps (client, request, when it was sent and answered, what came back), then the writes that may
 * have taken effect. Times are milliseconds from the witness's first invocation. Never a secret: secrets are
 * labels, and every value shown goes through the redaction. (A curl line per step comes with the scenarios.)
 */
import { redactSecrets } from '../contract';
import type { HistoryOperation, Outcome, TokenCall } from './history';
import type { Witness } from './shrink-witness';

const SHOWN_FIELDS = ['name', 'description', 'role', 'customRoleIds', 'inlineRole'] as const;

function show(value: unknown, max = 160): string {
  const text = value === undefined ? 'absent' : (JSON.stringify(value) ?? 'absent');
  const redacted = redactSecrets(text);
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

function settings(doc: Record<string, unknown>): string {
  return SHOWN_FIELDS.filter((key) => doc[key] !== undefined)
    .map((key) => `${key} ${show(doc[key], 60)}`)
    .join(', ');
}

export function renderCall(call: TokenCall): string {
  switch (call.op) {
    case 'get':
      return 'getToken';
    case 'patch':
      return `patchToken ${show(call.body, 240)}`;
    case 'reset':
      return `resetToken${call.expiry === 'none' ? '' : ` (old secret expires ${call.expiry === 'past' ? 'in the past' : 'later'})`}`;
    case 'delete':
      return 'deleteToken';
    case 'auth':
      return `a request with ${call.secret}`;
  }
}

export function renderOutcome(call: TokenCall, outcome: Outcome): string {
  if (outcome.kind === 'unknown') return `outcome unknown (${outcome.why}): may or may not have taken effect`;
  if (outcome.kind === 'failed') return call.op === 'auth' ? `${outcome.status}: not authenticated` : `${outcome.status}, changed nothing`;
  if (call.op === 'auth') return `${outcome.status}: authenticated`;
  const parts = [String(outcome.status)];
  if (outcome.doc) parts.push(settings(outcome.doc));
  if (outcome.secret) parts.push(`new ${outcome.secret}`);
  return parts.join(' ');
}

/** One operation as a line: client, request, invocation and completion times (ms from `origin`), outcome. */
export function renderOperation(op: HistoryOperation, origin: number): string {
  const at = (t: number): string => (Number.isFinite(t) ? `${(t - origin).toFixed(1)} ms` : 'never');
  return `client ${op.client}: ${renderCall(op.call)} — sent ${at(op.invokedAt)}, answered ${at(op.completedAt)} → ${renderOutcome(op.call, op.outcome)}`;
}

export function renderWitness(token: string, witness: Witness): string {
  const all = [...witness.steps, ...witness.context];
  const origin = Math.min(...all.map((op) => op.invokedAt));
  const lines = [
    `token ${token}: these ${witness.steps.length} operations (of its ${witness.historySize}) cannot be put in any order a correct server allows` +
      (witness.minimal ? '' : ' (the time limit stopped the shrinking: fewer may do)'),
    `  before: ${settings(witness.initial.doc)}, ${witness.initial.secret}`,
    ...witness.steps.map((op, i) => `  ${i + 1}. ${renderOperation(op, origin)}`),
  ];
  if (witness.context.length > 0) {
    lines.push('  and these writes, which may have taken effect (their outcome is taken as unknown):');
    for (const op of witness.context) lines.push(`  - ${renderOperation(op, origin)}`);
  }
  return lines.join('\n');
}
