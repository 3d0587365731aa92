/** Terse known histories of one or more tokens for the checker's unit tests: times in ms, unknown = never answered. */
import type { History, HistoryOperation, Outcome, TokenCall } from '../../../src/concurrency/history';

export const BEFORE: Record<string, unknown> = {
  _id: 'a1',
  ownerId: 'o1',
  memberId: 'm1',
  creationDate: 1,
  name: 'ldct-run-token',
  description: 'd0',
  role: 'reader',
  customRoleIds: [],
  inlineRole: [],
  serviceToken: false,
  defaultApiVersion: 20240415,
  token: 'wxyz',
};

export const shows = (changes: Record<string, unknown>): Record<string, unknown> => ({ ...BEFORE, ...changes });

export const replace = (field: string, value: unknown): TokenCall => ({ op: 'patch', body: [{ op: 'replace', path: `/${field}`, value }] });

export const ok = (value: { doc?: Record<string, unknown>; secret?: string } = {}, status = 200): Outcome => ({
  kind: 'ok',
  status,
  ...value,
});
export const failed = (status: number): Outcome => ({ kind: 'failed', status });
export const unknown: Outcome = { kind: 'unknown', why: 'timed out' };

export type Step = [client: number, invokedAt: number, completedAt: number | null, call: TokenCall, outcome: Outcome, token?: string];

/** A history whose tokens start as BEFORE with "secret 1"; a null completion is an unknown outcome's infinity. */
export function history(steps: readonly Step[], tokens: readonly string[] = ['t1']): History {
  const operations: HistoryOperation[] = steps.map(([client, invokedAt, completedAt, call, outcome, token], i) => ({
    id: i + 1,
    client,
    token: token ?? 't1',
    call,
    invokedAt,
    completedAt: completedAt ?? Infinity,
    outcome,
  }));
  return { tokens: Object.fromEntries(tokens.map((t) => [t, { doc: { ...BEFORE }, secret: 'secret 1' }])), operations };
}
