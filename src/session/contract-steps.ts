import { expect as baseExpect } from '../contract';
import type { JudgedExchange } from './exchange-recorder';

/**
 * Contract judgements as report steps: each judged response becomes one step in the test's report
 * ("contract: getToken GET /api/v2/tokens/… → 200 ✓ conforms"), and a breach is a soft failure whose
 * whole message is the rendered contract report — no "Expected: true / Received: false" noise under it.
 * The step itself is the test runner's (Playwright's test.step, boxed), passed in by the fixture: the session
 * knows no test runner.
 */

/** Runs `body` as one report step of the running test. */
export type StepRunner = (title: string, body: () => Promise<void>) => Promise<void>;

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
export async function reportContractSteps(queue: JudgedExchange[], step: StepRunner): Promise<void> {
  for (const entry of queue.splice(0)) {
    const report = entry.report;
    if (report === null) continue;
    const verdict = report.ok ? '✓ conforms' : `✗ ${report.failures.length} contract failure(s)`;
    await step(`contract: ${report.operationId} ${report.method} ${report.path} → ${report.status} ${verdict}`, () => {
      contractExpect.soft(entry).toPassContractChecks();
      return Promise.resolve();
    });
  }
}
