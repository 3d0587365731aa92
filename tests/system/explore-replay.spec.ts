import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request, test } from '@playwright/test';
import { loadConfig } from '../../src/config/load-config';
import { renderReplayScript } from '../../src/explore/render-replay-script';
import { runExplore, type ExploreOutcome } from '../../src/explore/run-explore';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server';
import { JudgedSession } from '../../src/session/judged-session';

/**
 * Issue 24: explore's failure against a reference server with an explore fault (a patch removing one inlineRole
 * statement answers 500) is signed by its breaking step alone — the same signature for two seeds, with no seed,
 * step number, id or value in it — and its attached replay script, run with bash against the same faulty server,
 * answers the breaking status again.
 */

const FAULT = 'patch-remove-statement-500';
const BUDGET = 300;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function exploreOnce(server: RunningReferenceServer, seed: number): Promise<ExploreOutcome> {
  const context = await request.newContext();
  try {
    const config = loadConfig({ LD_BASE_URL: server.url, LD_ACCESS_TOKEN: server.adminToken, LD_RUN_ID: `replay${seed}` });
    // The judged session without a test, as `npm run explore:seeds` runs it: the suite's client and judgement.
    const session = new JudgedSession({ request: context, config });
    return await runExplore({ session, budget: BUDGET, seed, prefix: config.tokenNamePrefix, timeLimitMs: 120_000 });
  } finally {
    await context.dispose();
  }
}

test('explore: two seeds sign the same fault alike, and the replay script reproduces the breach', async () => {
  test.setTimeout(240_000);
  const server = await startReferenceServer({ fault: FAULT, log: () => undefined });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explore-replay-'));
  try {
    const outcomes = [await exploreOnce(server, 1), await exploreOnce(server, 7)];
    const [first, second] = outcomes.map((outcome) => outcome.failure);
    expect(first, 'seed 1 finds the fault').toBeTruthy();
    expect(second, 'seed 7 finds the fault').toBeTruthy();
    // The breaking step's rule, operation and status: nothing that changes with the seed.
    expect(first?.signature).toEqual({ rule: 'A7', operation: 'patchToken', status: 500 });
    expect(second?.signature).toEqual(first?.signature);

    test.skip(!hasCommand('curl') || !hasCommand('bash'), 'the replay script needs bash and curl on this machine');
    if (!first) return;
    const script = renderReplayScript(first, { seed: 1, configuredToken: server.adminToken });
    // No secret in the attachment: the credential is a variable, bound secrets come from responses at run time.
    expect(script).not.toContain(server.adminToken);
    for (const step of first.steps) {
      const token = /"token":"([^"]+)"/.exec(step.original.response.bodyText)?.[1];
      if (token && token.length > 8) expect(script).not.toContain(token);
    }
    const file = path.join(dir, 'explore-replay.sh');
    fs.writeFileSync(file, script);
    // Asynchronously: the reference server answers from this very process.
    const { stdout: output } = await promisify(execFile)('bash', [file], {
      env: { PATH: process.env.PATH ?? '', LD_BASE_URL: server.url, LD_ACCESS_TOKEN: server.adminToken },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const last = first.steps.length;
    expect(output).toContain(`${last}. `);
    expect(output).toMatch(new RegExp(`^${last}\\. .*patchToken.* -> 500 \\(the run saw 500\\)$`, 'm'));
    expect(output).toContain(`REPRODUCED: step ${last} answered 500`);
    // Every step printed its status.
    for (let step = 1; step <= last; step++) expect(output).toMatch(new RegExp(`^${step}\\. .* -> \\d{3} \\(the run saw \\d{3}\\)$`, 'm'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
});
