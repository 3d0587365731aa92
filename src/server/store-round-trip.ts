/**
 * What makes the reference server's requests overlap (issue 27.3): a real store answers a read and a write in
 * separate round trips, so two requests to one token interleave between them. Handlers await `roundTrip()`
 * between reading a token and writing it; by default that is one turn of the event loop (other requests'
 * handlers run), and `interleaveMs` widens it to a random pause of up to that many milliseconds.
 *
 * A correct server stays correct: writes to one token are serialised (`TokenLocks`), or, with `patchConflict`,
 * a patchToken that overlaps another write to its token is answered 409 (documented: "Status conflict",
 * StatusConflictErrorRep; rule E7) and changes nothing.
 */

/** The pause a concurrency fault needs to show through the wall-clock races of a test (ms). */
export const FAULT_WINDOW_MS = 50;

/** A pause of `atLeastMs` plus a random part of up to `windowMs`; with both 0, one turn of the event loop. */
export function createRoundTrip(windowMs: number, atLeastMs = 0): () => Promise<void> {
  return () =>
    windowMs > 0 || atLeastMs > 0
      ? new Promise((resolve) => setTimeout(resolve, atLeastMs + Math.random() * windowMs))
      : new Promise((resolve) => setImmediate(resolve));
}

/** One queue of writes per token: a write to a token starts after the one before it has finished. */
export class TokenLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly holders = new Map<string, number>();

  /** A write to the token is running or waiting. */
  busy(id: string): boolean {
    return (this.holders.get(id) ?? 0) > 0;
  }

  async run<T>(id: string, write: () => Promise<T>): Promise<T> {
    const before = this.tails.get(id) ?? Promise.resolve();
    let release = (): void => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(id, tail);
    this.holders.set(id, (this.holders.get(id) ?? 0) + 1);
    try {
      await before;
      return await write();
    } finally {
      release();
      const left = (this.holders.get(id) ?? 1) - 1;
      if (left === 0) {
        this.holders.delete(id);
        if (this.tails.get(id) === tail) this.tails.delete(id);
      } else this.holders.set(id, left);
    }
  }
}
