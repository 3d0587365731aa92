/**
 * Ctrl-C means stop. A long command (self-check, flake-check, bench) takes one AbortSignal from
 * `abortOnInterrupt` and passes it to every child run it starts: the first SIGINT/SIGTERM aborts it,
 * each running child gets SIGINT (Playwright then stops its workers, runs its teardown and closes its
 * web server) and SIGKILL if it is still there after a grace period; the command's `finally` blocks
 * close the servers it started. A second Ctrl-C exits at once.
 */
import type { ChildProcess } from 'node:child_process';

export const INTERRUPTED_EXIT_CODE = 130;

/** Why a run ended early: the command was interrupted. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export function abortOnInterrupt(name: string, log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      log(`${name}: ${signal} again: exiting now`);
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    log(`${name}: ${signal}: stopping the runs in progress and closing servers (press Ctrl-C again to exit at once)`);
    controller.abort(new InterruptedError(`${name} was interrupted (${signal})`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** Throws InterruptedError when the signal has fired: call between steps so no new run starts. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new InterruptedError('interrupted');
}

/**
 * Stops `child` when `signal` fires: SIGINT first (to its whole process group when it was spawned
 * detached), SIGKILL after `graceMs`. Returns the function that detaches the listener once the child
 * has exited.
 */
export function stopChildOnAbort(
  child: ChildProcess,
  signal: AbortSignal | undefined,
  opts: { detached: boolean; graceMs?: number },
): () => void {
  if (!signal) return () => undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const send = (sig: NodeJS.Signals): void => {
    if (!child.pid) return;
    try {
      if (opts.detached) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  const onAbort = (): void => {
    send('SIGINT');
    killTimer = setTimeout(() => send('SIGKILL'), opts.graceMs ?? 10_000);
    killTimer.unref();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    if (killTimer) clearTimeout(killTimer);
    // The group may outlive its leader (a worker still exiting): make sure nothing of it is left.
    if (signal.aborted && opts.detached) send('SIGKILL');
  };
}
