import { request } from '@playwright/test';
import { CleanupLedger } from '../src/client/cleanup-ledger';
import { formatCleanupSummary, cleanUpRun } from '../src/client/run-cleanup';
import { EnvironmentError } from '../src/client/errors';
import { loadConfig } from '../src/config/load-config';
import type { SuiteConfig } from '../src/config/suite-config';
import { userFacingError } from '../src/config/user-facing-error';
import { redactSecrets, registerSecret } from '../src/contract/secrets';
import { judgeH1, notJudged, writeH1Verdict } from '../src/hygiene/outside-verdict';
import { recordRunError, runErrorKind } from '../src/hygiene/run-errors';

/**
 * Runs once in the main process after the tests — also after a failure or Ctrl+C. Deletes every token
 * this run created that is still there, sweeps by name prefix for anything the ledger missed, prints
 * `cleanup: created N, deleted N, leaked N` and fails the run when anything leaked (H1). Idempotent.
 */
export default async function globalTeardown(): Promise<void> {
  const started = performance.now();
  if (!process.env.LD_RUN_ID) {
    console.log('cleanup: skipped (global setup did not assign a run id)');
    return;
  }
  // Global setup already validated the configuration; if it failed there, there is nothing to clean.
  let config: SuiteConfig;
  let loaded: SuiteConfig;
  try {
    // No run deadline here: the sweep must finish whatever time the tests took (RunDeadlineError is theirs).
    loaded = loadConfig();
    config = { ...loaded, runDeadline: null };
  } catch {
    console.log('cleanup: skipped (invalid configuration, see the setup error)');
    return;
  }
  const deadline = loaded.runDeadline;
  registerSecret(config.accessToken);
  const ledger = CleanupLedger.forRun(config);
  if (!ledger.exists()) {
    console.log('cleanup: skipped (global setup did not complete, so no test ran)');
    return;
  }

  const context = await request.newContext();
  try {
    const report = await cleanUpRun(context, config, ledger);
    // H1 from the outside: the coverage reporter (which runs after this teardown) reports it as the rule's result.
    const verdict = judgeH1({
      prefix: config.tokenNamePrefix,
      finalListing: report.finalListing,
      leaked: report.leaked,
      created: report.created,
      writes: ledger.writes(),
      createdIds: ledger.createdIds(),
    });
    writeH1Verdict(config.reportsDir, config.runId, verdict);
    // The timing is read by `npm run bench` (src/bench/suite-run.ts) for its overhead breakdown.
    console.log(`${formatCleanupSummary(report)} (global teardown ${Math.round(performance.now() - started)} ms)`);
    if (report.leaked.length > 0) {
      const list = report.leaked.map((t) => `${t.id}${t.name ? ` (${t.name})` : ''}: ${t.reason}`).join('; ');
      throw userFacingError(
        redactSecrets(
          `cleanup: leaked ${report.leaked.length} token(s) of run ${config.runId} on ${new URL(config.baseUrl).host}: ${list}. Remove them with \`npm run cleanup -- --prefix ${config.tokenNamePrefix} --older-than 0s\`.`,
        ),
      );
    }
    // A write that changed a token the run did not create: H1's second half, one line per write.
    if (verdict.state === 'failed') throw userFacingError(redactSecrets(verdict.problems.join('\n')));
    // Past the run's time bound, the tests then running were stopped and the rest skipped: never a green run.
    if (deadline !== null && Date.now() >= deadline.at) {
      const stopped = new EnvironmentError(
        `the run's time bound LD_RUN_TIMEOUT_MS (${deadline.boundMs} ms) was reached: tests running then were stopped, the rest skipped (not run); ${formatCleanupSummary(report)}. Raise LD_RUN_TIMEOUT_MS (0 = no bound) or find what made the run slow.`,
      );
      stopped.stack = stopped.message; // one line, like userFacingError; typed environment in the catch below
      throw stopped;
    }
  } catch (error) {
    // Typed here, where the cause is known: a clean-up the environment stopped (rate limit, network) is the
    // environment's failure of the run, a leftover or a foreign write is the run's (src/hygiene/run-errors.ts).
    const kind = runErrorKind(error);
    if (error instanceof Error && error.stack === error.message) {
      recordRunError(config.reportsDir, config.runId, { phase: 'global teardown', kind, message: error.message });
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeH1Verdict(config.reportsDir, config.runId, notJudged(redactSecrets(`the end-of-run listing could not finish: ${message}`)));
    const failure = userFacingError(
      redactSecrets(
        `cleanup of run ${config.runId} could not finish: ${message}. Leftovers may remain: run \`npm run cleanup -- --prefix ${config.tokenNamePrefix} --older-than 0s\`.`,
      ),
    );
    recordRunError(config.reportsDir, config.runId, { phase: 'global teardown', kind, message: failure.message });
    throw failure;
  } finally {
    await context.dispose();
  }
}
