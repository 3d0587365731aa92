import { nameHasRunPrefix } from '../config/run-id';
import type { ApiClient } from './api-client';
import { delay } from './pacer';

export interface ListedToken {
  id: string;
  name: string | undefined;
  /** Epoch ms of the server's clock; undefined when the item lacks it. */
  creationDate: number | undefined;
}

export interface TokenListing {
  tokens: ListedToken[];
  /** Date header of the first page (server clock), null when absent. */
  serverDate: number | null;
}

export type DeleteOutcome = { outcome: 'deleted' } | { outcome: 'already-gone' } | { outcome: 'failed'; reason: string };

const PAGE_SIZE = 25;
const MAX_PAGES = 400;

/**
 * Lists the CALLER's tokens (no showAll: B3), all pages. The whole list is taken before anything is
 * deleted, because deleting while paging by offset would skip items.
 */
export async function listOwnTokens(client: ApiClient): Promise<TokenListing> {
  const tokens: ListedToken[] = [];
  const seen = new Set<string>();
  let serverDate: number | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.send('getTokens', { query: { limit: PAGE_SIZE, offset: page * PAGE_SIZE } });
    if (result.status !== 200) {
      throw new Error(`listing tokens failed: getTokens answered ${result.status}: ${result.bodyText.slice(0, 200)}`);
    }
    if (page === 0) serverDate = result.serverDate;
    const items = readItems(result.json());
    let fresh = 0;
    for (const item of items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      tokens.push(item);
      fresh++;
    }
    // A short page ends the list; a page of nothing new means the server ignores offset: stop, don't loop.
    if (items.length < PAGE_SIZE || fresh === 0) return { tokens, serverDate };
  }
  throw new Error(`listing tokens failed: more than ${MAX_PAGES * PAGE_SIZE} tokens, refusing to continue`);
}

/** The listed tokens whose name carries the prefix (with a boundary after it). */
export function selectByPrefix(tokens: readonly ListedToken[], prefix: string): ListedToken[] {
  return tokens.filter((t) => t.name !== undefined && nameHasRunPrefix(t.name, prefix));
}

/**
 * Deletes a token, tolerating "already gone" (404) and repeating after an environment error: DELETE is
 * idempotent, so here a repeat is safe and its outcome is checked (a later 404 means an earlier attempt won).
 */
export async function deleteTokenEnsured(client: ApiClient, id: string, attempts = 3): Promise<DeleteOutcome> {
  let lastReason = 'not attempted';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const result = await client.send('deleteToken', { id });
      if (result.status === 204 || result.status === 200) return { outcome: 'deleted' };
      if (result.status === 404) return { outcome: 'already-gone' };
      lastReason = `deleteToken answered ${result.status}`;
      if (result.status < 500) break; // 401/403/400 will not change by repeating
    } catch (error) {
      lastReason = error instanceof Error ? error.message : String(error);
    }
    if (attempt < attempts) await delay(500 * attempt);
  }
  return { outcome: 'failed', reason: lastReason };
}

function readItems(body: unknown): ListedToken[] {
  if (typeof body !== 'object' || body === null) throw new Error('listing tokens failed: getTokens body is not a JSON object');
  const items = (body as Record<string, unknown>).items;
  if (!Array.isArray(items)) throw new Error('listing tokens failed: getTokens body has no items array');
  const out: ListedToken[] = [];
  for (const item of items as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const rec = item as Record<string, unknown>;
    if (typeof rec._id !== 'string') continue;
    out.push({
      id: rec._id,
      name: typeof rec.name === 'string' ? rec.name : undefined,
      creationDate: typeof rec.creationDate === 'number' ? rec.creationDate : undefined,
    });
  }
  return out;
}
