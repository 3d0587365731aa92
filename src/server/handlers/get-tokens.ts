import type { ApiCall, HandlerResult } from '../api-call';
import { lastFour, renderToken, TOKENS_PATH } from '../representation';
import type { ServerContext } from '../server-context';
import { listedRecord, listLimitFault } from '../explore-faults';
import { hasDefaultPageSize } from '../api-version';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/**
 * Query parameters are read leniently: the spec documents no 400 for getTokens, so an
 * invalid `limit` (not a positive integer) falls back to 25, a `limit` over 100 is capped at
 * 100, an invalid `offset` (not a non-negative integer) falls back to 0, and `showAll` is on
 * only for the string "true" (any case).
 */
export function readListQuery(query: URLSearchParams): { showAll: boolean; limit: number; limitSent: boolean; offset: number } {
  const rawLimit = query.get('limit');
  const rawOffset = query.get('offset');
  const limitSent = rawLimit !== null && /^\d+$/.test(rawLimit) && Number(rawLimit) >= 1;
  const limit = limitSent ? Math.min(Number(rawLimit), MAX_LIMIT) : DEFAULT_LIMIT;
  const offset = rawOffset !== null && /^\d+$/.test(rawOffset) ? Number(rawOffset) : 0;
  return { showAll: query.get('showAll')?.toLowerCase() === 'true', limit, limitSent, offset };
}

/** The link of a list that is not paged (a version before 20240415, no `limit`): what was asked, without a limit. */
function unpagedHref(offset: number, showAll: boolean): string {
  const params = [offset > 0 ? `offset=${offset}` : '', showAll ? 'showAll=true' : ''].filter((p) => p !== '');
  return params.length > 0 ? `${TOKENS_PATH}?${params.join('&')}` : TOKENS_PATH;
}

function pageHref(limit: number, offset: number, showAll: boolean): string {
  return `${TOKENS_PATH}?limit=${limit}&offset=${offset}${showAll ? '&showAll=true' : ''}`;
}

/** self, first, prev, next and last of a paged list (one answer of a version without default page size has only self). */
function pageLinks(q: { limit: number; offset: number }, showAll: boolean, total: number): Record<string, { href: string; type: string }> {
  const links: Record<string, { href: string; type: string }> = {
    self: { href: pageHref(q.limit, q.offset, showAll), type: 'application/json' },
    first: { href: pageHref(q.limit, 0, showAll), type: 'application/json' },
  };
  if (q.offset > 0) links.prev = { href: pageHref(q.limit, Math.max(0, q.offset - q.limit), showAll), type: 'application/json' };
  if (q.offset + q.limit < total) links.next = { href: pageHref(q.limit, q.offset + q.limit, showAll), type: 'application/json' };
  if (total > 0) links.last = { href: pageHref(q.limit, Math.floor((total - 1) / q.limit) * q.limit, showAll), type: 'application/json' };
  return links;
}

export function getTokens(ctx: ServerContext, call: ApiCall): HandlerResult {
  const tooLarge = listLimitFault(ctx, call.query.get('limit'));
  if (tooLarge) return tooLarge;
  const q = readListQuery(call.query);
  if (ctx.hasFault('show-all-418') && q.showAll) return { status: 418, body: { code: 'teapot', message: "I'm a teapot" } };
  // B2: showAll widens the list to every member, for admins only (B3 otherwise).
  const showAll = q.showAll && (call.principal.role === 'admin' || ctx.hasFault('auth-show-all-for-non-admin'));
  let matching = ctx.store.allTokens().filter((t) => showAll || t.memberId === call.principal.memberId);
  if (ctx.hasFault('list-omits-newest')) matching = matching.slice(0, -1);
  if (ctx.hasFault('list-skips-concurrent-creates'))
    matching = matching.filter((t) => (ctx.listIndexLag.get(t._id) ?? 0) <= performance.now());
  if (ctx.hasFault('list-empty-for-caller') && !showAll) matching = [];
  // No stable order: each request shuffles the list its own way, so offsets of one listing mean nothing in the next.
  if (ctx.hasFault('list-order-unstable')) matching = shuffleForRequest(matching, ctx.requestCount);

  const offset = ctx.hasFault('offset-ignored') ? 0 : q.offset;
  // Versions before 20240415 have no default page size: without a (valid) limit the list is all there is from offset.
  const paged = q.limitSent || hasDefaultPageSize(call.apiVersion);
  let limit = ctx.hasFault('limit-ignored') || !paged ? matching.length : q.limit;
  if (ctx.hasFault('ignored-limit')) limit = DEFAULT_LIMIT;
  if (ctx.hasFault('limit-zero-whole-list') && call.query.get('limit') === '0') limit = matching.length;
  let page = matching.slice(offset, offset + limit);
  // Past the end: the last page again instead of an empty one, so a walk never ends.
  if (ctx.hasFault('list-never-ends') && page.length === 0 && matching.length > 0) page = matching.slice(-Math.min(limit, matching.length));
  const items = page.map((t) =>
    renderToken(ctx, listedRecord(ctx, t), ctx.hasFault('secret-in-get-tokens') ? t.secret : lastFour(t.secret)),
  );

  const body = {
    items: ctx.hasFault('tokens-items-not-array') ? Object.fromEntries(page.map((t, i) => [t._id, items[i]])) : items,
    _links: paged ? pageLinks(q, showAll, matching.length) : { self: { href: unpagedHref(q.offset, showAll), type: 'application/json' } },
    totalCount: ctx.hasFault('total-count-page-size') || ctx.hasFault('list-never-ends') ? items.length : matching.length,
  };
  return { status: 200, body };
}

/** A permutation of `tokens` that differs from request to request (fault list-order-unstable); FNV-1a of id and request. */
function shuffleForRequest<T extends { _id: string }>(tokens: T[], request: number): T[] {
  const key = (id: string): number => {
    let hash = 0x811c9dc5;
    for (const char of `${request}:${id}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return hash;
  };
  return tokens
    .map((token) => ({ token, key: key(token._id) }))
    .sort((a, b) => a.key - b.key)
    .map(({ token }) => token);
}
