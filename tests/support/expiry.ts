import type { ApiResult } from '../../src/client/api-client';
import type { CreatedToken } from '../../src/session/token-factory';
import { msUntilServerPasses, readServerClock, type ServerReading } from '../../src/session/server-reading';
import { sleep } from './sleep';

/**
 * Rule G3 on the SERVER's clock, waiting no longer than the evidence requires (issue 30). The clock is read from a
 * token's creation (its creationDate in milliseconds, else the Date header), bounded by the round trip measured
 * around it (src/session/server-reading.ts); an expiry is set a few round trips ahead of the upper bound, and the
 * "after" request is sent once the lower bound has passed it — no fixed seconds either way, and no assumption about
 * the offset between the clocks.
 */

/** The expiry ahead of the server's latest possible now: a fixed allowance for local work plus round trips. */
const AHEAD_BASE_MS = 250;
const AHEAD_ROUND_TRIPS = 3;

/** Creates a token through `create`, timing the exchange: the token and the server-clock reading it gives. */
export async function createAndReadClock(create: () => Promise<CreatedToken>): Promise<{ created: CreatedToken; clock: ServerReading }> {
  const sentAt = performance.now();
  const created = await create();
  const receivedAt = performance.now();
  const creationDate = created.token.creationDate;
  const clock = readServerClock(
    { precise: typeof creationDate === 'number' ? creationDate : null, date: created.result.serverDate },
    sentAt,
    receivedAt,
  );
  // A10 requires a Date header on every 2xx; without it and without creationDate there is no server clock to read.
  if (clock === null) throw new Error('postToken 201 carries neither a creationDate nor a Date header: no server clock to read (A10, C3)');
  return { created, clock };
}

/**
 * How far ahead of the server's latest possible now an expiry is set so that the requests judged "before" it (a reset
 * and one check: about two round trips) provably reach the server first: AHEAD_BASE_MS + 3 round trips of the
 * reading's own exchange. A later try, after a check came too close to judge, multiplies it (and has a floor, so a
 * rate-limit wait of a second or two fits in the last). A test that judges only "after" passes `roundTrips` 0: its
 * reset need only reach the server first, and the upper bound already holds the whole reading's round trip — which,
 * for a worker's first request, is mostly its warm-up (seconds on a loaded machine), not the network.
 */
export function expiryAheadMs(clock: ServerReading, attempt: number, roundTrips: number = AHEAD_ROUND_TRIPS): number {
  const roundTripMs = Math.max(0, clock.receivedAt - clock.sentAt);
  const base = AHEAD_BASE_MS + roundTrips * roundTripMs;
  if (attempt <= 0) return base;
  return attempt === 1 ? Math.max(4 * base, 2_000) : Math.max(16 * base, 8_000);
}

export interface AfterExpiry {
  result: ApiResult;
  /** How many requests were needed (1 or 2). */
  requests: number;
}

/**
 * Sends once the server's clock has surely passed `expiry` by `clock`'s lower bound. If the answer is not 401 and
 * the server's own Date does not show it past the expiry (whole seconds; or its clock ran slow against ours), waits
 * the remainder by that Date once and asks again — a wrong answer costs up to a second more, a right one nothing.
 */
export async function sendAfterServerTime(expiry: number, clock: ServerReading, send: () => Promise<ApiResult>): Promise<AfterExpiry> {
  await sleep(msUntilServerPasses(clock, expiry, performance.now()), 'until the server clock passes the expiry');
  const first = await send();
  if (first.status === 401 || first.serverDate === null || first.serverDate >= expiry) {
    return { result: first, requests: 1 };
  }
  await sleep(expiry - first.serverDate + 1, "the remainder, by the server's Date, until it passes the expiry");
  return { result: await send(), requests: 2 };
}
