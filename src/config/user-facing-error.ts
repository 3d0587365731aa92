/**
 * An error whose message is the whole story for the person running the suite. Playwright prints a global
 * setup/teardown error's stack; with the stack reduced to the message, it prints just the message.
 */
export function userFacingError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

/**
 * A user-facing error whose fix is the run's configuration (a variable, a file it names, the production guard, a
 * token the target refused): global set-up records it with cause `configuration`, so the run's status is
 * `config-error` and `npm run conformance` exits 2 (src/domain/run-status.ts). Printed like userFacingError.
 */
export class ConfigurationStop extends Error {
  // Printed by Playwright as `Error: <message>`, like userFacingError's (what people and tests read today).
  override readonly name = 'Error';
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}
