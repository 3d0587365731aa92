import { randomBytes } from 'node:crypto';
import type { IdOperationId } from '../../src/domain/operations';

/**
 * Ids that name no token (rule A6): malformed ones and well-formed unknown ones. Any string is an id to a
 * black-box client; the answer is 404 on getToken, patchToken, deleteToken and resetToken, never 400 or 5xx.
 * The random ones are drawn per call, so a repeated run never depends on one value.
 *
 * Request budget: every operation gets a malformed id and a random well-formed one (the two shapes a
 * server's id parsing tells apart: faults like "400 for a malformed id" or "400 for an unknown well-formed
 * id" are per shape), while the four odd shapes — 24 zeros, 300 characters, URL-special and non-ASCII
 * characters, which test the path's routing and encoding, shared by the four operations — are spread one
 * per operation: 12 requests instead of 24, and every shape is still sent.
 */
// One odd shape per operation that takes an id: a new one must be given its own shape here (the Record is exhaustive).
const ODD_SHAPE: Record<IdOperationId, { given: string; id: () => string }> = {
  getToken: { given: 'a 300-character id', id: () => 'x'.repeat(300) },
  patchToken: { given: 'an id with URL-special characters', id: () => 'a b?c#d&e=f' },
  deleteToken: { given: 'a non-ASCII id', id: () => 'tökén-ïd' },
  resetToken: { given: 'an id of 24 zeros', id: () => '0'.repeat(24) },
};

export function unknownIds(op: IdOperationId): { given: string; id: string }[] {
  const odd = ODD_SHAPE[op];
  return [
    { given: 'a malformed id', id: 'not-a-token-id' },
    { given: 'a random well-formed id', id: randomBytes(12).toString('hex') },
    { given: odd.given, id: odd.id() },
  ];
}
