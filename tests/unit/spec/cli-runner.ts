import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Runs `tsx scripts/schemas.ts <args>` as `npm run schemas` would, and returns what it printed. */
export function runSchemasCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['scripts/schemas.ts', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx scripts/<script> <args>` without blocking this process, so a test may serve a spec
 * over HTTP to the command it runs.
 */
export function runScript(script: string, args: string[], cwd: string = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'scripts', script), ...args], {
      cwd,
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
