import type { ApiCall, HandlerResult } from '../api-call';
import { lastFour, renderToken, TOKENS_PATH } from '../representation';
import type { ServerContext } from '../server-context';
import { listedRecord, listLimitFault } from '../explore-faults';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

/**
 * Query parameters are read leniently: the spec documents no 400 for getTokens, so an
 * invalid `limit` (not a positive integer) falls back to 25, a `limit` over 100 is capped at
 * 100, an invalid `offset` (not a non-negative integer) falls back to 0, and `showAll` is on
 * only for the string "true" (any case).
 */
export function readListQuery(query: URLSearchParams): { showAll: boolean; limit: number; offset: number } {
  const rawLimit = query.get('limit');
  const rawOffset = query.get('offset');
  const limit =
    rawLimit !== null && /^\d+$/.test(rawLimit) && Number(rawLimit) >= 1 ? Math.min(Number(rawLimit), MAX_LIMIT) : DEFAULT_LIMIT;
  const offset = rawOffset !== null && /^\d+$/.test(rawOffset) ? Number(rawOffset) : 0;
  return { showAll: query.get('showAll')?.toLowerCase() === 'true', limit, offset };
}

function pageHref(limit: number, offset: number, showAll: boolean): string {
  return `${TOKENS_PATH}?limit=${limit}&offset=${offset}${showAll ? '&showAll=true' : ''}`;
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
  if (ctx.hasFault('list-empty-for-caller') && !showAll) matching = [];

  const offset = ctx.hasFault('offset-ignored') ? 0 : q.offset;
  let limit = ctx.hasFault('limit-ignored') ? matching.length : q.limit;
  if (ctx.hasFault('ignored-limit')) limit = DEFAULT_LIMIT;
  let page = matching.slice(offset, offset + limit);
  // Past the end: the last page again instead of an empty one, so a walk never ends.
  if (ctx.hasFault('list-never-ends') && page.length === 0 && matching.length > 0) page = matching.slice(-Math.min(limit, matching.length));
  const items = page.map((t) =>
    renderToken(ctx, listedRecord(ctx, t), ctx.hasFault('secret-in-get-tokens') ? t.secret : lastFour(t.secret)),
  );

  const links: Record<string, { href: string; type: string }> = {
    self: { href: pageHref(q.limit, q.offset, showAll), type: 'application/json' },
    first: { href: pageHref(q.limit, 0, showAll), type: 'application/json' },
  };
  if (q.offset > 0) links.prev = { href: pageHref(q.limit, Math.max(0, q.offset - q.limit), showAll), type: 'application/json' };
  if (q.offset + q.limit < matching.length) links.next = { href: pageHref(q.limit, q.offset + q.limit, showAll), type: 'application/json' };
  if (matching.length > 0) {
    links.last = { href: pageHref(q.limit, Math.floor((matching.length - 1) / q.limit) * q.limit, showAll), type: 'application/json' };
  }

  const body = {
    items: ctx.hasFault('tokens-items-not-array') ? Object.fromEntries(page.map((t, i) => [t._id, items[i]])) : items,
    _links: links,
    totalCount: ctx.hasFault('total-count-page-size') || ctx.hasFault('list-never-ends') ? items.length : matching.length,
  };
  return { status: 200, body };
}
