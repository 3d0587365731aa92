import type { APIRequestContext, APIResponse } from '@playwright/test';
import { redactSecrets, registerSecret } from '../contract/secrets';
import { appendSecret, type SecretKind } from '../secrets/secret-store';
import type { HttpExchange } from '../contract/exchange';
import type { SuiteConfig } from '../config/suite-config';
import { issuesSecret, type OperationId } from '../domain/operations';
import type { A7Blocks } from './a7-blocks';
import {
  A7BlockedError,
  ApiUsageError,
  describeRequestFailure,
  EnvironmentError,
  HangError,
  isTimeoutFailure,
  RateLimitedError,
  RunDeadlineError,
  TransportError,
} from './errors';
import { probeOtherRequest, readBackToken } from './hang-evidence';
import { delay, getProcessPacer, type TokenBucketPacer } from './pacer';
import { computeProactiveWait, computeRateLimitWait, parseHttpDate, WaitBudget, type RateLimitWait } from './rate-limit';
import { getRoute } from './routes';

export type { RateLimitWait } from './rate-limit';

export interface SendOptions {
  /** Fills `{id}` in the path (URL-encoded). */
  id?: string;
  query?: Record<string, string | number | boolean>;
  /** JSON-serialised, Content-Type application/json. */
  body?: unknown;
  /** Sent as is, for bad-input tests (malformed JSON, wrong type). Content-Type defaults to application/json. */
  rawBody?: string | Buffer;
  /** Content-Type for `rawBody`/`body`; null = none set by the suite (Playwright then sends application/octet-stream). */
  contentType?: string | null;
  /** Overrides the client's token; null = send NO Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
  /**
   * Method override (rule A8): the request goes out as POST with `X-HTTP-Method-Override: <value>`,
   * e.g. `send('patchToken', { id, body, methodOverride: 'PATCH' })`.
   */
  methodOverride?: string;
}

export interface ApiResult {
  operationId: OperationId;
  status: number;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed body; undefined when there is no body or it is not JSON. Never throws. */
  json(): unknown;
  exchange: HttpExchange;
  /** Every pause taken before this result (429s, retried reads), in order. */
  waits: RateLimitWait[];
  /** The response's Date header in epoch ms (the server's clock), null when absent. */
  serverDate: number | null;
  /**
   * The target's latency for this response: from handing the request to Playwright until the whole body
   * was read, in ms. Pacing and 429 waits happen before the clock starts, so they are not counted.
   */
  durationMs: number;
}

export interface ApiClientOptions {
  request: APIRequestContext;
  config: SuiteConfig;
  /** Defaults to `config.accessToken`. */
  token?: string;
  /** Called for every response received, intermediate 429s included, before `send` resolves. */
  onExchange?: (result: ApiResult) => void;
  /**
   * The run's A7 blocks (a7-blocks.ts) and who is sending (the test's title): after a confirmed hang of an
   * operation, later requests to it fail at once. Absent: every request is sent (unit tests, scripts).
   */
  a7?: { blocks: A7Blocks; caller: string };
}

/** Bounded repeats: reads retried after gateway/network errors, and 429s (also bounded by the wait budget). */
const MAX_READ_RETRIES = 2;
const MAX_RATE_LIMITED_ATTEMPTS = 10;
const READ_RETRY_BACKOFF_MS = [500, 1_500];
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * A gateway status from a remote target is the environment's answer (docs/reports.md "Failure kinds"): the client
 * retries or fails it as an environment failure, and the contract checks must not judge it as the API's.
 */
export function isEnvironmentStatus(status: number, config: SuiteConfig): boolean {
  return config.target === 'remote' && GATEWAY_STATUSES.has(status);
}

interface SharedState {
  budget: WaitBudget;
  pacer: TokenBucketPacer | null;
}

/**
 * The suite's one way to call the Access Tokens API. Never fails on a status (every status is data for
 * the contract checks); waits on 429s within a budget; retries only idempotent reads after gateway or
 * network errors on a remote target; never silently repeats a write whose effect is unknown.
 */
export class ApiClient {
  private readonly request: APIRequestContext;
  private readonly config: SuiteConfig;
  private readonly token: string | null;
  /** The `LD-API-Version` header value; null sends none (a replay of a client that sends none). */
  private readonly apiVersion: string | null;
  private readonly onExchange: ((result: ApiResult) => void) | undefined;
  private readonly a7: ApiClientOptions['a7'];
  private readonly shared: SharedState;

  /** `derived` is internal: how `withToken` / `withApiVersion` share state and pass a null token or version. */
  constructor(opts: ApiClientOptions, derived?: { shared: SharedState; token: string | null; apiVersion: string | null }) {
    this.request = opts.request;
    this.config = opts.config;
    this.token = derived ? derived.token : (opts.token ?? opts.config.accessToken);
    this.apiVersion = derived ? derived.apiVersion : opts.config.apiVersion;
    this.onExchange = opts.onExchange;
    this.a7 = opts.a7;
    this.shared = derived?.shared ?? { budget: new WaitBudget(opts.config.rateLimitBudgetMs), pacer: getProcessPacer(opts.config.maxRps) };
    registerSecret(opts.config.accessToken);
    if (opts.config.otherMemberToken) registerSecret(opts.config.otherMemberToken);
    if (this.token) registerSecret(this.token);
  }

  /** This test's 429 waiting so far and its allowance now (both grow as it sends; see WaitBudget). */
  rateLimitWaits(): { spentMs: number; allowanceMs: number } {
    return { spentMs: this.shared.budget.spentMs, allowanceMs: this.shared.budget.totalMs };
  }

  /** A client for another token (null = no Authorization header) sharing this one's budget, pacing and observer. */
  withToken(token: string | null): ApiClient {
    return new ApiClient(
      { request: this.request, config: this.config, onExchange: this.onExchange, a7: this.a7 },
      { shared: this.shared, token, apiVersion: this.apiVersion },
    );
  }

  /**
   * A client sending another `LD-API-Version` (null = none) and otherwise this one's token, budget, pacing and
   * observer: for replays of LaunchDarkly's own clients, which each send their own version or none
   * (specs/clients.md "API version"). Everything else the suite sends carries LD_API_VERSION.
   */
  withApiVersion(apiVersion: string | null): ApiClient {
    return new ApiClient(
      { request: this.request, config: this.config, onExchange: this.onExchange, a7: this.a7 },
      { shared: this.shared, token: this.token, apiVersion },
    );
  }

  async send(op: OperationId, opts: SendOptions = {}): Promise<ApiResult> {
    const prepared = this.prepare(op, opts);
    // Read before every request of the operation (one stat while nothing is blocked), so a hang another worker
    // confirmed a moment ago stops this one too.
    const block = this.a7?.blocks.blockOf(op);
    if (block) throw new A7BlockedError(block, this.config.requestTimeoutMs);
    const deadline = this.config.runDeadline;
    if (deadline !== null && Date.now() >= deadline.at)
      throw new RunDeadlineError(deadline.boundMs, `${op} ${prepared.method} ${prepared.pathForMessage}`);
    const waits: RateLimitWait[] = [];
    const isRead = prepared.method === 'GET';
    // RFC 9110 §9.2.2: GET and DELETE are idempotent, "the request can be repeated automatically if a communication
    // failure occurs before the client is able to read the server's response". POST and PATCH are not: never repeated.
    const repeatable = isRead || prepared.method === 'DELETE';
    const remote = this.config.target === 'remote';
    let rateLimited = 0;
    let readRetries = 0;
    let hangs = 0;
    /** An earlier try of this request got no answer from the API (network error, timeout, gateway status). */
    let unanswered = false;
    this.shared.budget.noteRequest();

    for (;;) {
      if (this.shared.pacer) await this.shared.pacer.take();
      let response: APIResponse;
      const startedAt = performance.now();
      try {
        response = await this.request.fetch(prepared.url, {
          method: prepared.method,
          headers: prepared.headers,
          data: prepared.body,
          failOnStatusCode: false,
          timeout: this.config.requestTimeoutMs,
          maxRedirects: 0,
          maxRetries: 0,
        });
      } catch (error) {
        const cause = describeRequestFailure(error);
        if (isTimeoutFailure(cause)) hangs++;
        if (remote && repeatable && readRetries < MAX_READ_RETRIES) {
          unanswered = true;
          await this.pause(waits, {
            operationId: op,
            attempt: waits.length + 1,
            reason: 'network-error',
            status: null,
            source: 'backoff',
            waitMs: READ_RETRY_BACKOFF_MS[readRetries] ?? 1_000,
          });
          readRetries++;
          continue;
        }
        // A request that hangs while the target answers another request at once is the target's defect (A7 "never
        // a hang"), not the network's: only a target that answers nothing is the environment. A repeatable request
        // must have hung on every try; a write that cannot be repeated gets one try, and the state read back after
        // it is the evidence of what it did (hang-evidence in docs/leniency.md).
        const hungEveryTry = repeatable ? hangs >= 2 && hangs === readRetries + 1 : hangs === 1;
        if (remote && hungEveryTry) {
          const reader = {
            request: this.request,
            baseUrl: this.config.baseUrl,
            token: this.token,
            apiVersion: this.apiVersion,
            timeoutMs: this.config.requestTimeoutMs,
          };
          const probe = await probeOtherRequest(reader, op);
          if (probe !== null) {
            const readBack = isRead ? '' : await readBackToken(reader, op, opts.id);
            const hang = new HangError(
              op,
              `Rule A7 (never a hang): ${op} ${prepared.method} ${prepared.pathForMessage} against ${this.host()} got no answer within ${this.config.requestTimeoutMs} ms on ${hangs === 1 ? 'its one try (not repeated: not idempotent)' : `each of ${hangs} tries`}, while ${probe}${readBack} — the target answers other requests, so this hang is a contract failure, not the environment`,
            );
            // Confirmed (the probe answered): the rest of the run stops waiting for this operation.
            this.a7?.blocks.record({ operationId: op, test: this.a7.caller, verdict: hang.message, at: Date.now() });
            throw hang;
          }
        }
        throw this.failure(
          op,
          prepared,
          repeatable
            ? `${cause} (after ${readRetries + 1} attempt(s))`
            : `${cause}; effect unknown — check state, a write that is not idempotent is never repeated automatically`,
        );
      }

      const result = await this.toResult(op, prepared, response, waits, startedAt);
      this.onExchange?.(result);

      if (result.status === 429) {
        rateLimited++;
        const decision = computeRateLimitWait(result.headers, { clientNow: Date.now(), attempt: rateLimited, random: Math.random });
        if (rateLimited >= MAX_RATE_LIMITED_ATTEMPTS || !this.shared.budget.tryTake(decision.waitMs)) {
          const budget = this.shared.budget;
          throw new RateLimitedError(
            `rate limited by ${this.host()} on ${op} ${prepared.method} ${prepared.pathForMessage}: the server asks to wait ${decision.waitMs} ms (${decision.source}) but only ${Math.round(budget.remainingMs)} ms of this test's ${Math.round(budget.totalMs)} ms rate-limit budget is left after ${rateLimited} 429(s) (LD_RATE_LIMIT_BUDGET_MS=${budget.baseMs}, grown for the test's ${budget.requestsSent} request(s) sent); lower LD_MAX_RPS or LD_WORKERS`,
          );
        }
        await this.pause(
          waits,
          {
            operationId: op,
            attempt: waits.length + 1,
            reason: 'rate-limited',
            status: 429,
            source: decision.source,
            waitMs: decision.waitMs,
          },
          false,
        );
        continue;
      }

      // A DELETE repeated after a try that got no answer, answered 404: the token is gone, but whether the
      // unanswered try deleted it (and the 404 is the repeat's correct answer) cannot be told from here.
      if (remote && prepared.method === 'DELETE' && unanswered && result.status === 404) {
        throw this.failure(
          op,
          prepared,
          `an earlier try got no answer and the repeat answered 404: the token is gone, but whether the unanswered try deleted it is unknown (DELETE is repeated after a communication failure: idempotent, RFC 9110 §9.2.2)`,
        );
      }

      if (remote && GATEWAY_STATUSES.has(result.status)) {
        if (repeatable && readRetries < MAX_READ_RETRIES) {
          unanswered = true;
          await this.pause(waits, {
            operationId: op,
            attempt: waits.length + 1,
            reason: 'unavailable',
            status: result.status,
            source: 'backoff',
            waitMs: READ_RETRY_BACKOFF_MS[readRetries] ?? 1_000,
          });
          readRetries++;
          continue;
        }
        throw this.failure(
          op,
          prepared,
          repeatable
            ? `${this.host()} answered ${result.status} ${readRetries + 1} time(s)`
            : `${this.host()} answered ${result.status} to a write; effect unknown — check state, a write that is not idempotent is never repeated automatically`,
        );
      }
      // Into the result's own list: the pause follows this response, and the report shows it with it.
      await this.slowDown(op, result, result.waits);
      return result;
    }
  }

  /**
   * Before a 429 rather than after it (issue 25.5): when an ordinary response says a remaining count is 0, pause until
   * its reset (computeProactiveWait), never longer than what is left of the test's rate-limit wait budget.
   */
  private async slowDown(op: OperationId, result: ApiResult, waits: RateLimitWait[]): Promise<void> {
    const wanted = computeProactiveWait(result.headers, { clientNow: Date.now() });
    const waitMs = Math.min(wanted, Math.floor(this.shared.budget.remainingMs));
    if (waitMs <= 0) return;
    await this.pause(waits, {
      operationId: op,
      attempt: waits.length + 1,
      reason: 'slowing',
      status: result.status,
      source: 'x-ratelimit-reset',
      waitMs,
    });
  }

  private prepare(op: OperationId, opts: SendOptions): PreparedRequest {
    const route = getRoute(op);
    let routePath = route.path;
    if (routePath.includes('{id}')) {
      if (opts.id === undefined) throw new ApiUsageError(`send('${op}') needs an id: its path is ${route.path}`);
      routePath = routePath.replace('{id}', encodeURIComponent(opts.id));
    }
    const search = new URLSearchParams();
    for (const [key, val] of Object.entries(opts.query ?? {})) search.append(key, String(val));
    const query = search.toString();
    const url = `${this.config.baseUrl}${routePath}${query ? `?${query}` : ''}`;

    // The user agent names the suite and the run, so the owners of a shared staging server can tell who is calling.
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': `ld-access-tokens-conformance (run ${this.config.tokenNamePrefix})`,
    };
    // The spec ("Versioning"): without the header the calling token's default version applies, and an old admin
    // token would change what getTokens answers. A test may still set it per request through `headers` below.
    if (this.apiVersion !== null) headers['ld-api-version'] = this.apiVersion;
    const token = opts.token === undefined ? this.token : opts.token;
    if (token !== null) {
      registerSecret(token);
      headers.authorization = token;
    }
    let body: Buffer | undefined;
    if (opts.rawBody !== undefined) {
      body = Buffer.isBuffer(opts.rawBody) ? opts.rawBody : Buffer.from(opts.rawBody, 'utf8');
    } else if (opts.body !== undefined) {
      body = Buffer.from(JSON.stringify(opts.body), 'utf8');
    }
    if (body !== undefined) {
      const contentType = opts.contentType === undefined ? 'application/json' : opts.contentType;
      // Playwright sets application/octet-stream on a Buffer body without a Content-Type: record that truthfully.
      headers['content-type'] = contentType ?? 'application/octet-stream';
    }
    let method: string = route.method;
    if (opts.methodOverride !== undefined) {
      headers['x-http-method-override'] = opts.methodOverride;
      method = 'POST';
    }
    for (const [name, val] of Object.entries(opts.headers ?? {})) headers[name.toLowerCase()] = val;
    return { url, method, headers, body, pathForMessage: routePath };
  }

  private async toResult(
    op: OperationId,
    prepared: PreparedRequest,
    response: APIResponse,
    waits: RateLimitWait[],
    startedAt: number,
  ): Promise<ApiResult> {
    const status = response.status();
    const headers = response.headers();
    let bodyText = '';
    try {
      bodyText = (await response.body()).toString('utf8');
    } catch {
      bodyText = '';
    }
    const durationMs = performance.now() - startedAt;
    await response.dispose().catch(() => undefined);
    let parsed: unknown;
    let parsedOnce = false;
    const json = (): unknown => {
      if (!parsedOnce) {
        parsedOnce = true;
        try {
          parsed = bodyText === '' ? undefined : (JSON.parse(bodyText) as unknown);
        } catch {
          parsed = undefined;
        }
      }
      return parsed;
    };
    // Register whole secrets before anything (observer, report, assertion message) can see them (H2).
    const secretKind = issuesSecret(op);
    if (secretKind !== false) registerIssuedSecret(json(), secretKind, this.config.secretStoreDir);

    const requestHeaders = { ...prepared.headers };
    // The exchange may end up in a report: it never carries the live secret, even before redaction.
    if (requestHeaders.authorization !== undefined) requestHeaders.authorization = redactSecrets(requestHeaders.authorization);
    const exchange: HttpExchange = {
      operationId: op,
      request: {
        method: prepared.method,
        url: prepared.url,
        headers: requestHeaders,
        ...(prepared.body !== undefined ? { bodyText: prepared.body.toString('utf8') } : {}),
      },
      response: { status, statusText: response.statusText(), headers, bodyText },
    };
    return {
      operationId: op,
      status,
      headers,
      bodyText,
      json,
      exchange,
      waits: [...waits],
      serverDate: parseHttpDate(headers['date']),
      durationMs,
    };
  }

  private async pause(waits: RateLimitWait[], wait: Omit<RateLimitWait, 'startedAt'>, chargeBudget = true): Promise<void> {
    if (chargeBudget) this.shared.budget.tryTake(wait.waitMs);
    waits.push({ ...wait, startedAt: Date.now() });
    await delay(wait.waitMs);
  }

  private failure(op: OperationId, prepared: PreparedRequest, detail: string): Error {
    const what = `${op} ${prepared.method} ${prepared.pathForMessage} against ${this.host()}: ${detail}`;
    return this.config.target === 'remote' ? new EnvironmentError(what) : new TransportError(`Request failed: ${what}`);
  }

  private host(): string {
    return new URL(this.config.baseUrl).host;
  }
}

interface PreparedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  pathForMessage: string;
}

/**
 * postToken/resetToken answer with the whole secret in `token` (C2, G1): register it at once for redaction,
 * and put it on record in the run's secret store (outside reports/) for the end-of-run H2 scan.
 */
function registerIssuedSecret(body: unknown, kind: SecretKind, storeDir: string | null | undefined): void {
  if (typeof body !== 'object' || body === null) return;
  const token = (body as Record<string, unknown>).token;
  if (typeof token !== 'string' || token.length <= 4) return;
  registerSecret(token);
  if (storeDir) appendSecret(storeDir, kind, token);
}
