import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiProblem, methodNotAllowed, notFound, unauthorized } from './api-problem';
import type { ServerClock } from './clock';
import type { AltFaultId } from './faults';
import { readBody, sendJson, sendNoContent } from './http-io';
import * as ops from './operations';
import { applyOptimistically, type WriteKind } from './optimistic-write';
import type { RateLimiter } from './rate-limiter';
import { servedVersion } from './served-version';
import type { ListOrder, TotalCountMode } from './token-model';
import type { TokenStore } from './token-store';
import type { AltVariantOptions } from './variant-options';

const PREFIX = '/api/v2/tokens';

export interface RouterDeps {
  store: TokenStore;
  clock: ServerClock;
  limiter: RateLimiter;
  pageMax: number;
  listOrder: ListOrder;
  totalCount: TotalCountMode;
  latencyMs: number;
  contentType: string;
  dateHeader: boolean;
  connectionClose: boolean;
  chunkedBodies: boolean;
  variant: AltVariantOptions;
  /** Injected fault (faults.ts); undefined for the correct server. */
  fault?: AltFaultId;
}

type Route = { kind: 'collection' } | { kind: 'item'; id: string } | { kind: 'reset'; id: string } | { kind: 'none' };

/**
 * Order of checks: rate limit → route exists → authentication (401) → method (405; a POST with
 * X-HTTP-Method-Override: PATCH or DELETE is that method — the spec's "Method overriding" section says the
 * API supports it, so a server without it is not a correct variant, rule A8) → the operation (403 → 404 → body 400/422).
 */
export async function route(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const body = await readBody(req);
  if (deps.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.latencyMs));
  try {
    const retryAfter = deps.limiter.take(req.method ?? '?');
    if (retryAfter !== null) {
      throw new ApiProblem(429, 'rate_limited', 'Slow down: too many requests in this window', rateLimitHeaders(retryAfter, deps));
    }
    const url = new URL(req.url ?? '/', 'http://alt.invalid');
    const target = matchRoute(url.pathname);
    if (target.kind === 'none') throw notFound('No such API resource');

    const now = deps.clock.now();
    const secret = req.headers.authorization ?? '';
    const caller = deps.store.authenticate(secret, now);
    // FAULT: expired-secret-403 / deleted-secret-404 (A1): a dead secret gets the wrong status.
    if (!caller && deps.fault === 'expired-secret-403' && deps.store.deadSecrets.get(secret) === 'expired')
      throw new ApiProblem(403, 'forbidden', 'This credential has expired');
    if (!caller && deps.fault === 'deleted-secret-404' && deps.store.deadSecrets.get(secret) === 'deleted')
      throw notFound('No access token for this credential');
    // FAULT: unknown-secret-403 (A1): a credential that names no token gets 403.
    if (!caller && deps.fault === 'unknown-secret-403' && secret !== '' && !deps.store.deadSecrets.has(secret))
      throw new ApiProblem(403, 'forbidden', 'Unknown credential');
    if (!caller) throw unauthorized();
    caller.lastUsed = now;

    const ctx: ops.OperationContext = {
      store: deps.store,
      clock: deps.clock,
      caller,
      query: url.searchParams,
      apiVersion: servedVersion(req.headers['ld-api-version'], caller),
      contentType: req.headers['content-type'],
      body,
      pageMax: deps.pageMax,
      listOrder: deps.listOrder,
      totalCount: deps.totalCount,
      variant: deps.variant,
      ...(deps.fault === undefined ? {} : { fault: deps.fault }),
    };
    const method = overriddenMethod(req);
    const tokenId = target.kind === 'collection' ? null : target.id;
    const kind: WriteKind =
      target.kind === 'item' && method === 'PATCH'
        ? 'patch'
        : (target.kind === 'item' && method === 'DELETE') || (target.kind === 'reset' && method === 'POST')
          ? 'other-write'
          : 'not-a-write';
    const reply = await applyOptimistically(deps.store, tokenId, kind, () => dispatch(method, target, ctx));
    // FAULT: delete-token-202 (A2): an undocumented status for a delete that did happen.
    if (reply.status === 204 && deps.fault === 'delete-token-202') sendAccepted(res, deps);
    else if (reply.status === 204) sendNoContent(res, deps);
    else sendJson(res, deps, reply.status, reply.body);
  } catch (error) {
    if (error instanceof ApiProblem) sendProblem(res, deps, error);
    else throw error;
  }
}

function sendProblem(res: ServerResponse, deps: RouterDeps, problem: ApiProblem): void {
  // FAULT: unauthorized-text-plain (A3): a 401 answered as plain text.
  if (problem.status === 401 && deps.fault === 'unauthorized-text-plain') {
    res.sendDate = false; // keep the Date header on the server clock, like every other answer
    res.writeHead(401, { ...problem.headers, ...(deps.dateHeader ? { Date: deps.clock.httpDate() } : {}), 'Content-Type': 'text/plain' });
    res.end('Unauthorized');
    return;
  }
  const body: Record<string, unknown> = problem.toBody();
  if (deps.variant.errorDetails) body.details = { status: problem.status, help: 'https://alt.example/docs/errors' };
  // FAULT: error-code-number / forbidden-without-code (A4).
  if (deps.fault === 'error-code-number') body.code = problem.status;
  if (deps.fault === 'forbidden-without-code' && problem.status === 403) delete body.code;
  sendJson(res, deps, problem.status, body, problem.headers);
}

/** A 429's headers: `Retry-After` seconds and/or `X-Ratelimit-Reset` epoch ms on the SERVER's clock (A5). */
function rateLimitHeaders(retryAfterSeconds: number, deps: RouterDeps): Record<string, string> {
  const reset = String(deps.clock.now() + retryAfterSeconds * 1000);
  const mode = deps.variant.rateLimitHeaders;
  return {
    ...(mode === 'reset' ? {} : { 'Retry-After': String(retryAfterSeconds) }),
    ...(mode === 'retry-after' ? {} : { 'X-Ratelimit-Reset': reset }),
  };
}

/** FAULT delete-token-202: 202 Accepted with no body. */
function sendAccepted(res: ServerResponse, deps: RouterDeps): void {
  res.sendDate = false; // keep the Date header on the server clock, like every other answer
  res.writeHead(202, deps.dateHeader ? { Date: deps.clock.httpDate() } : {});
  res.end();
}

function dispatch(method: string, target: Exclude<Route, { kind: 'none' }>, ctx: ops.OperationContext): ops.Reply {
  switch (target.kind) {
    case 'collection':
      if (method === 'GET') return ops.getTokens(ctx);
      if (method === 'POST') return ops.postToken(ctx);
      throw methodNotAllowed('GET, POST');
    case 'item':
      if (method === 'GET') return ops.getToken(ctx, target.id);
      if (method === 'PATCH') return ops.patchToken(ctx, target.id);
      if (method === 'DELETE') return ops.deleteToken(ctx, target.id);
      throw methodNotAllowed('GET, PATCH, DELETE');
    case 'reset':
      if (method === 'POST') return ops.resetToken(ctx, target.id);
      throw methodNotAllowed('POST');
  }
}

function matchRoute(pathname: string): Route {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (trimmed === PREFIX) return { kind: 'collection' };
  if (!trimmed.startsWith(`${PREFIX}/`)) return { kind: 'none' };
  const segments = trimmed.slice(PREFIX.length + 1).split('/');
  const id = decodeSegment(segments[0] ?? '');
  if (segments.length === 1) return { kind: 'item', id };
  if (segments.length === 2 && segments[1] === 'reset') return { kind: 'reset', id };
  return { kind: 'none' };
}

/** A malformed percent-encoding is kept as is: it names no token, so the operation answers 404 (A6). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Rule A8, written independently of the reference server: only POST tunnels, only PATCH and DELETE (this API has no PUT). */
function overriddenMethod(req: IncomingMessage): string {
  const method = req.method ?? 'GET';
  const header = req.headers['x-http-method-override'];
  const wanted = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase();
  return method === 'POST' && (wanted === 'PATCH' || wanted === 'DELETE') ? wanted : method;
}
