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
 * No variant leaves out the Date header or method override any more: RFC 9110 §6.6.1 requires Date from an
 * origin server with a clock (this one stamps creationDate), and the spec's "Method overriding" section says
 * the API supports X-HTTP-Method-Override — servers without them are not correct variants (rules A10, A8).
 */
export const VARIANTS: { given: string; options: AltServerOptions }[] = [
  { given: 'clock 7 min ahead, newest-first lists, 40 req/s', options: { rateLimit: RATE_LIMIT } },
  {
    given: 'clock 1 day behind, oldest-first lists, 40 ms latency, 15 req/s, Content-Type Application/JSON; charset=UTF-8',
    options: {
      clockOffsetMs: -24 * 60 * 60_000,
      listOrder: 'oldest-first',
      latencyMs: 40,
      rateLimit: { max: 15, windowMs: 1_000 },
      contentType: 'Application/JSON; charset=UTF-8',
    },
  },
  { given: 'pages capped at 20 items, oldest-first lists', options: { pageMax: 20, listOrder: 'oldest-first', rateLimit: RATE_LIMIT } },
  {
    given: 'totalCount counting the page ("The number of access tokens returned")',
    options: { totalCount: 'page', rateLimit: RATE_LIMIT },
  },
  {
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
];
