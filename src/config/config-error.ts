/**
 * Bad configuration: the message is the whole story (which variable, what was wrong, what is expected),
 * one line, never the secret value itself. Callers print `.message`; the stack is noise to a user.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super(message);
  }
}

/**
 * For entry points (scripts, playwright.config.ts): a ConfigError is `<name>: <one line>` on stderr and exit 2.
 * `onError` runs first with the message (playwright.config.ts: this run's summary.json says `config-error`) and may
 * return a few words to end that same line with (where the account was written); an error it throws changes nothing.
 */
export function exitOnConfigError<T>(name: string, read: () => T, onError?: (message: string) => string | void): T {
  try {
    return read();
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    let suffix = '';
    try {
      suffix = onError?.(error.message) ?? '';
    } catch {
      // the exit code and the line below still say it
    }
    process.stderr.write(`${name}: ${error.message}${suffix}\n`);
    process.exit(2);
  }
}
