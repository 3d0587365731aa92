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
