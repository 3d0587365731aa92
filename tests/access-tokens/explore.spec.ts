import { randomInt } from 'node:crypto';
import { expect, test } from '../fixtures';
import { renderCurlCommand } from '../../src/session/curl-command';
import { writes } from '../support/rules';
import { renderExploreFailure } from '../../src/explore/render-failure';
import { renderReplayScript } from '../../src/explore/render-replay-script';
import { ExploreFailed, runExplore } from '../../src/explore/run-explore';
import { INCONCLUSIVE_ANNOTATION } from '../../src/domain/observations';
import { LENIENCIES_ATTACHMENT } from '../../src/domain/leniencies';
import { EXPLORE_SEED_ANNOTATION, formatExploreSeed } from '../../src/domain/explore-annotation';

/**
 * Explore (@explore): generated, stateful, budgeted testing beside the example tests. fast-check builds
 * postToken bodies, JSON Patches, list queries and ids from the generated schemas, runs them in random
 * sequences over tokens this test creates, and checks every answer against a model (docs/explore.md).
 * Requests go through the suite's client (pacing, 429 waits, cleanup ledger, production guard); each
 * response is judged by the same contract checks as the example tests. A failure is shrunk and rendered
 * as numbered steps with a curl reproduction and the seed that replays it.
 */

/** Time per request allowed for, generous for a remote target; plus a fixed margin for set-up and shrinking. */
const MS_PER_REQUEST = 150;

test(
  'explore: generated sequences of create, read, list, patch, reset, delete and secret use keep every rule @explore',
  writes(
    'A1',
    'A2',
    'A3',
    'A6',
    'A7',
    'B1',
    'C1',
    'C2',
    'C5',
    'D1',
    'D2',
    'E1',
    'E2',
    'E3',
    'E4',
    'E5',
    'E6',
    'F1',
    'G1',
    'G2',
    'G3',
    'H1',
  ),
  async ({ harness, suiteConfig }, testInfo) => {
    const budget = suiteConfig.exploreRequests;
    test.skip(budget === 0, 'LD_EXPLORE_REQUESTS=0 turns explore off');
    const seed = suiteConfig.exploreSeed ?? randomInt(-(2 ** 31), 2 ** 31);
    const shrinkBudget = Math.max(1000, 4 * budget);
    const timeLimitMs = 90_000 + (budget + shrinkBudget) * MS_PER_REQUEST;
    test.setTimeout(timeLimitMs + 60_000);
    console.log(`explore: seed ${seed}, budget ${budget} requests (replay: LD_EXPLORE_SEED=${seed} LD_EXPLORE_REQUESTS=${budget})`);
    testInfo.annotations.push({ type: EXPLORE_SEED_ANNOTATION, description: formatExploreSeed({ seed, budget }) });

    const outcome = await runExplore({
      // The session judges each response once (coverage observations, exchanges.json) and hands explore the
      // verdict instead of a soft failure: a breach must fail the property so it can be shrunk.
      session: harness,
      budget,
      shrinkBudget,
      seed,
      prefix: suiteConfig.tokenNamePrefix,
      timeLimitMs,
    });
    const { explored, shrinking, cleanup } = outcome.requests;
    const summary = `explore: ${outcome.sequences} sequences, ${explored} requests exploring, ${shrinking} shrinking, ${cleanup} cleaning up${outcome.interrupted ? ' (stopped by the time limit)' : ''}${outcome.stoppedAtHang ? ' (stopped at its first hang, not shrunk)' : ''}`;
    console.log(summary);
    testInfo.annotations.push({ type: 'explore', description: summary });
    // Where no rule decides, explore accepted the target's choice: recorded for coverage.json (leniencies), never judged.
    if (outcome.leniencies.length > 0) {
      await testInfo.attach(LENIENCIES_ATTACHMENT, {
        body: JSON.stringify({ leniencies: outcome.leniencies }),
        contentType: 'application/json',
      });
    }

    if (outcome.environmentError) throw outcome.environmentError;
    if (outcome.rateLimited !== null) {
      // Slower, not red: what explore did send was judged, the rest is not — inconclusive, never passed.
      const stopped = `explore: ${explored} of ${budget} requests sent; stopped: rate limited (${outcome.rateLimited})`;
      console.log(stopped);
      testInfo.annotations.push({ type: INCONCLUSIVE_ANNOTATION, description: stopped });
    }
    if (outcome.failure) {
      testInfo.annotations.push({ type: 'explore-rule', description: outcome.failure.rule });
      // The fixture's curl attachment reproduces the step that broke the rule, not the last clean-up delete.
      const failing = outcome.failure.steps.at(-1);
      if (failing) harness.recorder.markForReproduction(failing.original);
      const rendered = renderExploreFailure(outcome.failure, {
        seed,
        budget,
        curl: (exchange) => renderCurlCommand(exchange, suiteConfig.accessToken),
      });
      await testInfo.attach('explore-failure.txt', { body: rendered, contentType: 'text/plain' });
      // The whole shrunk sequence as one script a person pastes against the target (bash, curl, node).
      await testInfo.attach('explore-replay.sh', {
        body: renderReplayScript(outcome.failure, { seed, configuredToken: suiteConfig.accessToken }),
        contentType: 'text/plain',
      });
      const failed = new ExploreFailed(rendered, outcome.failure.signature);
      harness.note(failed);
      throw failed;
    }
    expect(explored, 'explore sent requests within its budget').toBeLessThanOrEqual(budget);
  },
);
