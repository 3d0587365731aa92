/** Bad input to `npm run diff` (flags, plan file, ignore file, credentials): one line, exit 2. */
export class DiffInputError extends Error {
  override name = 'DiffInputError';
}
