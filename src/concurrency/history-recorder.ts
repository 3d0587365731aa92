/**
 * Records a concurrent scenario's history as it runs: `invoke` before a request is sent, then exactly one of
 * `ok`, `failed` or `unknown` when its answer (or its absence) is known. Whole secrets are turned into labels
 * here, so the history, its witness and anything rendered from them never hold one.
 */
import type { History, HistoryOperation, InitialToken, Outcome, TokenCall } from './history';

export interface PendingOperation {
  ok(status: number, value?: { doc?: Record<string, unknown>; secret?: string }): void;
  /** A definite refusal that changed nothing (a 4xx, or 401 for `auth`). */
  failed(status: number): void;
  /** No usable answer: it may or may not have taken effect. */
  unknown(why: string): void;
}

export class HistoryRecorder {
  private readonly tokens: Record<string, InitialToken> = {};
  private readonly operations: HistoryOperation[] = [];
  private readonly labels = new Map<string, string>();
  private invoked = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The label of a whole secret ("secret 3"): the same secret always gets the same label. */
  secretLabel(secret: string): string {
    let label = this.labels.get(secret);
    if (label === undefined) {
      label = `secret ${this.labels.size + 1}`;
      this.labels.set(secret, label);
    }
    return label;
  }

  /** A token before its concurrent requests: the Token as last shown (a whole secret in it is cut to its last four) and its secret. */
  addToken(token: string, doc: Record<string, unknown>, secret: string): void {
    if (token in this.tokens) throw new Error(`history: token ${token} was added twice`);
    const shown = typeof doc.token === 'string' ? { ...doc, token: doc.token.slice(-4) } : doc;
    this.tokens[token] = { doc: shown, secret: this.secretLabel(secret) };
  }

  /** Before a request is sent. A request made with a given secret passes it whole (`wholeSecret`); the history keeps its label. */
  invoke(
    client: number,
    token: string,
    request: Exclude<TokenCall, { op: 'auth' }> | { op: 'auth'; wholeSecret: string },
  ): PendingOperation {
    if (!(token in this.tokens)) throw new Error(`history: token ${token} was not added before its first request`);
    const call: TokenCall = request.op === 'auth' ? { op: 'auth', secret: this.secretLabel(request.wholeSecret) } : request;
    const id = ++this.invoked;
    const invokedAt = this.now();
    let done = false;
    const complete = (outcome: Outcome, completedAt: number): void => {
      if (done) throw new Error(`history: operation ${id} completed twice`);
      done = true;
      this.operations.push({ id, client, token, call, invokedAt, completedAt, outcome });
    };
    return {
      ok: (status, value = {}) => {
        const { doc, secret } = value;
        const shown = doc && typeof doc.token === 'string' ? { ...doc, token: doc.token.slice(-4) } : doc;
        complete(
          {
            kind: 'ok',
            status,
            ...(shown ? { doc: shown } : {}),
            ...(secret !== undefined ? { secret: this.secretLabel(secret) } : {}),
          },
          this.now(),
        );
      },
      failed: (status) => complete({ kind: 'failed', status }, this.now()),
      unknown: (why) => complete({ kind: 'unknown', why }, Infinity),
    };
  }

  /** The history so far, operations numbered in invocation order. */
  history(): History {
    const operations = [...this.operations].sort((a, b) => a.invokedAt - b.invokedAt || a.id - b.id).map((op, i) => ({ ...op, id: i + 1 }));
    return { tokens: { ...this.tokens }, operations };
  }
}
