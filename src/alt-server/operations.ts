import { ApiProblem, UnappliablePatch, badRequest, forbidden, notFound, withStatus } from './api-problem';
import { applyTokenPatch } from './apply-token-patch';
import type { ServerClock } from './clock';
import type { AltFaultId } from './faults';
import { parseJsonBody, type RequestBody } from './http-io';
import { representToken } from './represent';
import type { TokenStore } from './token-store';
import { DEFAULT_API_VERSION, ROLES, type ListOrder, type Role, type StoredToken, type TotalCountMode } from './token-model';
import { settingsOf } from './token-model-settings';
import { pagesByDefault } from './served-version';
import { parsePostBody } from './validate-post';
import type { AltVariantOptions } from './variant-options';

/** What an operation answers; the router turns it into an HTTP response. */
export type Reply = { status: 200 | 201; body: unknown } | { status: 204 };

export interface OperationContext {
  store: TokenStore;
  clock: ServerClock;
  caller: StoredToken;
  query: URLSearchParams;
  /** The API version the call is answered under (served-version.ts). */
  apiVersion: number;
  contentType: string | undefined;
  body: RequestBody;
  pageMax: number;
  listOrder: ListOrder;
  totalCount: TotalCountMode;
  variant: AltVariantOptions;
  /** Injected fault (src/alt-server/faults.ts); undefined for the correct server. */
  fault?: AltFaultId;
}

const DEFAULT_PAGE = 25;

/** A token with custom or inline roles only acts with the least privilege here. */
function roleOf(token: StoredToken): Role {
  return token.role ?? 'reader';
}

function show(ctx: OperationContext, token: StoredToken, showSecret: boolean): Record<string, unknown> {
  // FAULT: reads-show-first-secret (D1): reads obfuscate the token's first secret, not its current one.
  const firstSecret = ctx.fault === 'reads-show-first-secret' && !showSecret ? ctx.store.firstSecrets.get(token._id) : undefined;
  const shown = firstSecret === undefined ? token : { ...token, secret: firstSecret };
  return representToken(shown, ctx.store.members.get(token.memberId), showSecret, ctx.fault, ctx.variant);
}

/** `readerFault`: the FAULT that lets readers through this one check (B1). */
function requireWriter(ctx: OperationContext, action: string, readerFault: AltFaultId, id: string): void {
  // Variant notFoundBeforeForbidden: an unknown id is a 404 whoever asks.
  if (ctx.variant.notFoundBeforeForbidden && !ctx.store.get(id)) throw notFound();
  if (ctx.fault === readerFault) return; // FAULT: reader-may-delete / reader-may-patch / reader-may-reset
  if (roleOf(ctx.caller) === 'reader') throw forbidden(`Reader tokens may not ${action}`);
}

/** 404 for an unknown id (A6), 403 for a token of another member unless the caller is admin. */
function findVisible(ctx: OperationContext, id: string): StoredToken {
  const token = ctx.store.get(id);
  // FAULT: unknown-id-400 (A6).
  if (!token && ctx.fault === 'unknown-id-400') throw badRequest('That identifier is not valid here');
  if (!token) throw notFound();
  if (roleOf(ctx.caller) !== 'admin' && token.memberId !== ctx.caller.memberId) throw forbidden('That token belongs to another member');
  return token;
}

/**
 * Lenient query parsing (getTokens documents no 400): anything that is not a plain non-negative integer
 * falls back to the default; `limit` above `pageMax` is clamped.
 */
function readCount(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name)?.trim();
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** Variant strictQuery: a limit/offset that is not a plain integer in range is a 400 (API-wide "Invalid request"). */
function checkQueryStrictly(query: URLSearchParams): void {
  for (const [name, min] of [
    ['limit', 1],
    ['offset', 0],
  ] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    if (!/^\d{1,6}$/.test(raw) || Number(raw) < min) throw badRequest(`${name} must be a whole number from ${min} to 999999`);
  }
}

export function getTokens(ctx: OperationContext): Reply {
  if (ctx.variant.strictQuery) checkQueryStrictly(ctx.query);
  const askedLimit = readCount(ctx.query, 'limit');
  // Before 20240415 there is no default page: without `limit` the answer is the whole list (from `offset`).
  const whole = askedLimit === null && !pagesByDefault(ctx.apiVersion);
  // FAULT: default-limit-50 (D2): without `limit` the page holds up to 50 items.
  const limit = askedLimit === null && ctx.fault === 'default-limit-50' ? 50 : Math.min(askedLimit ?? DEFAULT_PAGE, ctx.pageMax);
  const offset = readCount(ctx.query, 'offset') ?? 0;
  const showAll = /^(true|1|yes)$/i.test(ctx.query.get('showAll') ?? '') && roleOf(ctx.caller) === 'admin';
  const matching = ctx.store.list((t) => {
    // FAULT: show-all-hides-own (B2) / list-ignores-member-filter (B3).
    if (showAll && ctx.fault === 'show-all-hides-own') return t.memberId !== ctx.caller.memberId;
    if (!showAll && ctx.fault === 'list-ignores-member-filter') return true;
    return showAll || t.memberId === ctx.caller.memberId;
  }, ctx.listOrder);
  // FAULT: offset-off-by-one / page-limit-plus-one (D2).
  const start = ctx.fault === 'offset-off-by-one' ? Math.max(0, offset - 1) : offset;
  const end = whole ? matching.length : start + limit + (ctx.fault === 'page-limit-plus-one' ? 1 : 0);
  // FAULT: offset-past-end-404 (A2).
  if (ctx.fault === 'offset-past-end-404' && offset > 0 && offset >= matching.length) throw notFound('No access tokens at that offset');
  const items = matching.slice(start, end).map((t) => {
    const item = show(ctx, t, false);
    // FAULT: secret-in-list-items (D1): the whole secret in an undocumented field of list items.
    if (ctx.fault === 'secret-in-list-items') item['x-alt-credential'] = t.secret;
    return item;
  });
  if (whole) {
    const asked = new URLSearchParams({ ...(offset > 0 ? { offset: String(offset) } : {}), ...(showAll ? { showAll: 'true' } : {}) });
    const href = asked.size > 0 ? `/api/v2/tokens?${asked.toString()}` : '/api/v2/tokens';
    const totalCount = { 'whole-list': matching.length, page: items.length, absent: undefined }[ctx.totalCount];
    return {
      status: 200,
      body: { _links: { self: { href, type: 'application/json' } }, ...(totalCount === undefined ? {} : { totalCount }), items },
    };
  }
  const self = `/api/v2/tokens?limit=${limit}&offset=${offset}${showAll ? '&showAll=true' : ''}`;
  const links: Record<string, { href: string; type: string }> = { self: { href: self, type: 'application/json' } };
  if (ctx.variant.extraLinks)
    links.first = { href: `/api/v2/tokens?limit=${limit}&offset=0${showAll ? '&showAll=true' : ''}`, type: 'application/json' };
  if (offset + limit < matching.length) {
    links.next = {
      href: `/api/v2/tokens?limit=${limit}&offset=${offset + limit}${showAll ? '&showAll=true' : ''}`,
      type: 'application/json',
    };
  }
  const totalCount = { 'whole-list': matching.length, page: items.length, absent: undefined }[ctx.totalCount];
  return { status: 200, body: { _links: links, ...(totalCount === undefined ? {} : { totalCount }), items } };
}

export function postToken(ctx: OperationContext): Reply {
  if (roleOf(ctx.caller) === 'reader') throw forbidden('Reader tokens may not create tokens');
  const raw = loosenPostBody(ctx.fault, parseJsonBody(ctx.contentType, ctx.body, ['application/json']));
  // FAULT: invalid-role-creates (C5): a reader token is stored before the 400 goes out.
  if (ctx.fault === 'invalid-role-creates') createDespiteInvalidRole(ctx, raw);
  const settings = parsePostBody(raw, { omitUnsetFields: ctx.variant.omitUnsetFields });
  checkCustomRoles(ctx, settings.customRoleIds);
  if (settings.role === 'admin' && roleOf(ctx.caller) !== 'admin') throw forbidden('Only admin tokens may create admin tokens');
  const token = ctx.store.create(ctx.caller.memberId, settings, ctx.clock.now());
  // FAULT: last-modified-zero-on-create (C3).
  if (ctx.fault === 'last-modified-zero-on-create') token.lastModified = 0;
  const body = show(ctx, token, true);
  // FAULT: post-*-not-echoed (C1): stored as sent, but the 201 body does not show it.
  if (ctx.fault === 'post-role-not-echoed') delete body.role;
  if (ctx.fault === 'post-inline-role-not-echoed') delete body.inlineRole;
  if (ctx.fault === 'post-custom-role-ids-not-echoed') body.customRoleIds = [];
  if (ctx.fault === 'post-service-token-not-echoed') body.serviceToken = false;
  if (ctx.fault === 'post-api-version-not-echoed') body.defaultApiVersion = DEFAULT_API_VERSION;
  return { status: 201, body };
}

/** Variant validateCustomRoleIds: the account has no custom roles, so any id names none. */
function checkCustomRoles(ctx: OperationContext, ids: readonly string[]): void {
  if (ctx.variant.validateCustomRoleIds && ids.length > 0) throw badRequest(`Unknown custom role: ${(ids[0] ?? '').slice(0, 40)}`);
}

/** FAULTs post-array-body-accepted / post-wrong-type-accepted / post-statement-without-effect-accepted (C5). */
function loosenPostBody(fault: AltFaultId | undefined, raw: unknown): unknown {
  if (fault === 'post-array-body-accepted' && Array.isArray(raw)) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const record = { ...(raw as Record<string, unknown>) };
  if (fault === 'post-wrong-type-accepted') {
    for (const key of ['name', 'description']) {
      const value = record[key];
      if (typeof value === 'number' || typeof value === 'boolean') record[key] = String(value);
    }
  }
  if (fault === 'post-statement-without-effect-accepted' && Array.isArray(record.inlineRole)) {
    record.inlineRole = record.inlineRole.map((s: unknown) =>
      typeof s === 'object' && s !== null && !('effect' in s) ? { ...s, effect: 'allow' } : s,
    );
  }
  return record;
}

function createDespiteInvalidRole(ctx: OperationContext, raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const { role, ...rest } = raw as Record<string, unknown>;
  if (typeof role !== 'string' || (ROLES as readonly string[]).includes(role)) return;
  try {
    ctx.store.create(ctx.caller.memberId, parsePostBody({ ...rest, role: 'reader' }), ctx.clock.now());
  } catch {
    // the rest of the body was invalid too: nothing to store
  }
}

export function getToken(ctx: OperationContext, id: string): Reply {
  const buried = ctx.store.get(id) ? undefined : ctx.store.graveyard.get(id);
  // FAULT: deleted-token-410 / deleted-token-200 (F1).
  if (buried && ctx.fault === 'deleted-token-410') throw new ApiProblem(410, 'gone', 'That access token was deleted');
  if (buried && ctx.fault === 'deleted-token-200') return { status: 200, body: show(ctx, buried, false) };
  const token = findVisible(ctx, id);
  // FAULT: reader-cannot-read-own (B1).
  if (ctx.fault === 'reader-cannot-read-own' && roleOf(ctx.caller) === 'reader') throw forbidden('Reader tokens may not read tokens');
  return { status: 200, body: show(ctx, token, false) };
}

export function patchToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'change tokens', 'reader-may-patch', id);
  const token = findVisible(ctx, id);
  const patch = parseJsonBody(ctx.contentType, ctx.body, ['application/json', 'application/json-patch+json']);
  const before = show(ctx, token, false);
  const outcome = applyPatchAsVariant(ctx, patch, before, token);
  checkCustomRoles(ctx, outcome.settings.customRoleIds);
  if (outcome.settings.role === 'admin' && token.role !== 'admin' && roleOf(ctx.caller) !== 'admin')
    throw forbidden('Only admin tokens may grant the admin role');
  // FAULT: patch-role-ignored (E2): the role stays as it was.
  if (ctx.fault === 'patch-role-ignored') {
    if (token.role === undefined) delete outcome.settings.role;
    else outcome.settings.role = token.role;
  }
  const oldLastModified = token.lastModified;
  const result = outcome.changed ? ctx.store.replaceSettings(id, outcome.settings, ctx.clock.now()) : token;
  // FAULT: patch-read-only-applied (E4): the patched creationDate is stored.
  if (outcome.creationDate !== undefined) result.creationDate = outcome.creationDate;
  // FAULT: patch-last-modified-backwards (E1).
  if (outcome.changed && ctx.fault === 'patch-last-modified-backwards') result.lastModified = oldLastModified - 1_000;
  // FAULT: patch-moves-creation-date (C3).
  if (outcome.changed && ctx.fault === 'patch-moves-creation-date') result.creationDate = result.lastModified;
  // FAULT: patch-returns-stale (E1): the change is stored, the answer shows the token as it was.
  return { status: 200, body: ctx.fault === 'patch-returns-stale' ? before : show(ctx, result, false) };
}

/** applyTokenPatch, with every unappliable-patch answer given one status under the variant patchUnappliableStatus. */
function applyPatchAsVariant(
  ctx: OperationContext,
  patch: unknown,
  before: Record<string, unknown>,
  token: StoredToken,
): ReturnType<typeof applyTokenPatch> {
  try {
    return applyTokenPatch(patch, before, settingsOf(token), ctx.fault, ctx.variant);
  } catch (error) {
    const wanted = ctx.variant.patchUnappliableStatus;
    const unappliable = error instanceof UnappliablePatch || (error instanceof ApiProblem && error.status === 422);
    if (wanted !== 'mixed' && unappliable && error.status !== wanted) throw withStatus(error, wanted);
    throw error;
  }
}

export function deleteToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'delete tokens', 'reader-may-delete', id);
  // FAULT: delete-twice-204 (F1).
  if (ctx.fault === 'delete-twice-204' && !ctx.store.get(id) && ctx.store.graveyard.has(id)) return { status: 204 };
  findVisible(ctx, id);
  ctx.store.delete(id);
  return { status: 204 };
}

export function resetToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'reset tokens', 'reader-may-reset', id);
  findVisible(ctx, id);
  // Lenient: an expiry that is not epoch milliseconds is ignored (the old secret stops at once).
  const asked = readCount(ctx.query, 'expiry');
  // FAULT: reset-expiry-seconds (G3): epoch ms read as seconds.
  const expiry = asked !== null && ctx.fault === 'reset-expiry-seconds' ? asked * 1000 : asked;
  const token = ctx.store.resetSecret(id, expiry, ctx.clock.now(), !ctx.variant.resetKeepsLastModified);
  return { status: 200, body: show(ctx, token, true) };
}
