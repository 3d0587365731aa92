/** Waits `ms` of elapsed time. Durations are relative, so the client clock's absolute error does not matter. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
