import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { formatCommandError } from '../../../src/cli/run-command';

const REPO = path.resolve(__dirname, '../../..');

class InputError extends Error {}

test.describe('formatCommandError', () => {
  const cases: { given: { error: unknown; expected?: (e: unknown) => boolean; redact?: (s: string) => string }; want: string }[] = [
    { given: { error: new Error('no such file: x.json') }, want: 'cmd: no such file: x.json' },
    { given: { error: 'a thrown string' }, want: 'cmd: a thrown string' },
    { given: { error: new Error('first line\n    at stack frame') }, want: 'cmd: first line' },
    { given: { error: new InputError('bad --runs'), expected: (e) => e instanceof InputError }, want: 'cmd: bad --runs' },
    {
      given: { error: new TypeError('x is undefined'), expected: (e) => e instanceof InputError },
      want: 'cmd: unexpected error: x is undefined',
    },
    {
      given: { error: new Error('token api-abc leaked'), redact: (s) => s.replace(/api-\w+/, 'api-***') },
      want: 'cmd: token api-*** leaked',
    },
  ];
  for (const { given, want } of cases) {
    test(`renders ${JSON.stringify(want)}`, () => {
      expect(formatCommandError('cmd', given.error, { isExpected: given.expected, redact: given.redact })).toBe(want);
    });
  }
});

test.describe('runCommand', () => {
  /** Runs a tiny script that ends through runCommand; returns its exit status and output. */
  function runScript(body: string, pipeToHead = false): { status: number | null; stdout: string; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-command-'));
    const file = path.join(dir, 'script.ts');
    fs.writeFileSync(file, `import { runCommand } from ${JSON.stringify(path.join(REPO, 'src/cli/run-command'))};\n${body}\n`);
    const tsx = path.join(REPO, 'node_modules/.bin/tsx');
    const command = pipeToHead
      ? `${JSON.stringify(tsx)} ${JSON.stringify(file)} | head -n 1`
      : `${JSON.stringify(tsx)} ${JSON.stringify(file)}`;
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', command], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  test('the code main returns is the exit code', () => {
    expect(runScript(`runCommand('cmd', async () => 3);`).status).toBe(3);
  });

  test('a throw is one line on stderr and exit 2 by default, no stack trace', () => {
    const run = runScript(`runCommand('cmd', () => { throw new Error('bad value for --x'); });`);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('cmd: bad value for --x\n');
  });

  test('the error exit code can be chosen', () => {
    expect(runScript(`runCommand('cmd', async () => { throw new Error('x'); }, { errorExitCode: 1 });`).status).toBe(1);
  });

  test('a reader closing the pipe early (| head) ends the command quietly, no EPIPE stack trace', () => {
    const run = runScript(
      `runCommand('cmd', async () => { for (let i = 0; i < 200000; i++) process.stdout.write('line ' + i + '\\n'); await new Promise((r) => setTimeout(r, 200)); return 0; });`,
      true,
    );
    expect(run.stdout).toBe('line 0\n');
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.status).toBe(0);
  });
});
