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

/** For entry points (scripts, playwright.config.ts): a ConfigError is `<name>: <one line>` on stderr and exit 2. */
export function exitOnConfigError<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exit(2);
  }
}
