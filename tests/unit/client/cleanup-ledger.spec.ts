import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { CleanupLedger, ledgerPathFor } from '../../../src/client/cleanup-ledger';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../../..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
}

test('lives at <reports>/.ledger/<runId>.jsonl and summarises created/deleted/pending', () => {
  const dir = tempDir();
  const ledger = CleanupLedger.forRun({ reportsDir: dir, runId: 'r1' });
  expect(ledger.filePath).toBe(path.join(dir, '.ledger', 'r1.jsonl'));
  expect(ledger.exists()).toBe(false);
  ledger.ensure();
  expect(ledger.exists()).toBe(true);
  ledger.recordCreated('a', 'ldct-r1-a');
  ledger.recordCreated('b', 'ldct-r1-b');
  ledger.recordCreated('c');
  ledger.recordDeleted('b');
  ledger.recordDeleted('zzz'); // deleting something never created does not count
  expect(ledger.summarize()).toEqual({ created: 3, deleted: 1, pending: [{ id: 'a', name: 'ldct-r1-a' }, { id: 'c' }] });
  const lines = fs
    .readFileSync(ledger.filePath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines[0]).toMatchObject({ event: 'created', id: 'a', name: 'ldct-r1-a' });
  expect(lines[3]).toMatchObject({ event: 'deleted', id: 'b' });
});

test('a torn last line (process killed mid-write) is skipped, not fatal', () => {
  const dir = tempDir();
  const ledger = new CleanupLedger(ledgerPathFor(dir, 'r2'));
  ledger.recordCreated('a');
  fs.appendFileSync(ledger.filePath, '{"event":"created","id":"b"');
  expect(ledger.summarize()).toEqual({ created: 1, deleted: 0, pending: [{ id: 'a' }] });
});

test('concurrent appends from several processes: every line intact, none lost', async () => {
  const dir = tempDir();
  const file = ledgerPathFor(dir, 'r3');
  const script = `
    const { CleanupLedger } = require(${JSON.stringify(path.join(REPO, 'src/client/cleanup-ledger.ts'))});
    const ledger = new CleanupLedger(${JSON.stringify(file)});
    const w = process.argv[1];
    for (let i = 0; i < 200; i++) { ledger.recordCreated(w + '-' + i, 'ldct-r3-' + 'x'.repeat(300)); if (i % 2) ledger.recordDeleted(w + '-' + i); }
  `;
  await Promise.all(['w0', 'w1', 'w2', 'w3'].map((w) => run(process.execPath, ['--import', 'tsx', '-e', script, w], { cwd: REPO })));
  const raw = fs.readFileSync(file, 'utf8').trim().split('\n');
  expect(raw).toHaveLength(4 * 300);
  for (const line of raw) expect(() => JSON.parse(line) as unknown).not.toThrow();
  expect(new CleanupLedger(file).summarize()).toMatchObject({ created: 800, deleted: 400 });
  expect(new CleanupLedger(file).summarize().pending).toHaveLength(400);
});
