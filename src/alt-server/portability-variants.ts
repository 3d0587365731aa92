import type { AltServerOptions } from './index';

/** Tight enough that a full run meets some 429s (Retry-After only), loose enough to finish in time. */
export const RATE_LIMIT = { max: 40, windowMs: 1_000 };

/**
 * Correct servers that differ in what the spec leaves open. The first is the alt server as it comes; the
 * second turns the knobs the other way again (clock far BEHIND the client, oldest-first lists, a slow host,
 * a tighter rate limit, an upper-case Content-Type with a charset), so neither direction of
 * any choice is baked into the suite. The third caps pages at 20 items (D2: `limit` caps items.length, and
 * a server may cap lower than asked), with oldest-first lists so the run's own tokens sit on later pages.
 * The fourth reads the spec's description of `totalCount` literally ("The number of access tokens
 * returned": the page's count); the rules say nothing about totalCount. The fifth and sixth turn the
 * `variant` knobs (alt-server/variant-options.ts) both ways: fields left out when not sent vs. custom role
 * ids checked for existence, every unappliable patch 422 vs. every one 400, a reset that leaves lastModified
 * alone, strict query parsing, 404 before 403,
 * X-Ratelimit-Reset-only rate limiting on a clock ahead, no keep-alive, chunked bodies, extra links.
 * The last three (issue 23) take patchToken's open choices the other way: one refuses what E2 leaves open and what
 * E4 lets it refuse (`test` outside the patchable fields, move, copy), one shows unset fields as empty (E6), one
 * applies RFC 6902 to the letter wherever E6 does not oblige it to be lenient. The last (issue 25) seeds an admin
 * token whose own API version is 20220603, before getTokens had a default page size.
 * No variant leaves out the Date header or method override any more: RFC 9110 §6.6.1 requires Date from an
 * origin server with a clock (this one stamps creationDate), and the spec's "Method overriding" section says
 * the API supports X-HTTP-Method-Override — servers without them are not correct variants (rules A10, A8).
 */
export const VARIANTS: { id: string; given: string; options: AltServerOptions }[] = [
  { id: 'as-is', given: 'clock 7 min ahead, newest-first lists, 40 req/s', options: { rateLimit: RATE_LIMIT } },
  {
    id: 'behind',
    given: 'clock 1 day behind, oldest-first lists, 40 ms latency, 15 req/s, Content-Type Application/JSON; charset=UTF-8',
    options: {
      clockOffsetMs: -24 * 60 * 60_000,
      listOrder: 'oldest-first',
      latencyMs: 40,
      rateLimit: { max: 15, windowMs: 1_000 },
      contentType: 'Application/JSON; charset=UTF-8',
    },
  },
  {
    id: 'pages-20',
    given: 'pages capped at 20 items, oldest-first lists',
    options: { pageMax: 20, listOrder: 'oldest-first', rateLimit: RATE_LIMIT },
  },
  {
    id: 'total-count-page',
    given: 'totalCount counting the page ("The number of access tokens returned")',
    options: { totalCount: 'page', rateLimit: RATE_LIMIT },
  },
  {
    id: 'sparse',
    given:
      'sparse and strict: unset fields omitted, reset keeps lastModified (Date header the only clock), every unappliable patch 422, strict queries, 404 before 403, lists by name, no totalCount, error details, X-Ratelimit-Reset only',
    options: {
      rateLimit: RATE_LIMIT,
      listOrder: 'by-name',
      totalCount: 'absent',
      variant: {
        omitUnsetFields: true,
        errorDetails: true,
        strictQuery: true,
        notFoundBeforeForbidden: true,
        patchUnappliableStatus: 422,
        resetKeepsLastModified: true,
        rateLimitHeaders: 'reset',
      },
    },
  },
  {
    id: 'chatty',
    given:
      'checking and chatty: custom role ids validated, reset keeps lastModified, no keep-alive, chunked bodies, extra _links, every unappliable patch 400, both rate-limit headers, pages capped at 10, clock 3 h behind',
    options: {
      rateLimit: RATE_LIMIT,
      pageMax: 10,
      clockOffsetMs: -3 * 60 * 60_000,
      variant: {
        validateCustomRoleIds: true,
        resetKeepsLastModified: true,
        connectionClose: true,
        extraLinks: true,
        patchUnappliableStatus: 400,
        rateLimitHeaders: 'both',
        chunkedBodies: true,
      },
    },
  },
  // Issue 23: variants that differ where the rules leave patchToken room, each a place explore once judged
  // what no rule decides. No rate limit: their point is the patch semantics, and explore:seeds runs them long.
  {
    id: 'refuse-outside-e2',
    given:
      'refuses what the rules leave open: every operation outside the five patchable fields, test included, and every move and copy, with 422',
    options: { variant: { refuseOutsideE2: true, patchUnappliableStatus: 422 } },
  },
  {
    id: 'unset-as-empty',
    given: 'shows unset fields as empty: description "" and inlineRole [] (E6), unappliable patches 400 and 422 as they come',
    options: { variant: { showUnsetAsEmpty: true } },
  },
  {
    id: 'strict-rfc6902',
    given:
      'RFC 6902 to the letter where E6 allows it: unset fields omitted, replace of an unset /name fails, remove or test of a field it shows no value for fails, every unappliable patch 400',
    options: { variant: { strictRfc6902: true, omitUnsetFields: true, patchUnappliableStatus: 400 } },
  },
  // Issue 25: an account whose admin token predates 20240415. The suite sends LD-API-Version on every request, so
  // the token's own version (no default page of getTokens) must decide nothing the suite judges.
  {
    id: 'old-admin-version',
    given: 'admin token defaulting to API version 20220603: a call without LD-API-Version lists every token, no default page',
    options: { rateLimit: RATE_LIMIT, adminApiVersion: 20220603 },
  },
];
