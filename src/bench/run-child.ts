/** Runs a bench helper script in a fresh `tsx` process and reads the one JSON line it prints. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopChildOnAbort, throwIfInterrupted } from '../harness/interrupt';
import { BenchInputError } from './stats';

const REPO_ROOT = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export async function runTsxChild<T>(script: string, opts: { stdin?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  throwIfInterrupted(opts.signal);
  const child = spawn(process.execPath, [TSX_CLI, script], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(opts.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
  const detachAbort = stopChildOnAbort(child, opts.signal, { detached: false, graceMs: 2_000 });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  detachAbort();
  throwIfInterrupted(opts.signal);
  const name = path.relative(REPO_ROOT, script);
  if (code !== 0) throw new BenchInputError(`${name} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new BenchInputError(`${name} printed no JSON result: ${line.slice(0, 160)}`);
  }
}
