/**
 * The history of a concurrent scenario: every request a client sent to one of the run's tokens, when it was
 * sent and answered, and what came back. Its outcomes follow Jepsen's (Knossos): `ok` took effect and its value
 * is known; `failed` is a definite refusal that changed nothing (a 4xx); `unknown` may or may not have taken
 * effect (a timeout, a lost answer, a 5xx) — its completion extends to infinity, so it may be ordered anywhere
 * after its invocation. A secret never appears here: the recorder gives each one a label ("secret 2").
 */
import type { ExpiryInput } from '../explore/inputs';

/** What one request asks of one token. `auth` is a request made with a given secret: does it authenticate? */
export type TokenCall =
  | { op: 'get' }
  | { op: 'patch'; body: unknown }
  | { op: 'reset'; expiry: ExpiryInput['kind'] }
  | { op: 'delete' }
  | { op: 'auth'; secret: string };

export type Outcome =
  /** `doc`: the Token a get or patch answered (without its secret); `secret`: the label of the secret a reset issued. */
  | { kind: 'ok'; status: number; doc?: Record<string, unknown>; secret?: string }
  | { kind: 'failed'; status: number }
  /** `secret`: the label a reset would have issued, when it is known (a witness's operation made unknown while shrinking). */
  | { kind: 'unknown'; why: string; secret?: string };

export interface HistoryOperation {
  /** Unique within its history, in invocation order: the step number a witness shows. */
  id: number;
  client: number;
  /** The token's handle in the scenario (never its secret); histories of different tokens are checked apart. */
  token: string;
  call: TokenCall;
  /** Milliseconds on one monotonic clock. */
  invokedAt: number;
  /** Infinity for an unknown outcome: it may take effect at any later time. */
  completedAt: number;
  outcome: Outcome;
}

/** A token as the scenario found it before its concurrent requests began. */
export interface InitialToken {
  /** The Token as the server last showed it, without its secret. */
  doc: Record<string, unknown>;
  /** The label of its current secret. */
  secret: string;
}

export interface History {
  tokens: Readonly<Record<string, InitialToken>>;
  operations: readonly HistoryOperation[];
}
