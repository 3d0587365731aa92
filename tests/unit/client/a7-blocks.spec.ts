import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { A7Blocks, a7BlocksDirFor, type A7Block } from '../../../src/client/a7-blocks';

/**
 * The run's A7 blocks as files (src/client/a7-blocks.ts): what one worker records, another (a separate instance on
 * the same directory, as a separate process would hold) reads before its next request; the first record wins.
 */
function tempRun(): { dir: string; done(): void } {
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'a7-blocks-'));
  return { dir: a7BlocksDirFor(reports, 'run1'), done: () => fs.rmSync(reports, { recursive: true, force: true }) };
}

const hang = (test: string, at = 1): A7Block => ({
  operationId: 'resetToken',
  test,
  verdict: 'Rule A7 (never a hang): resetToken POST … got no answer within 2000 ms on its one try',
  at,
});

test('nothing blocked: every operation is free, and no file is written by reading', () => {
  const run = tempRun();
  try {
    const blocks = new A7Blocks(run.dir);
    expect(blocks.blockOf('resetToken')).toBeNull();
    expect(fs.existsSync(run.dir)).toBe(false);
  } finally {
    run.done();
  }
});

test('a block one worker records is seen by another worker of the same run, for that operation only', () => {
  const run = tempRun();
  try {
    const first = new A7Blocks(run.dir);
    const other = new A7Blocks(run.dir);
    expect(other.blockOf('resetToken')).toBeNull();
    first.record(hang('resetToken.spec.ts › resetToken › first'));
    expect(other.blockOf('resetToken')).toEqual(hang('resetToken.spec.ts › resetToken › first'));
    expect(other.blockOf('patchToken')).toBeNull();
    expect(other.list().map((b) => b.operationId)).toEqual(['resetToken']);
    // Only the finished file is left: the temporary one it was linked from is gone.
    expect(fs.readdirSync(run.dir)).toEqual(['resetToken.json']);
  } finally {
    run.done();
  }
});

test('two workers confirming the same hang: the first record stays, and both report the one in force', () => {
  const run = tempRun();
  try {
    const a = new A7Blocks(run.dir);
    const b = new A7Blocks(run.dir);
    expect(a.record(hang('first', 1)).test).toBe('first');
    expect(b.record(hang('second', 2)).test).toBe('first');
    expect(new A7Blocks(run.dir).blockOf('resetToken')?.test).toBe('first');
  } finally {
    run.done();
  }
});

test('a block written by another process is read (workers are processes)', () => {
  const run = tempRun();
  try {
    const script = `require('node:fs').mkdirSync(${JSON.stringify(run.dir)}, { recursive: true });
require('node:fs').writeFileSync(require('node:path').join(${JSON.stringify(run.dir)}, 'deleteToken.json'), JSON.stringify({ operationId: 'deleteToken', test: 'from a worker', verdict: 'v', at: 5 }));`;
    expect(spawnSync(process.execPath, ['-e', script]).status).toBe(0);
    expect(new A7Blocks(run.dir).blockOf('deleteToken')).toEqual({
      operationId: 'deleteToken',
      test: 'from a worker',
      verdict: 'v',
      at: 5,
    });
  } finally {
    run.done();
  }
});

test('a malformed or foreign file blocks nothing; clear() lifts every block of the run', () => {
  const run = tempRun();
  try {
    fs.mkdirSync(run.dir, { recursive: true });
    fs.writeFileSync(path.join(run.dir, 'getToken.json'), '{"operationId":"getTok');
    fs.writeFileSync(path.join(run.dir, 'patchToken.json'), JSON.stringify({ ...hang('x'), operationId: 'resetToken' }));
    const blocks = new A7Blocks(run.dir);
    expect(blocks.blockOf('getToken')).toBeNull();
    expect(blocks.blockOf('patchToken')).toBeNull();
    blocks.record(hang('x'));
    blocks.clear();
    expect(new A7Blocks(run.dir).blockOf('resetToken')).toBeNull();
    expect(fs.existsSync(run.dir)).toBe(false);
  } finally {
    run.done();
  }
});
