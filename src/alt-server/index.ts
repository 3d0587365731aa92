import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServerClock, DEFAULT_CLOCK_OFFSET_MS } from './clock';
import type { AltFaultId } from './faults';
import { sendJson } from './http-io';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter';
import { route, type RouterDeps } from './router';
import { seedAccount } from './seed';
import { API_VERSIONS, type ListOrder, type StoredToken, type TotalCountMode } from './token-model';
import { DEFAULT_VARIANT, type AltVariantOptions } from './variant-options';

/**
 * A second, independent, correct implementation of the Access Tokens API, written from the spec and
 * the behaviour rules only. Every choice they leave open goes the other way from the obvious one (see
 * src/alt-server/README.md). Used by tests/system/portability.spec.ts to show that the suite
 * passes against a correct server that is not the reference server.
 */
export interface AltServerOptions {
  port?: number;
  /** Secret of the seeded admin token; generated when omitted. */
  adminToken?: string;
  /** Tokens the admin member owns besides the admin token before any call; default 27. */
  seedTokens?: number;
  /** Secret of the account owner's admin token, the second member's credential; generated when omitted. */
  otherMemberToken?: string;
  rateLimit?: RateLimitOptions;
  /** How far the server's clock runs ahead of real time; default 7 minutes. */
  clockOffsetMs?: number;
  /** Largest page getTokens returns; bigger `limit`s are clamped. Default 25 (= the default page). */
  pageMax?: number;
  /** getTokens order; default newest first (by creationDate). */
  listOrder?: ListOrder;
  /** What getTokens' totalCount counts; default the whole matching list. */
  totalCount?: TotalCountMode;
  /** Added before every answer, like a far-away staging host. */
  latencyMs?: number;
  /** Content-Type of JSON answers; default `application/json` (no charset). */
  contentType?: string;
  /** Send a Date header; default true. */
  dateHeader?: boolean;
  /** More open choices taken another way (variant-options.ts); every knob defaults to the behaviour above. */
  variant?: Partial<AltVariantOptions>;
  /**
   * The seeded admin token's `defaultApiVersion` (default 20240415): the version a call without LD-API-Version
   * is answered under. One before 20240415 (e.g. 20220603) lists every token when getTokens has no `limit`.
   */
  adminApiVersion?: number;
  /** Inject one fault from src/alt-server/faults.ts; omitted, the server is correct. */
  fault?: AltFaultId;
}

export interface AltServer {
  url: string;
  adminToken: string;
  /** An admin token of another member (the account owner): LD_OTHER_MEMBER_TOKEN for a suite run (B6). */
  otherMemberToken: string;
  /** Ids of the tokens that existed before any client call (the suite must leave them alone: H1). */
  seededTokenIds: readonly string[];
  /** A copy of every token now stored, secrets included, for checks after a run. */
  snapshot(): StoredToken[];
  /** How many requests arrived (in all and per HTTP method), and how many of them got a 429. */
  traffic(): { requests: number; rateLimited: number; byMethod: Record<string, number> };
  close(): Promise<void>;
}

export async function startAltServer(options: AltServerOptions = {}): Promise<AltServer> {
  const clock = createServerClock(options.clockOffsetMs ?? DEFAULT_CLOCK_OFFSET_MS);
  if (options.adminApiVersion !== undefined && !API_VERSIONS.includes(options.adminApiVersion))
    throw new Error(`alt-server: adminApiVersion ${options.adminApiVersion} is not one of ${API_VERSIONS.join(', ')}`);
  const { store, adminToken, otherMemberToken, seededTokenIds } = seedAccount(
    clock.now(),
    options.adminToken,
    options.seedTokens,
    options.adminApiVersion,
    options.otherMemberToken,
  );
  // Set after seeding: the seeded account is the same with or without a fault.
  store.fault = options.fault;
  const limiter = createRateLimiter(options.rateLimit);
  const deps: RouterDeps = {
    store,
    clock,
    limiter,
    pageMax: options.pageMax ?? 25,
    listOrder: options.listOrder ?? 'newest-first',
    totalCount: options.totalCount ?? 'whole-list',
    latencyMs: options.latencyMs ?? 0,
    contentType: options.contentType ?? 'application/json',
    dateHeader: options.dateHeader ?? true,
    variant: { ...DEFAULT_VARIANT, ...options.variant },
    connectionClose: options.variant?.connectionClose ?? DEFAULT_VARIANT.connectionClose,
    chunkedBodies: options.variant?.chunkedBodies ?? DEFAULT_VARIANT.chunkedBodies,
    ...(options.fault === undefined ? {} : { fault: options.fault }),
  };

  const server = http.createServer((req, res) => {
    route(req, res, deps).catch((error: unknown) => {
      // A bug of this server, not of the client: say so loudly, and still answer.
      console.error(`alt-server: unexpected error for ${req.method ?? '?'} ${req.url ?? '?'}: ${String(error)}`);
      if (!res.headersSent) sendJson(res, deps, 500, { code: 'internal', message: 'alt-server bug' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken,
    otherMemberToken,
    seededTokenIds,
    snapshot: () => store.all(),
    traffic: () => ({ requests: limiter.requests, rateLimited: limiter.limited, byMethod: { ...limiter.byMethod } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
