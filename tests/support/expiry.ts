import type { ApiResult } from '../../src/client/api-client';
import { sleep } from './sleep';

/**
 * Rule G3: judging "after the expiry" on the SERVER's clock without polling. One sleep from a known server
 * time until the expiry plus a margin, then one request; if that response's Date header says the server has
 * not reached the expiry yet, one more sleep for the remainder and one more request.
 */

/** Past the expiry by this much before asking: covers request latency and rounding. */
export const EXPIRY_MARGIN_MS = 500;

export interface AfterExpiry {
  result: ApiResult;
  /** How many requests were needed (1 or 2). */
  requests: number;
}

export async function sendAfterServerTime(expiry: number, serverTimeNow: number, send: () => Promise<ApiResult>): Promise<AfterExpiry> {
  await sleep(expiry - serverTimeNow + EXPIRY_MARGIN_MS, 'until the server clock passes the expiry');
  const first = await send();
  if (first.status === 401 || first.serverDate === null || first.serverDate >= expiry) {
    return { result: first, requests: 1 };
  }
  // The server's own Date does not show it past the expiry (Date has whole seconds; or its clock ran slow):
  // sleep the remainder by the server's account once, then ask once more.
  await sleep(expiry - first.serverDate + EXPIRY_MARGIN_MS, "the remainder, by the server's Date, until it passes the expiry");
  return { result: await send(), requests: 2 };
}
