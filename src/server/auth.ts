import { internalError, unauthorized, type ApiError } from './api-error';
import { effectiveRole, type Principal } from './model';
import type { OperationId } from '../domain/operations';
import type { ServerContext } from './server-context';

/** The "other clock" of the reset-expiry-other-clock fault: ten minutes behind the server's. */
const OTHER_CLOCK_OFFSET_MS = -10 * 60 * 1000;

function adminPrincipal(ctx: ServerContext): Principal {
  const seeded = ctx.store.allTokens().find((t) => t.memberId === ctx.store.adminMember._id);
  return { tokenId: seeded?._id ?? '', memberId: ctx.store.adminMember._id, role: 'admin' };
}

/**
 * A1: the Authorization header holds the raw secret (no scheme word: "Bearer api-…" is an
 * unknown secret). No header, an unknown secret, a deleted token's secret or an expired old
 * secret → 401.
 */
export function authenticate(ctx: ServerContext, header: string | undefined, operationId: OperationId): Principal | ApiError {
  if (header === undefined || header === '') {
    if (ctx.hasFault('auth-no-header-accepted') && operationId === 'getTokens') return adminPrincipal(ctx);
    return unauthorized();
  }
  if (ctx.hasFault('auth-bearer-scheme-500') && /^bearer\s/i.test(header)) return internalError('bearer token parse failed');
  const entry =
    ctx.store.secretEntry(header) ?? (ctx.hasFault('auth-secret-case-insensitive') ? ctx.store.secretEntryIgnoringCase(header) : undefined);
  if (!entry) return ctx.hasFault('auth-unknown-token-accepted') ? adminPrincipal(ctx) : unauthorized();

  if (entry.expiresAt !== null) {
    const now = ctx.clock.now() + (ctx.hasFault('reset-expiry-other-clock') ? OTHER_CLOCK_OFFSET_MS : 0);
    if (now >= entry.expiresAt && !ctx.hasFault('auth-expired-secret-accepted')) return unauthorized();
  }
  const token = ctx.store.token(entry.tokenId);
  if (!token)
    return ctx.hasFault('auth-deleted-token-accepted') || ctx.hasFault('delete-patched-secret-alive')
      ? entry.principalAtIssue
      : unauthorized();
  return { tokenId: token._id, memberId: token.memberId, role: effectiveRole(token) };
}
