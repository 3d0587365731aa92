/**
 * The alt-server's way with overlapping requests (issue 27.3), on purpose not the reference server's per-token
 * queue: optimistic concurrency. Every request waits one store round trip before it is applied, so overlapping
 * requests really overlap; a write to a token remembers the token as it read it before that wait and is applied
 * (in one synchronous step) only if the token is still so. A patch that finds it changed answers 409 (documented:
 * StatusConflictErrorRep, rule E7) and changes nothing; a delete or a reset reads again and retries.
 */
import { ApiProblem } from './api-problem';
import type { Reply } from './operations';
import type { TokenStore } from './token-store';

/** Retries of a delete or reset that met a changed token, before it answers 409 like a patch would not: it reads once more and applies. */
const RETRIES = 3;

export type WriteKind = 'patch' | 'other-write' | 'not-a-write';

const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The token as a write reads it; `lastUsed` moves with every authenticated request and is no change. */
function version(store: TokenStore, id: string): string {
  const token = store.get(id);
  if (token === undefined) return 'absent';
  const { lastUsed: _used, ...rest } = token;
  return JSON.stringify(rest);
}

export async function applyOptimistically(store: TokenStore, id: string | null, kind: WriteKind, apply: () => Reply): Promise<Reply> {
  if (id === null || kind === 'not-a-write') {
    await roundTrip();
    return apply();
  }
  for (let attempt = 0; attempt < RETRIES; attempt += 1) {
    const before = version(store, id);
    await roundTrip();
    if (version(store, id) === before) return apply();
    if (kind === 'patch') throw new ApiProblem(409, 'optimistic_locking_error', 'Conflict: the token changed while this patch was applied');
  }
  // Still contended: apply against the token as it is now (the apply step is atomic, so this is still one step).
  return apply();
}
