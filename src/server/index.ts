/**
 * The embedded reference server: a faithful, in-memory implementation of the six Access Tokens
 * operations, following the spec and every behaviour rule (A1–H2), with a catalogue of named
 * faults (faults.ts) that each break exactly one promise.
 *
 * Built on node:http with no framework on purpose: the server must keep byte-level control of
 * bad input (malformed JSON, wrong or missing Content-Type, oversized bodies), of the exact
 * headers it sends (Date from a skewable clock, rate-limit headers, Allow), and of method
 * override — all of which frameworks tend to decide for you.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { methodNotAllowed, routeNotFound, internalError, invalidRequest, rateLimited, ApiError } from './api-error';
import type { ApiCall, HandlerResult, Reply } from './api-call';
import { effectiveApiVersion, KNOWN_API_VERSIONS } from './api-version';
import { authenticate } from './auth';
import { createServerClock, formatHttpDate } from './clock';
import { FAULTS, isFaultId, type FaultId } from './faults';
import { deleteToken } from './handlers/delete-token';
import { getToken } from './handlers/get-token';
import { getTokens } from './handlers/get-tokens';
import { patchToken } from './handlers/patch-token';
import { postToken } from './handlers/post-token';
import { resetToken } from './handlers/reset-token';
import { readBody, writeReply } from './http-io';
import { DEFAULT_API_VERSION } from './model';
import { createSecret } from './ids';
import {
  breakRateLimitHeaders,
  disagreeingRateLimitHeaders,
  EveryNthRateLimiter,
  FixedWindowRateLimiter,
  rateLimitHeaders,
  REPORTING_WINDOW,
} from './rate-limiter';
import { MAX_BODY_BYTES } from './request-body';
import { effectiveMethod, matchRoute } from './router';
import { createSpecResponder, SERVED_SPEC_PATH } from './served-spec';
import type { ServerContext } from './server-context';
import { TokenStore } from './token-store';
import { applyUnnamedChange, isUnnamedChange, UNNAMED_CHANGES, type UnnamedChange } from './unnamed-changes';
import { createRoundTrip, FAULT_WINDOW_MS, TokenLocks } from './store-round-trip';
import { conflict } from './api-error';
import type { OperationId } from '../domain/operations';

export { UNNAMED_CHANGES, UNNAMED_CHANGE_IDS, isUnnamedChange, type UnnamedChange } from './unnamed-changes';
export { FAULTS, FAULT_IDS, isFaultId, type FaultId, type FaultInfo, type FaultFamily } from './faults';

export interface ReferenceServerOptions {
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 0 = a free port. */
  port?: number;
  /** The seeded admin token's secret; generated (api-<uuid>) when absent. */
  adminToken?: string;
  /**
   * The secret of the seeded admin token of a second member (B6's "another member": the suite's
   * LD_OTHER_MEMBER_TOKEN); generated when absent.
   */
  otherMemberToken?: string;
  /** Account-wide fixed-window rate limit; off by default. */
  rateLimit?: { max: number; windowMs: number } | null;
  /**
   * Instead of a window: every `every`-th API request is answered 429 with a reset `resetMs` ahead, whatever
   * the pace (a shared staging host under others' load). Not together with `rateLimit`.
   */
  rateLimitEvery?: { every: number; resetMs: number } | null;
  /** Retry-After on a 429 is this many times the true pause (a misconfigured gateway); default 1. */
  retryAfterScale?: number;
  /** Injected latency per API response, default 0. */
  latencyMs?: number;
  /** Uniform extra latency 0..jitter ms. */
  latencyJitterMs?: number;
  /** The server's clock = Date.now() + skew, used for everything time-related (G3). */
  clockSkewMs?: number;
  /**
   * The seeded admin token's `defaultApiVersion`, default 20240415. An older one (e.g. 20220603) is what the
   * suite meets when its admin token predates the current version: requests without `LD-API-Version` are served
   * under it (getTokens has no default page size before 20240415).
   */
  adminDefaultApiVersion?: number;
  /**
   * The store's round trip between a handler's read and its write: a random pause of up to this many ms (default
   * 0: one turn of the event loop). Wider, overlapping requests to one token meet more often (issue 27).
   */
  interleaveMs?: number;
  /** A patchToken overlapping another write to its token gets 409 StatusConflictErrorRep and changes nothing (E7). */
  patchConflict?: boolean;
  /** One named fault, off by default. */
  fault?: FaultId | null;
  /** One change no rule names (unnamed-changes.ts), for the differential run's tests; off by default. */
  unnamedChange?: UnnamedChange | null;
  /**
   * What `GET /api/v2/openapi.json` serves: a spec file (default: the vendored specs/ file), or
   * null for no spec at all (404), as a target that does not publish one.
   */
  servedSpecFile?: string | null;
  /** Where the server's few log lines go (fault banner, internal errors). Default: stderr. */
  log?: (line: string) => void;
}

export interface RunningReferenceServer {
  url: string;
  adminToken: string;
  /** The second member's admin secret (see ReferenceServerOptions.otherMemberToken). */
  otherMemberToken: string;
  close(): Promise<void>;
}

/** A bad option passed to startReferenceServer. */
export class ReferenceServerOptionsError extends Error {
  override name = 'ReferenceServerOptionsError';
}

/** Bodies over the hard cap are answered at once and the connection closed (A7: never hang). */
const HARD_BODY_CAP_BYTES = 16 * MAX_BODY_BYTES;

const HANDLERS: Record<OperationId, (ctx: ServerContext, call: ApiCall) => HandlerResult | Promise<HandlerResult>> = {
  getTokens,
  postToken,
  getToken,
  patchToken,
  deleteToken,
  resetToken,
};

function checkOptions(opts: ReferenceServerOptions): void {
  const nonNegative = (name: string, v: number | undefined): void => {
    if (v !== undefined && (!Number.isFinite(v) || v < 0))
      throw new ReferenceServerOptionsError(`${name} must be a non-negative number, got ${v}`);
  };
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) {
    throw new ReferenceServerOptionsError(`port must be an integer 0..65535, got ${opts.port}`);
  }
  nonNegative('latencyMs', opts.latencyMs);
  nonNegative('latencyJitterMs', opts.latencyJitterMs);
  nonNegative('interleaveMs', opts.interleaveMs);
  if (opts.clockSkewMs !== undefined && !Number.isFinite(opts.clockSkewMs))
    throw new ReferenceServerOptionsError(`clockSkewMs must be a finite number`);
  if (opts.rateLimit) {
    const { max, windowMs } = opts.rateLimit;
    if (!Number.isInteger(max) || max < 1 || !Number.isFinite(windowMs) || windowMs < 1) {
      throw new ReferenceServerOptionsError(`rateLimit needs an integer max >= 1 and windowMs >= 1, got ${max}/${windowMs}ms`);
    }
  }
  if (opts.rateLimitEvery) {
    const { every, resetMs } = opts.rateLimitEvery;
    if (!Number.isInteger(every) || every < 2 || !Number.isFinite(resetMs) || resetMs < 0) {
      throw new ReferenceServerOptionsError(`rateLimitEvery needs an integer every >= 2 and resetMs >= 0, got ${every}/${resetMs}ms`);
    }
    if (opts.rateLimit) throw new ReferenceServerOptionsError('rateLimit and rateLimitEvery exclude each other: pick one');
  }
  if (opts.retryAfterScale !== undefined && (!Number.isInteger(opts.retryAfterScale) || opts.retryAfterScale < 1)) {
    throw new ReferenceServerOptionsError(`retryAfterScale must be a whole number >= 1, got ${opts.retryAfterScale}`);
  }
  if (opts.adminDefaultApiVersion !== undefined && !KNOWN_API_VERSIONS.includes(opts.adminDefaultApiVersion)) {
    throw new ReferenceServerOptionsError(
      `adminDefaultApiVersion must be a documented API version (${KNOWN_API_VERSIONS.join(', ')}), got ${opts.adminDefaultApiVersion}`,
    );
  }
  if (opts.unnamedChange != null && !isUnnamedChange(opts.unnamedChange))
    throw new ReferenceServerOptionsError(`unknown unnamed change "${String(opts.unnamedChange)}"`);
  if (opts.fault != null && !isFaultId(opts.fault)) throw new ReferenceServerOptionsError(`unknown fault id "${String(opts.fault)}"`);
  if (opts.adminToken !== undefined && opts.adminToken.length < 8)
    throw new ReferenceServerOptionsError('adminToken must be at least 8 characters');
  if (opts.otherMemberToken !== undefined && opts.otherMemberToken.length < 8)
    throw new ReferenceServerOptionsError('otherMemberToken must be at least 8 characters');
  if (opts.otherMemberToken !== undefined && opts.otherMemberToken === opts.adminToken)
    throw new ReferenceServerOptionsError('otherMemberToken must differ from adminToken');
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The writes to one token that a correct server serialises; a concurrency fault leaves its operation out. */
function serialised(ctx: ServerContext, op: OperationId): boolean {
  switch (op) {
    case 'patchToken':
      return !ctx.hasFault('concurrent-patch-lost-update');
    case 'resetToken':
      return !ctx.hasFault('concurrent-resets-two-live-secrets');
    case 'deleteToken':
      return !ctx.hasFault('concurrent-delete-resurrects');
    default:
      return false;
  }
}

/** Run a handler: a write to a token waits for the writes before it (or, with patchConflict, a patch meets 409). */
async function runHandler(ctx: ServerContext, call: ApiCall): Promise<HandlerResult> {
  const handler = HANDLERS[call.operationId];
  if (!serialised(ctx, call.operationId)) return handler(ctx, call);
  if (call.operationId === 'patchToken' && ctx.patchConflict && ctx.locks.busy(call.id)) return conflict();
  return ctx.locks.run(call.id, async () => handler(ctx, call));
}

/** Route, rate-limit, authenticate and run one API request. */
async function dispatch(
  ctx: ServerContext,
  req: IncomingMessage,
  url: URL,
  body: { body: Buffer; tooLarge: boolean },
): Promise<{ result: HandlerResult; headers: Record<string, string> }> {
  ctx.requestCount += 1;
  // A server that is not quite up yet: the first API request, whatever it is, meets a 500 (global set-up's probe).
  if (ctx.hasFault('first-request-500') && ctx.requestCount === 1) return { result: internalError('not ready'), headers: {} };
  const noLimitHeaders = ctx.hasFault('rate-limit-429-without-headers');
  if (noLimitHeaders && ctx.requestCount % 10 === 0) return { result: rateLimited({}), headers: {} };
  if (ctx.hasFault('rate-limit-retry-after-disagrees') && ctx.requestCount % 10 === 0)
    return { result: rateLimited(disagreeingRateLimitHeaders(ctx.clock.now())), headers: {} };
  // Without a configured limit the reporting window still says where the run stands (A12), and never refuses.
  const decision = (ctx.rateLimiter ?? ctx.reportingWindow).take();
  const limitHeaders = rateLimitHeaders(decision, ctx.clock.now(), !decision.allowed, ctx.retryAfterScale);
  if (!decision.allowed) return { result: rateLimited(noLimitHeaders ? {} : limitHeaders), headers: {} };
  const headers = breakRateLimitHeaders(limitHeaders, (id) => ctx.hasFault(id));

  const override = firstHeader(req.headers['x-http-method-override']);
  if (ctx.hasFault('method-override-500') && req.method === 'POST' && override !== undefined)
    return { result: internalError('method override failed'), headers };
  if (ctx.hasFault('gateway-503-get-token') && req.method === 'GET' && /^\/api\/v2\/tokens\/[^/]+$/.test(url.pathname)) {
    return { result: new ApiError(503, 'service_unavailable', 'Service Unavailable'), headers };
  }
  const method = ctx.hasFault('method-override-ignored') ? (req.method ?? 'GET') : effectiveMethod(req.method ?? 'GET', override);
  const match = matchRoute(method, url.pathname);
  if (match.kind === 'unknown-route') return { result: routeNotFound(), headers };
  if (match.kind === 'method-not-allowed') return { result: methodNotAllowed(match.allow), headers };

  const principal = authenticate(ctx, req.headers.authorization, match.operationId);
  if (principal instanceof ApiError) return { result: principal, headers };
  const call: ApiCall = {
    operationId: match.operationId,
    principal,
    id: match.id,
    query: url.searchParams,
    apiVersion: effectiveApiVersion(
      ctx.hasFault('api-version-header-ignored') ? undefined : req.headers['ld-api-version'],
      ctx.store.token(principal.tokenId)?.defaultApiVersion ?? DEFAULT_API_VERSION,
    ),
    contentType: req.headers['content-type'],
    body: body.body,
    bodyTooLarge: body.tooLarge,
  };
  return { result: await runHandler(ctx, call), headers };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export async function startReferenceServer(opts: ReferenceServerOptions = {}): Promise<RunningReferenceServer> {
  checkOptions(opts);
  const log = opts.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const clock = createServerClock(opts.clockSkewMs ?? 0);
  const adminToken = opts.adminToken ?? createSecret();
  const otherMemberToken = opts.otherMemberToken ?? createSecret();
  const fault = opts.fault ?? null;
  const store = new TokenStore(clock, adminToken, opts.adminDefaultApiVersion, otherMemberToken);
  const concurrencyFault =
    fault !== null &&
    (
      [
        'concurrent-patch-lost-update',
        'concurrent-resets-two-live-secrets',
        'concurrent-delete-resurrects',
        'list-skips-concurrent-creates',
        'create-applied-answered-500',
      ] as const satisfies readonly FaultId[]
    ).some((id) => id === fault);
  const ctx: ServerContext = {
    clock,
    store,
    rateLimiter: opts.rateLimit
      ? new FixedWindowRateLimiter(opts.rateLimit.max, opts.rateLimit.windowMs, clock)
      : opts.rateLimitEvery
        ? new EveryNthRateLimiter(opts.rateLimitEvery.every, opts.rateLimitEvery.resetMs, clock)
        : null,
    reportingWindow: new FixedWindowRateLimiter(REPORTING_WINDOW.max, REPORTING_WINDOW.windowMs, clock),
    retryAfterScale: opts.retryAfterScale ?? 1,
    hasFault: (id) => fault === id,
    requestCount: 0,
    log,
    roundTrip: createRoundTrip(opts.interleaveMs ?? 0, concurrencyFault ? FAULT_WINDOW_MS : 0),
    locks: new TokenLocks(),
    patchConflict: opts.patchConflict ?? false,
    createsInFlight: 0,
    listIndexLag: new Map(),
  };
  const spec = createSpecResponder(opts.servedSpecFile, (message) => {
    throw new ReferenceServerOptionsError(message);
  });
  const latency = (): number => (opts.latencyMs ?? 0) + Math.random() * (opts.latencyJitterMs ?? 0);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readBody(req, MAX_BODY_BYTES, HARD_BODY_CAP_BYTES);
    if (read.aborted) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://reference.invalid');
    } catch {
      writeReply(ctx, res, routeNotFound());
      return;
    }
    if (url.pathname === '/healthz') {
      // Readiness probe for Playwright's webServer; not part of the API, never rate limited.
      writeReply(ctx, res, req.method === 'GET' ? ({ status: 200, body: { ok: true } } satisfies Reply) : methodNotAllowed(['GET']));
      return;
    }
    if (url.pathname === SERVED_SPEC_PATH) {
      // Public, like LaunchDarkly's own: no token, and not counted against the API's rate limit.
      writeReply(ctx, res, spec.answer(req.method ?? 'GET'));
      return;
    }
    if (read.overflowed) {
      res.setHeader('Connection', 'close');
      writeReply(ctx, res, invalidRequest(`request body is larger than ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const dispatched = await dispatch(ctx, req, url, read);
    const result = applyUnnamedChange(opts.unnamedChange ?? null, dispatched.result);
    const headers = dispatched.headers;
    if (result === 'hang') return; // the get-token-hangs fault: close() destroys the socket
    await sleep(latency());
    writeReply(ctx, res, result, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug, not bad input: answer rather than crash, and say so in the log.
      log(`reference server internal error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) writeReply(ctx, res, internalError('internal error'));
      else res.destroy();
    });
  });
  // Requests Node cannot even parse (bad request line, huge headers) still get a JSON 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ code: 'invalid_request', message: 'malformed HTTP request' });
    const head = [
      'HTTP/1.1 400 Bad Request',
      `Date: ${formatHttpDate(clock.now())}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new ReferenceServerOptionsError('the server did not bind a TCP port');
  if (fault) log(`!!! FAULT INJECTED: ${fault} — ${FAULTS[fault].description}`);
  if (opts.unnamedChange) log(`!!! UNNAMED CHANGE: ${opts.unnamedChange} — ${UNNAMED_CHANGES[opts.unnamedChange]}`);

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    adminToken,
    otherMemberToken,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and the hang fault's open requests would otherwise keep us waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
