import { expect as baseExpect, test } from '@playwright/test';
import type { JudgedExchange } from './exchange-recorder';

/**
 * Contract judgements as report steps: each judged response becomes one step in the test's report
 * ("contract: getToken GET /api/v2/tokens/… → 200 ✓ conforms"), and a breach is a soft failure whose
 * whole message is the rendered contract report — no "Expected: true / Received: false" noise under it.
 */

const contractExpect = baseExpect.extend({
  toPassContractChecks(entry: JudgedExchange) {
    const pass = entry.report === null || entry.report.ok;
    return {
      name: 'toPassContractChecks',
      pass,
      message: () => entry.rendered ?? `${entry.report?.operationId ?? 'response'} conforms to its contract`,
    };
  },
});

/** Reports (and empties) the queue of judged responses, one step each. */
export async function reportContractSteps(queue: JudgedExchange[]): Promise<void> {
  for (const entry of queue.splice(0)) {
    const report = entry.report;
    if (report === null) continue;
    const verdict = report.ok ? '✓ conforms' : `✗ ${report.failures.length} contract failure(s)`;
    await test.step(`contract: ${report.operationId} ${report.method} ${report.path} → ${report.status} ${verdict}`, () => {
      contractExpect.soft(entry).toPassContractChecks();
      return Promise.resolve();
    }, { box: true });
  }
}
