import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite, type SuiteRunResult } from '../../src/harness/run-suite';
import { startReferenceServer } from '../../src/server';
import { createIssuedSecretRecorder } from './support/issued-secret-recorder';
import { startRecordingProxy } from './support/recording-proxy';
import {
  collectCorpora,
  REFERENCE_SECRET_PATTERN,
  scanForSecretPattern,
  scanForSecrets,
  type Corpus,
} from '../../src/hygiene/artifact-scan';

/**
 * H2 from the outside: run the whole suite against a target that makes tests fail — and that even puts
 * whole secrets where they do not belong — then search everything the run wrote (HTML report and its
 * embedded data, JUnit, JSON, attachments, test-results, coverage, console output) for every secret the
 * run handled. Zero hits required.
 *
 * Two targets, because they leak differently: a remote one (LD_BASE_URL, the token in LD_ACCESS_TOKEN) and
 * the embedded server the suite starts itself (webServer; its admin token travels through the environment,
 * and an earlier version leaked it into conformance.json through the serialised `webServer.env`).
 */

const RULE_H2 = { annotation: [{ type: 'rule', description: 'H2' }] };

/** Everything a run left: its reports directory, opened up, and its console output. */
function collectRunCorpora(reportsDir: string, run: SuiteRunResult): Corpus[] {
  return [
    ...collectCorpora(reportsDir),
    { where: '(stdout)', data: Buffer.from(run.stdout) },
    { where: '(stderr)', data: Buffer.from(run.stderr) },
  ];
}

/** The scan is only as good as what it opened: the main reports exist and the HTML report's zip was read. */
function expectReportsOpened(corpora: readonly Corpus[]): Corpus[] {
  const files = corpora.filter((c) => !c.where.includes('!') && !c.where.includes('#') && !c.where.startsWith('('));
  for (const expected of ['junit.xml', 'conformance.json', 'coverage.json', path.join('html', 'index.html')]) {
    expect(
      files.map((c) => c.where),
      `the run wrote ${expected}`,
    ).toContain(expected);
  }
  expect(
    corpora.some((c) => c.where.startsWith(`html${path.sep}index.html#`) && c.where.includes('!')),
    'the HTML report’s embedded zip was opened and scanned',
  ).toBe(true);
  return files;
}

/** Tests that failed on the target's behaviour (not the environment, not a global error). */
function contractFailuresOf(run: SuiteRunResult): SuiteRunResult['failedTests'] {
  return run.failedTests.filter((t) => !t.environment && t.title !== '(global)');
}

test('no secret of the run appears in any report, attachment or console output (H2)', RULE_H2, async () => {
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
  const server = await startReferenceServer({ fault: 'secret-in-get-token', log: () => undefined });
  const proxy = await startRecordingProxy(server.url);
  try {
    const run = await runSuite({ baseUrl: proxy.url, accessToken: server.adminToken, reportsDir, timeoutMs: 4 * 60_000 });
    expect(run.timedOut, 'the suite run finished in time').toBe(false);

    // The scan only means something if tests failed (failure messages, attachments) and secrets flowed.
    const contractFailures = contractFailuresOf(run);
    expect(contractFailures.length, `tests failed against the faulty target:\n${run.stdout.slice(-2000)}`).toBeGreaterThan(0);
    const secrets = new Set([server.adminToken, ...proxy.secrets]);
    expect(secrets.size, 'the run created or reset tokens, so it handled more secrets than the admin token').toBeGreaterThan(1);

    const corpora = collectRunCorpora(reportsDir, run);
    const files = expectReportsOpened(corpora);
    const hits = scanForSecrets(corpora, secrets);
    expect(
      hits,
      `secrets found in ${hits.length} place(s) (scanned ${files.length} files, ${corpora.length} pieces, ${secrets.size} secrets)`,
    ).toEqual([]);
    console.log(
      `secret scan (remote): ${secrets.size} secrets, ${files.length} files (${corpora.length} pieces incl. zip entries and base64 blobs), ${contractFailures.length} failed tests, 0 hits`,
    );
    fs.rmSync(reportsDir, { recursive: true, force: true });
  } finally {
    await proxy.close();
    await server.close();
  }
});

test(
  'embedded target: neither its admin token nor any secret it issued appears in any report, attachment or console output, webServer output included (H2)',
  RULE_H2,
  async () => {
    // The fault lists whole secrets in getTokens — every token's, the admin token's too — so tests fail with
    // secrets in the very responses the reports describe.
    const fault = 'secret-in-get-tokens';
    const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-embedded-'));
    // Outside reportsDir: the recorder's log holds whole secrets and must not be scanned as an artifact.
    const recorderDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-recorder-'));
    const recorder = createIssuedSecretRecorder(recorderDir);
    // Known to the test, in the server's own format, so both nets below can catch it.
    const adminToken = `api-${randomUUID()}`;
    try {
      // No baseUrl: the suite starts its embedded server (webServer), which inherits REF_FAULT and the preload.
      const run = await runSuite({
        reportsDir,
        env: { LD_EMBEDDED_ADMIN_TOKEN: adminToken, REF_FAULT: fault, ...recorder.env },
        timeoutMs: 4 * 60_000,
      });
      expect(run.timedOut, 'the suite run finished in time').toBe(false);

      // The run really failed, on the injected fault, and the webServer's own output is part of what we scan.
      const contractFailures = contractFailuresOf(run);
      expect(run.exitCode, 'the run failed').not.toBe(0);
      expect(
        contractFailures.filter((t) => t.rules.includes('D1')).length,
        `D1 tests failed against the faulty embedded server:\n${run.stdout.slice(-2000)}`,
      ).toBeGreaterThan(0);
      expect(run.stderr, 'the webServer’s stderr (its fault banner) reached the console output being scanned').toContain(
        `FAULT INJECTED: ${fault}`,
      );

      // Net 1: every secret the server issued or was sent, recorded inside the server process.
      expect(recorder.wasActive(), 'the recorder ran inside the embedded server').toBe(true);
      const secrets = new Set([adminToken, ...recorder.readSecrets()]);
      const issued = [...secrets].filter((s) => s !== adminToken && new RegExp(`^${REFERENCE_SECRET_PATTERN.source}$`, 'i').test(s));
      expect(issued.length, 'the server issued secrets during the run (created and reset tokens)').toBeGreaterThan(0);

      const corpora = collectRunCorpora(reportsDir, run);
      const files = expectReportsOpened(corpora);
      const hits = scanForSecrets(corpora, secrets);
      expect(
        hits,
        `known secrets found in ${hits.length} place(s) (scanned ${files.length} files, ${corpora.length} pieces, ${secrets.size} secrets)`,
      ).toEqual([]);
      // Net 2: any string of the server's secret format, known or not.
      const patternHits = scanForSecretPattern(corpora);
      expect(patternHits, `api-<uuid> secrets found in ${patternHits.length} place(s)`).toEqual([]);
      console.log(
        `secret scan (embedded, ${fault}): ${secrets.size} secrets (${issued.length} issued), ${files.length} files (${corpora.length} pieces incl. zip entries and base64 blobs), ${contractFailures.length} failed tests, 0 hits, 0 api-<uuid> strings`,
      );
      fs.rmSync(reportsDir, { recursive: true, force: true });
    } finally {
      fs.rmSync(recorderDir, { recursive: true, force: true });
    }
  },
);

test('control: the scanner finds a planted secret in plain text and inside base64', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-control-'));
  const secret = 'api-0b6f1c2e-4d5a-4e3b-9c8d-7a6b5c4d3e2f';
  fs.writeFileSync(path.join(dir, 'plain.log'), `call log: authorization: ${secret}\n`);
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(
    path.join(dir, 'nested', 'report.json'),
    JSON.stringify({ attachments: [{ body: Buffer.from(JSON.stringify({ token: secret })).toString('base64') }] }),
  );
  fs.writeFileSync(path.join(dir, 'masked.txt'), `token ***${secret.slice(-4)}`);
  const corpora = collectCorpora(dir);
  const want = ['nested/report.json#base64[0]', 'plain.log'];
  const hits = scanForSecrets(corpora, [secret]);
  expect(hits.map((h) => h.where).sort()).toEqual(want);
  expect(hits.every((h) => h.secret === '***3e2f')).toBe(true);
  // The pattern net finds the same two places without being told the secret, and not the masked one.
  expect(
    scanForSecretPattern(corpora)
      .map((h) => h.where)
      .sort(),
  ).toEqual(want);
  fs.rmSync(dir, { recursive: true, force: true });
});
