import { expect, redactSecrets } from '../../src/contract';
import type { SuiteApi } from '../../src/session/suite-api';
import { asTokenList, type TokenRep } from '../../src/session/token-types';

/**
 * Reading the token list on a target that other workers and other people change while we read it (D2).
 * Pages are compared only when a re-read shows they did not move, so a moving list never fails a test, but an
 * overlap or an omission that reproduces on a still list does.
 */

export class ListReadError extends Error {
  override name = 'ListReadError';
}

export interface PageQuery {
  limit: number;
  offset: number;
  showAll?: boolean;
}

/** One page of getTokens; throws a clear error on anything but a 200 with an items array. */
export async function readPage(api: SuiteApi, query: PageQuery): Promise<TokenRep[]> {
  return (await readListPage(api, query)).items;
}

/** `getTokens?limit=…&offset=…`: how a page is named in messages. */
export function describePage(query: PageQuery): string {
  return `getTokens?${new URLSearchParams(Object.entries(toQuery(query)).map(([k, v]) => [k, String(v)])).toString()}`;
}

/** One page as `readListPage` returns it. */
export type ListPage = Awaited<ReturnType<typeof readListPage>>;

/** One page of getTokens with its totalCount (when a number). */
export async function readListPage(api: SuiteApi, query: PageQuery): Promise<{ items: TokenRep[]; totalCount: number | undefined }> {
  const result = await api.send('getTokens', { query: toQuery(query) });
  const where = `getTokens?${new URLSearchParams(Object.entries(toQuery(query)).map(([k, v]) => [k, String(v)])).toString()}`;
  if (result.status !== 200) {
    throw new ListReadError(`${where} answered ${result.status}, expected 200; body: ${redactSecrets(result.bodyText.slice(0, 300))}`);
  }
  const list = asTokenList(result.json(), where);
  return { items: list.items, totalCount: typeof list.totalCount === 'number' ? list.totalCount : undefined };
}

function toQuery(query: PageQuery): Record<string, string | number | boolean> {
  return { limit: query.limit, offset: query.offset, ...(query.showAll === undefined ? {} : { showAll: query.showAll }) };
}

export interface StablePages {
  /** Pages in the order of `offsets`, each the ids of its items. */
  pages: string[][];
  /** False when every attempt saw the list move between the read and the re-read. */
  stable: boolean;
  attempts: number;
}

/**
 * Reads the pages at `offsets` (same limit), then reads them again: equal ids page for page means the list
 * held still while we looked, and the pages can be judged. Otherwise tries again, at most `attempts` times.
 */
export async function readPagesStably(
  api: SuiteApi,
  opts: { limit: number; offsets: number[]; showAll?: boolean; attempts?: number; inspect?: (query: PageQuery, page: ListPage) => void },
): Promise<StablePages> {
  const attempts = opts.attempts ?? 3;
  let last: string[][] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // `inspect` sees every page of the first read (checks on one page, without sending it a second time).
    const first = await readIds(api, opts, attempt === 1 ? opts.inspect : undefined);
    const again = await readIds(api, opts);
    last = first;
    if (JSON.stringify(first) === JSON.stringify(again)) return { pages: first, stable: true, attempts: attempt };
  }
  return { pages: last, stable: false, attempts };
}

async function readIds(
  api: SuiteApi,
  opts: { limit: number; offsets: number[]; showAll?: boolean },
  inspect?: (query: PageQuery, page: ListPage) => void,
): Promise<string[][]> {
  const pages: string[][] = [];
  for (const offset of opts.offsets) {
    const query: PageQuery = { limit: opts.limit, offset, ...(opts.showAll === undefined ? {} : { showAll: opts.showAll }) };
    const page = await readListPage(api, query);
    inspect?.(query, page);
    pages.push(page.items.map((item) => item._id));
  }
  return pages;
}

/** Ids that appear on more than one page. */
export function findOverlap(pages: string[][]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const page of pages) {
    for (const id of new Set(page)) {
      if (seen.has(id)) repeated.add(id);
      seen.add(id);
    }
  }
  return [...repeated];
}

export interface FindResult {
  /** Every wanted token that was found, by id, as the list showed it. */
  found: Map<string, TokenRep>;
  /** Every item read on the last walk (for checks over the whole list, e.g. memberId). */
  items: TokenRep[];
  /** The last walk reached the end of the list (an empty page, or offset past a whole-list totalCount) within the page bound. */
  reachedEnd: boolean;
  /** The last walk stopped because every wanted id was found (it did not need to reach the end). */
  foundAll: boolean;
  /** The last walk read a page holding only ids it had already seen: the list does not advance (a D2 failure). */
  repeatedPage: boolean;
  walks: number;
  /** The stated bound: pages × limit. */
  bound: { pages: number; limit: number };
}

/**
 * D2: a walk ends on the documented paging. One that neither ended nor found what it looked for within the
 * stated bound fails D2 — never "inconclusive": a list that never ends would otherwise let "nothing was
 * created" and "the token is listed" pass unjudged. A page of ids already seen fails at once (offset ignored).
 */
export function expectWalkEnded(walk: FindResult, what: string): void {
  expect
    .soft(
      walk.repeatedPage,
      `${what}: D2 — a page of getTokens repeated only ids already read on this walk (offset does not advance the list)`,
    )
    .toBe(false);
  expect
    .soft(
      walk.reachedEnd || walk.foundAll,
      `${what}: D2 — the list walk did not end within its stated bound of ${walk.bound.pages} pages of limit=${walk.bound.limit} (no empty page, no offset past a whole-list totalCount)`,
    )
    .toBe(true);
}

/**
 * The most items one getTokens page has held in this worker process: the target's page cap (if it has one)
 * is at least this. Learnt from every walk, never assumed.
 */
let largestPageSeen = 0;

/**
 * Walks the list page by page until every wanted id is found or the list ends (bounded by `maxPages`); with
 * no wanted ids, walks the whole list once (for checks over every item). The next offset is the previous
 * one plus the items actually received. A server may cap a page below the requested limit (D2: `limit` caps
 * items.length), so a short page alone proves nothing: the list ends at an EMPTY page, past a whole-list
 * totalCount, or at a page shorter than both the limit and the largest page this process has seen.
 * A token missing from a complete walk is looked for again (the list may have shifted under us while we
 * walked), at most `walks` times.
 */
export async function findInList(
  api: SuiteApi,
  wanted: string[],
  opts: { limit?: number; maxPages?: number; walks?: number; showAll?: boolean } = {},
): Promise<FindResult> {
  const limit = opts.limit ?? 25;
  const maxPages = opts.maxPages ?? 20;
  const walks = opts.walks ?? 3;
  const bound = { pages: maxPages, limit };
  let result: FindResult = { found: new Map(), items: [], reachedEnd: false, foundAll: false, repeatedPage: false, walks: 0, bound };
  for (let walk = 1; walk <= walks; walk++) {
    const found = new Map<string, TokenRep>();
    const items: TokenRep[] = [];
    const seen = new Set<string>();
    let reachedEnd = false;
    let repeatedPage = false;
    let offset = 0;
    for (let page = 0; page < maxPages; page++) {
      const { items: pageItems, totalCount } = await readListPage(api, {
        limit,
        offset,
        ...(opts.showAll === undefined ? {} : { showAll: opts.showAll }),
      });
      if (pageItems.length === 0) {
        reachedEnd = true;
        break;
      }
      if (pageItems.every((item) => seen.has(item._id))) {
        repeatedPage = true;
        break;
      }
      for (const item of pageItems) seen.add(item._id);
      items.push(...pageItems);
      offset += pageItems.length;
      for (const item of pageItems) if (wanted.includes(item._id)) found.set(item._id, item);
      // With nothing wanted the caller wants every item (e.g. "no token carries this marker"): walk to the end.
      if (wanted.length > 0 && found.size === wanted.length) break;
      // A totalCount larger than the page can only count the whole list: past it, the list has ended. (A
      // totalCount equal to the page may be the page size, as the spec words it, and ends nothing.)
      if (typeof totalCount === 'number' && totalCount > pageItems.length && offset >= totalCount) {
        reachedEnd = true;
        break;
      }
      // A page shorter than both the limit and the largest page this process has seen the target return is short
      // because the list ended (the target's page cap, if any, is at least that largest page): this saves the
      // empty-page request of most walks (request budget).
      const endedShort = pageItems.length < Math.min(limit, largestPageSeen);
      largestPageSeen = Math.max(largestPageSeen, pageItems.length);
      if (endedShort) {
        reachedEnd = true;
        break;
      }
    }
    const foundAll = wanted.length > 0 && found.size === wanted.length;
    result = { found, items, reachedEnd, foundAll, repeatedPage, walks: walk, bound };
    if (repeatedPage) return result;
    if (wanted.length === 0 || found.size === wanted.length || !reachedEnd) return result;
  }
  return result;
}

/** The ids of `own` in the order they first appear in `items` (a listing may show an id twice on a moving list). */
export function ownOrder(items: readonly { _id: string }[], own: readonly string[]): string[] {
  const order: string[] = [];
  for (const { _id } of items) if (own.includes(_id) && !order.includes(_id)) order.push(_id);
  return order;
}

/**
 * Whether two listings put the ids both show in a different relative order. Other writers only add and remove their
 * own tokens: that shifts ours between pages (one may be missed, or shown twice) but never reorders them, so a
 * difference here is the server's own order moving — what makes pages of one limit overlap (D2).
 */
export function ordersDisagree(first: readonly string[], second: readonly string[]): boolean {
  const common = first.filter((id) => second.includes(id));
  const again = second.filter((id) => first.includes(id));
  return common.some((id, index) => again[index] !== id);
}

export interface OwnOrderVerdict {
  /** The first pair of listings that disagreed on the order of `own`, each as that order; null when none did. */
  disagreement: { first: string[]; second: string[] } | null;
  /** Pairs of listings read (at most `pairs`). */
  pairsRead: number;
}

/**
 * D2 against the server's own order: pairs of listings in a row (walks of the caller's list, nothing written by this
 * test in between) must agree on the order of the test's own tokens, which no one else writes. Stops at the first
 * disagreement; `pairs` pairs are read otherwise (an order that moves at random may agree by chance once).
 */
export async function judgeOwnOrder(api: SuiteApi, own: readonly string[], pairs: number): Promise<OwnOrderVerdict> {
  for (let pair = 1; pair <= pairs; pair++) {
    const first = ownOrder((await findInList(api, [...own], { walks: 1 })).items, own);
    const second = ownOrder((await findInList(api, [...own], { walks: 1 })).items, own);
    if (ordersDisagree(first, second)) return { disagreement: { first, second }, pairsRead: pair };
  }
  return { disagreement: null, pairsRead: pairs };
}
