/**
 * Another client on the same account: a steady trickle of getTokens reads straight to the target (not
 * through the suite's proxy). An account-wide rate limit is shared by every token of the account, so on
 * a real staging host other users eat into the suite's share; this reproduces that on the reference server.
 */
export interface BackgroundLoad {
  /** Requests answered so far, by status. */
  readonly statuses: Map<number, number>;
  stop(): Promise<void>;
}

export function startBackgroundLoad(baseUrl: string, token: string, requestsPerSecond: number): BackgroundLoad {
  if (!(requestsPerSecond > 0)) throw new RangeError(`background load must be positive, got ${requestsPerSecond}/s`);
  const statuses = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();
  const fire = (): void => {
    const call = fetch(`${baseUrl}/api/v2/tokens?limit=1`, { headers: { Authorization: token } })
      .then(async (response) => {
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      })
      .catch(() => {
        // The server closing at the end of the test is not the test's business.
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
      })
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
  };
  const timer = setInterval(fire, 1000 / requestsPerSecond);
  return {
    statuses,
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
