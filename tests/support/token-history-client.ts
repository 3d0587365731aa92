/**
 * The @concurrency scenarios' clients: each request to a token goes through the suite's client (pacing, 429 waits,
 * judged by the contract checks, creations and deletions tracked) and into the scenario's history (src/concurrency),
 * with its outcome as Jepsen reads it: a documented refusal is `failed` (it changed nothing), a 5xx or an exception
 * (timeout, reset connection) is `unknown` (it may have taken effect). The exchanges are kept by step, so a witness
 * can show the curl of each of its steps.
 */
import type { HttpExchange } from '../../src/contract';
import type { HistoryRecorder } from '../../src/concurrency/history-recorder';
import type { SuiteApi } from '../../src/session/suite-api';
import type { ApiResult } from '../../src/client/api-client';

export type ScenarioCall =
  | { op: 'get' }
  | { op: 'patch'; body: unknown }
  | { op: 'reset'; expiry: 'none' } // the old secret dies at once (G2)
  | { op: 'reset'; expiry: 'future'; at: number } // the old secret lives until `at`, server time (G3)
  | { op: 'delete' }
  | { op: 'auth'; secret: string };

const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export class TokenHistoryClient {
  /** Exchange of each step, by its number in invocation order (the history's operation ids). */
  readonly exchanges = new Map<number, HttpExchange>();
  /** Every whole secret a reset issued, in the order the answers came. Never printed. */
  readonly issuedSecrets: string[] = [];
  private steps = 0;
  sent = 0;

  constructor(
    private readonly api: SuiteApi,
    private readonly recorder: HistoryRecorder,
  ) {}

  /** One request of `client` to the token the history knows as `handle` (its id `id`). */
  async call(client: number, handle: string, id: string, call: ScenarioCall): Promise<void> {
    const pending = this.recorder.invoke(
      client,
      handle,
      call.op === 'auth'
        ? { op: 'auth', wholeSecret: call.secret }
        : call.op === 'reset'
          ? { op: 'reset', expiry: call.expiry }
          : call.op === 'patch'
            ? { op: 'patch', body: call.body }
            : { op: call.op },
    );
    const step = ++this.steps;
    this.sent += 1;
    let result: ApiResult;
    try {
      result = await this.send(id, call);
    } catch (error) {
      pending.unknown(error instanceof Error ? error.name : 'no answer');
      return;
    }
    this.exchanges.set(step, result.exchange);
    const { status } = result;
    if (status >= 500) return pending.unknown(`answered ${status}`);
    if (call.op === 'auth') {
      // Any answer but 401 means the secret authenticated.
      if (status === 401) pending.failed(401);
      else pending.ok(status);
      return;
    }
    if (status >= 400) return pending.failed(status);
    const body = asObject(result.json());
    if (call.op === 'reset' && body && typeof body.token === 'string') this.issuedSecrets.push(body.token);
    pending.ok(status, {
      ...(body && (call.op === 'get' || call.op === 'patch' || call.op === 'reset') ? { doc: body } : {}),
      ...(call.op === 'reset' && typeof body?.token === 'string' ? { secret: body.token } : {}),
    });
  }

  private send(id: string, call: ScenarioCall): Promise<ApiResult> {
    switch (call.op) {
      case 'get':
        return this.api.send('getToken', { id });
      case 'patch':
        return this.api.send('patchToken', { id, body: call.body });
      case 'reset':
        return this.api.send('resetToken', { id, ...(call.expiry === 'future' ? { query: { expiry: call.at } } : {}) });
      case 'delete':
        return this.api.send('deleteToken', { id });
      case 'auth':
        return this.api.withToken(call.secret).send('getTokens', { query: { limit: 1 } });
    }
  }
}
