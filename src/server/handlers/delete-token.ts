import { ApiError } from '../api-error';
import type { ApiCall, HandlerResult } from '../api-call';
import { lastFour, renderToken } from '../representation';
import type { ServerContext } from '../server-context';
import { findTokenFor, requireWriteRole } from './access';

export async function deleteToken(ctx: ServerContext, call: ApiCall): Promise<HandlerResult> {
  const denied = requireWriteRole(call.principal, ctx, call.id);
  if (denied) return denied;
  const token = findTokenFor(ctx, call.principal, call.id);
  if (token instanceof ApiError) return token;
  // The store's round trip between finding the token and removing it (serialised per token: index.ts). The fault
  // concurrent-delete-resurrects removes it at once, outside the queue, while an earlier patch is still writing.
  if (!ctx.hasFault('concurrent-delete-resurrects')) await ctx.roundTrip();
  if (!ctx.hasFault('delete-not-deleting')) {
    // F1: the token and every secret it had (current and not-yet-expired old ones) die together.
    const patchedSecretAlive = ctx.hasFault('delete-patched-secret-alive') && token.lastModified > token.creationDate;
    ctx.store.remove(token._id, { revokeSecrets: !ctx.hasFault('auth-deleted-token-accepted') && !patchedSecretAlive });
  }
  if (ctx.hasFault('delete-token-200-with-body')) return { status: 200, body: renderToken(ctx, token, lastFour(token.secret)) };
  return { status: 204 };
}
