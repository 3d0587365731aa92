import type { OperationId } from '../domain/operations';
import { RUN_SYMBOL } from './build-plan';
import type { SideBindings } from './side-bindings';

/** A response reduced to what two correct deployments of the same version must agree on. */
export interface NormalisedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Headers that differ between any two answers: the clock (Date), the rate-limit window (X-Ratelimit-*, Retry-After),
 * and framing the HTTP stack decides (length, keep-alive, chunking). Every other header is compared.
 */
const VOLATILE_HEADER = /^(date|retry-after|x-ratelimit-.*|content-length|connection|keep-alive|transfer-encoding|x-request-id)$/i;

/** Token timestamps: epoch ms from each side's own clock. */
const TIMESTAMP_KEYS = new Set(['creationDate', 'lastModified', 'lastUsed', 'expiry']);
/** Member ids: each deployment has its own members. */
const MEMBER_ID_KEYS = new Set(['ownerId', 'memberId']);
/** An id-looking path segment (ObjectId, UUID, or a side's "not created" stand-in) inside an href. */
const ID_SEGMENT = /^(?:[0-9a-f]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|t\d+-not-created)$/i;

export interface NormaliseInput {
  operationId: OperationId;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  side: SideBindings;
}

/**
 * The built-in rules (docs/differential.md): ids become their plan symbol ($t1) or `<id>`; a whole secret `<secret>`
 * and its last four `<last4>`; timestamps `<timestamp>`; member ids `<member-id>`; ids inside `_links` hrefs; an error's
 * own `id` `<error-id>`; the side's name prefix `$run`; Date, rate-limit and framing headers dropped; getTokens' items
 * kept to the tokens this side's run made and sorted by name (the spec promises no order and a shared target lists
 * others' tokens too), and their totalCount `<count>` (it counts the others).
 */
export function normaliseResponse(input: NormaliseInput): NormalisedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (!VOLATILE_HEADER.test(name)) headers[name.toLowerCase()] = value;
  }
  let body = normaliseValue(input.body, input.side, '');
  if (input.operationId === 'getTokens' && isRecord(body) && Array.isArray(body.items)) {
    // The whole account's count: other runs' tokens (and the calibration pass's, on the same target) are in it.
    const totalCount = typeof body.totalCount === 'number' ? { totalCount: '<count>' } : {};
    body = { ...body, items: keepRunItems(body.items), ...totalCount };
  }
  if (isRecord(body) && typeof body.code === 'string' && 'id' in body && !('_id' in body)) body = { ...body, id: '<error-id>' };
  return { status: input.status, headers, body };
}

function normaliseValue(value: unknown, side: SideBindings, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseValue(item, side, ''));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '_member' && isRecord(v) ? normaliseValue({ ...v, _id: '<member-id>' }, side, k) : normaliseValue(v, side, k);
    }
    return out;
  }
  if (TIMESTAMP_KEYS.has(key) && typeof value === 'number') return '<timestamp>';
  if (typeof value !== 'string') return value;
  if (MEMBER_ID_KEYS.has(key)) return '<member-id>';
  if (key === 'token') return value.length > 4 ? '<secret>' : '<last4>';
  if (key === '_id') return side.symbolOf(value) ?? (value === '<member-id>' ? value : '<id>');
  if (key === 'href') return normaliseHref(value, side);
  return value.split(side.namePrefix).join(RUN_SYMBOL);
}

function normaliseHref(href: string, side: SideBindings): string {
  const [pathPart = '', query] = href.split('?', 2);
  const segments = pathPart.split('/');
  const normalised = segments.map((segment, index) => {
    const parent = segments[index - 1];
    if (parent === 'members' && segment !== '') return '<member-id>';
    if (parent !== 'tokens' || segment === '') return segment;
    return side.symbolOf(safeDecode(segment)) ?? (ID_SEGMENT.test(segment) ? '<id>' : segment);
  });
  return query === undefined ? normalised.join('/') : `${normalised.join('/')}?${query}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Only the tokens this side's run made (named `$run…` after normalisation), in name order. */
function keepRunItems(items: unknown[]): unknown[] {
  const name = (item: unknown): string => (isRecord(item) && typeof item.name === 'string' ? item.name : '');
  return items
    .filter((item) => name(item).startsWith(`${RUN_SYMBOL}-`))
    .sort((x, y) => (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : JSON.stringify(x).localeCompare(JSON.stringify(y))));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
