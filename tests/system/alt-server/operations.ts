import { forbidden, notFound } from './api-problem';
import { applyTokenPatch } from './apply-token-patch';
import type { ServerClock } from './clock';
import { parseJsonBody, type RequestBody } from './http-io';
import { representToken } from './represent';
import type { TokenStore } from './token-store';
import type { ListOrder, Role, StoredToken, TotalCountMode } from './token-model';
import { settingsOf } from './token-model-settings';
import { parsePostBody } from './validate-post';

/** What an operation answers; the router turns it into an HTTP response. */
export type Reply = { status: 200 | 201; body: unknown } | { status: 204 };

export interface OperationContext {
  store: TokenStore;
  clock: ServerClock;
  caller: StoredToken;
  query: URLSearchParams;
  contentType: string | undefined;
  body: RequestBody;
  pageMax: number;
  listOrder: ListOrder;
  totalCount: TotalCountMode;
}

const DEFAULT_PAGE = 25;

/** A token with custom or inline roles only acts with the least privilege here. */
function roleOf(token: StoredToken): Role {
  return token.role ?? 'reader';
}

function show(ctx: OperationContext, token: StoredToken, showSecret: boolean): Record<string, unknown> {
  return representToken(token, ctx.store.members.get(token.memberId), showSecret);
}

function requireWriter(ctx: OperationContext, action: string): void {
  if (roleOf(ctx.caller) === 'reader') throw forbidden(`Reader tokens may not ${action}`);
}

/** 404 for an unknown id (A6), 403 for a token of another member unless the caller is admin. */
function findVisible(ctx: OperationContext, id: string): StoredToken {
  const token = ctx.store.get(id);
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

export function getTokens(ctx: OperationContext): Reply {
  const limit = Math.min(readCount(ctx.query, 'limit') ?? DEFAULT_PAGE, ctx.pageMax);
  const offset = readCount(ctx.query, 'offset') ?? 0;
  const showAll = /^(true|1|yes)$/i.test(ctx.query.get('showAll') ?? '') && roleOf(ctx.caller) === 'admin';
  const matching = ctx.store.list((t) => showAll || t.memberId === ctx.caller.memberId, ctx.listOrder);
  const items = matching.slice(offset, offset + limit).map((t) => show(ctx, t, false));
  const self = `/api/v2/tokens?limit=${limit}&offset=${offset}${showAll ? '&showAll=true' : ''}`;
  const links: Record<string, { href: string; type: string }> = { self: { href: self, type: 'application/json' } };
  if (offset + limit < matching.length) {
    links.next = { href: `/api/v2/tokens?limit=${limit}&offset=${offset + limit}${showAll ? '&showAll=true' : ''}`, type: 'application/json' };
  }
  const totalCount = { 'whole-list': matching.length, page: items.length, absent: undefined }[ctx.totalCount];
  return { status: 200, body: { _links: links, ...(totalCount === undefined ? {} : { totalCount }), items } };
}

export function postToken(ctx: OperationContext): Reply {
  requireWriter(ctx, 'create tokens');
  const settings = parsePostBody(parseJsonBody(ctx.contentType, ctx.body, ['application/json']));
  if (settings.role === 'admin' && roleOf(ctx.caller) !== 'admin') throw forbidden('Only admin tokens may create admin tokens');
  const token = ctx.store.create(ctx.caller.memberId, settings, ctx.clock.now());
  return { status: 201, body: show(ctx, token, true) };
}

export function getToken(ctx: OperationContext, id: string): Reply {
  return { status: 200, body: show(ctx, findVisible(ctx, id), false) };
}

export function patchToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'change tokens');
  const token = findVisible(ctx, id);
  const patch = parseJsonBody(ctx.contentType, ctx.body, ['application/json', 'application/json-patch+json']);
  const outcome = applyTokenPatch(patch, show(ctx, token, false), settingsOf(token));
  if (outcome.settings.role === 'admin' && token.role !== 'admin' && roleOf(ctx.caller) !== 'admin') throw forbidden('Only admin tokens may grant the admin role');
  const result = outcome.changed ? ctx.store.replaceSettings(id, outcome.settings, ctx.clock.now()) : token;
  return { status: 200, body: show(ctx, result, false) };
}

export function deleteToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'delete tokens');
  findVisible(ctx, id);
  ctx.store.delete(id);
  return { status: 204 };
}

export function resetToken(ctx: OperationContext, id: string): Reply {
  requireWriter(ctx, 'reset tokens');
  findVisible(ctx, id);
  // Lenient: an expiry that is not epoch milliseconds is ignored (the old secret stops at once).
  const expiry = readCount(ctx.query, 'expiry');
  const token = ctx.store.resetSecret(id, expiry, ctx.clock.now());
  return { status: 200, body: show(ctx, token, true) };
}
