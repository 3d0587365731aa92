import { test } from '@playwright/test';
import { waitStepTitle } from '../../src/harness/wait-step';

/**
 * Waits `ms` of elapsed time. Durations are relative, so the client clock's absolute error does not matter.
 * Inside a test the wait is a report step, `wait <ms> ms: <why>`, so a reader sees where the test's time went
 * (and the bench's bare floor waits as long: src/harness/wait-step.ts); outside one it is a plain timer.
 */
export async function sleep(ms: number, why: string): Promise<void> {
  const wait = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  if (!insideTest()) return wait();
  await test.step(waitStepTitle(ms, why), wait, { box: true });
}

function insideTest(): boolean {
  try {
    test.info();
    return true;
  } catch {
    return false;
  }
}
