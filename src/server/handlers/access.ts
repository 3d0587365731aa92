import { forbidden, invalidRequest, notFound, type ApiError } from '../api-error';
import { isObjectId } from '../ids';
import { rankOf, type Principal, type Role, type TokenRecord } from '../model';
import type { ServerContext } from '../server-context';

/**
 * Who may see and change which token.
 * - admin: every token of the account.
 * - writer, reader: only tokens of their own member. Another member's token answers 404, not
 *   403: a 403 would confirm that the id exists, letting a low-privilege token enumerate ids.
 */
export function findTokenFor(
  ctx: ServerContext,
  principal: Principal,
  id: string,
  access: 'read' | 'write' = 'write',
): TokenRecord | ApiError {
  if (ctx.hasFault('malformed-id-400') && !isObjectId(id)) return invalidRequest('malformed token id');
  const token = ctx.store.token(id);
  if (!token) return notFound();
  // The authz-other-member-readable fault: a non-admin reads another member's token by id (B6).
  const othersReadable = access === 'read' && ctx.hasFault('authz-other-member-readable');
  if (principal.role !== 'admin' && token.memberId !== principal.memberId && !othersReadable) return notFound();
  return token;
}

/**
 * B1, B5: readers may only read — every token, their own included. Checked before the id lookup: the role alone
 * decides (`id`: the token the request names, for the authz-reader-changes-itself fault only).
 */
export function requireWriteRole(principal: Principal, ctx?: ServerContext, id?: string): ApiError | null {
  if (ctx?.hasFault('authz-reader-changes-itself') && id === principal.tokenId) return null;
  return principal.role === 'reader' ? forbidden('Forbidden. A reader token cannot change access tokens.') : null;
}

/** B4: a token never creates or patches a token to a role above its own (the authz-writer-mints-admin fault: a writer may). */
export function isAboveCaller(ctx: ServerContext, principal: Principal, role: Role): boolean {
  if (ctx.hasFault('authz-writer-mints-admin') && principal.role === 'writer') return false;
  return rankOf(role) > rankOf(principal.role);
}
