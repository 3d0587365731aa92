import { forbidden, invalidRequest, notFound, type ApiError } from '../api-error';
import { isObjectId } from '../ids';
import type { Principal, TokenRecord } from '../model';
import type { ServerContext } from '../server-context';

/**
 * Who may see and change which token.
 * - admin: every token of the account.
 * - writer, reader: only tokens of their own member. Another member's token answers 404, not
 *   403: a 403 would confirm that the id exists, letting a low-privilege token enumerate ids.
 */
export function findTokenFor(ctx: ServerContext, principal: Principal, id: string): TokenRecord | ApiError {
  if (ctx.hasFault('malformed-id-400') && !isObjectId(id)) return invalidRequest('malformed token id');
  const token = ctx.store.token(id);
  if (!token) return notFound();
  if (principal.role !== 'admin' && token.memberId !== principal.memberId) return notFound();
  return token;
}

/** B1: readers may only read. Checked before the id lookup: the role alone decides. */
export function requireWriteRole(principal: Principal): ApiError | null {
  return principal.role === 'reader' ? forbidden('Forbidden. A reader token cannot change access tokens.') : null;
}
