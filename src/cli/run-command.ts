/**
 * The one way a script ends: `runCommand('spec:diff', main)` runs `main`, turns its result into the exit
 * code and any error it throws into ONE line on stderr, `<name>: <message>` (never a stack trace), so every
 * command fails the same way. `cmd | head` closing the pipe early is not an error either: the command stops
 * quietly instead of dying with an EPIPE stack trace.
 */

export interface RunCommandOptions {
  /** Exit code when `main` throws (default 2, the project's code for bad input). */
  errorExitCode?: number;
  /**
   * Errors this command expects (bad input it recognises): their message is shown as it is. Any other
   * error is prefixed `unexpected error: `, so a reader can tell a refused input from a bug. By default
   * every error is treated as expected.
   */
  isExpected?: (error: unknown) => boolean;
  /** Applied to the error line before it is printed (e.g. secret redaction for commands that hold tokens). */
  redact?: (line: string) => string;
  /**
   * End with `process.exit` instead of setting `process.exitCode`: for commands that leave servers, child
   * processes or timers behind on purpose (their main has already reported and cleaned up what matters).
   */
  exitAtOnce?: boolean;
}

/** What `main` may return: an exit code, or nothing for 0. */
export type CommandResult = number | void;

/** The one error line a failed command prints (without the newline). */
export function formatCommandError(name: string, error: unknown, options: Pick<RunCommandOptions, 'isExpected' | 'redact'> = {}): string {
  const message = error instanceof Error ? error.message : String(error);
  const expected = options.isExpected?.(error) ?? true;
  const line = `${name}: ${expected ? '' : 'unexpected error: '}${message.split('\n')[0] ?? ''}`;
  return options.redact ? options.redact(line) : line;
}

export function runCommand(name: string, main: () => CommandResult | Promise<CommandResult>, options: RunCommandOptions = {}): void {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  const finish = (code: number): void => {
    if (options.exitAtOnce) process.exit(code);
    process.exitCode = code;
  };
  // Promise.resolve().then(main) also turns a synchronous throw of main into a rejection.
  Promise.resolve()
    .then(main)
    .then(
      (code) => finish(code ?? 0),
      (error: unknown) => {
        process.stderr.write(formatCommandError(name, error, options) + '\n');
        finish(options.errorExitCode ?? 2);
      },
    )
    .catch(() => undefined); // finish itself cannot throw; this only keeps the promise from floating
}

/** A reader that stopped reading (`| head`) is not a failure of the command: stop quietly. */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
