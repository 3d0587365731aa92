import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSuite } from '../../src/harness/run-suite';
import { startReferenceServer } from '../../src/server';
import { startRecordingProxy } from './support/recording-proxy';
import { collectCorpora, scanForSecrets } from './support/secret-scan';

/**
 * H2 from the outside: run the whole suite against a target that makes tests fail — and that even puts
 * whole secrets where they do not belong (fault `secret-in-get-token`) — then search everything the run
 * wrote (HTML report and its embedded data, JUnit, JSON, attachments, test-results, coverage, console
 * output) for every secret the run handled. Zero hits required.
 */
test('no secret of the run appears in any report, attachment or console output (H2)', { annotation: [{ type: 'rule', description: 'H2' }] }, async () => {
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-'));
  const server = await startReferenceServer({ fault: 'secret-in-get-token', log: () => undefined });
  const proxy = await startRecordingProxy(server.url);
  try {
    const run = await runSuite({ baseUrl: proxy.url, accessToken: server.adminToken, reportsDir, timeoutMs: 4 * 60_000 });
    expect(run.timedOut, 'the suite run finished in time').toBe(false);

    // The scan only means something if tests failed (failure messages, attachments) and secrets flowed.
    const contractFailures = run.failedTests.filter((t) => !t.environment && t.title !== '(global)');
    expect(contractFailures.length, `tests failed against the faulty target:\n${run.stdout.slice(-2000)}`).toBeGreaterThan(0);
    const secrets = new Set([server.adminToken, ...proxy.secrets]);
    expect(secrets.size, 'the run created or reset tokens, so it handled more secrets than the admin token').toBeGreaterThan(1);

    const corpora = [
      ...collectCorpora(reportsDir),
      { where: '(stdout)', data: Buffer.from(run.stdout) },
      { where: '(stderr)', data: Buffer.from(run.stderr) },
    ];
    const files = corpora.filter((c) => !c.where.includes('!') && !c.where.includes('#') && !c.where.startsWith('('));
    for (const expected of ['junit.xml', 'conformance.json', path.join('html', 'index.html')]) {
      expect(files.map((c) => c.where), `the run wrote ${expected}`).toContain(expected);
    }
    expect(corpora.some((c) => c.where.startsWith(`html${path.sep}index.html#`) && c.where.includes('!')), 'the HTML report’s embedded zip was opened and scanned').toBe(true);
    const hits = scanForSecrets(corpora, secrets);
    expect(hits, `secrets found in ${hits.length} place(s) (scanned ${files.length} files, ${corpora.length} pieces, ${secrets.size} secrets)`).toEqual([]);
    console.log(`secret scan: ${secrets.size} secrets, ${files.length} files (${corpora.length} pieces incl. zip entries and base64 blobs), ${contractFailures.length} failed tests, 0 hits`);
    fs.rmSync(reportsDir, { recursive: true, force: true });
  } finally {
    await proxy.close();
    await server.close();
  }
});

test('control: the scanner finds a planted secret in plain text and inside base64', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-scan-control-'));
  const secret = 'api-0b6f1c2e-4d5a-4e3b-9c8d-7a6b5c4d3e2f';
  fs.writeFileSync(path.join(dir, 'plain.log'), `call log: authorization: ${secret}\n`);
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(path.join(dir, 'nested', 'report.json'), JSON.stringify({ attachments: [{ body: Buffer.from(JSON.stringify({ token: secret })).toString('base64') }] }));
  fs.writeFileSync(path.join(dir, 'masked.txt'), `token ***${secret.slice(-4)}`);
  const hits = scanForSecrets(collectCorpora(dir), [secret]);
  expect(hits.map((h) => h.where).sort()).toEqual(['nested/report.json#base64[0]', 'plain.log']);
  expect(hits.every((h) => h.secret === '***3e2f')).toBe(true);
});
