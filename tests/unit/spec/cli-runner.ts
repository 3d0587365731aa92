import { spawnSync } from 'node:child_process';
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
