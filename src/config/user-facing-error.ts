/**
 * An error whose message is the whole story for the person running the suite. Playwright prints a global
 * setup/teardown error's stack; with the stack reduced to the message, it prints just the message.
 */
export function userFacingError(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
