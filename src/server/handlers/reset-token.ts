import { ApiError, internalError } from '../api-error';
import type { ApiCall, HandlerResult } from '../api-call';
import { createSecret } from '../ids';
import { lastFour, renderToken } from '../representation';
import type { ServerContext } from '../server-context';
import type { OldSecretFate } from '../token-store';
import { findTokenFor, requireWriteRole } from './access';
import { resetExpiryFault, resetKeepsOldSecret } from '../explore-faults';

/** `expiry` as epoch ms, or null when absent or not an integer (then the old secret dies at once). */
export function readExpiry(raw: string | null): number | null {
  if (raw === null || !/^-?\d{1,16}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export async function resetToken(ctx: ServerContext, call: ApiCall): Promise<HandlerResult> {
  const denied = requireWriteRole(call.principal, ctx, call.id);
  if (denied) return denied;
  const token = findTokenFor(ctx, call.principal, call.id);
  if (token instanceof ApiError) return token;
  if (ctx.hasFault('reset-token-hangs')) return 'hang';
  // The store's round trip between reading the token and rotating its secret (serialised per token: index.ts).
  await ctx.roundTrip();

  const now = ctx.clock.now();
  const rawExpiry = call.query.get('expiry');
  const expiry = readExpiry(rawExpiry);
  if (ctx.hasFault('reset-past-expiry-500') && expiry !== null && expiry <= now) return internalError('expiry is in the past');
  const farExpiry = resetExpiryFault(ctx, expiry, now);
  if (farExpiry) return farExpiry;

  // G2: no (usable) expiry → the old secret dies now. G3: a future expiry → it lives until then.
  let oldFate: OldSecretFate = expiry !== null && expiry > now ? { kind: 'expire', at: expiry } : { kind: 'revoke' };
  if (ctx.hasFault('reset-expiry-ignored') || ctx.hasFault('reset-expiry-ignored-late-date')) oldFate = { kind: 'revoke' };
  if (ctx.hasFault('auth-reset-old-secret-alive') && rawExpiry === null) oldFate = { kind: 'keep' };
  if (resetKeepsOldSecret(ctx, token._id, oldFate.kind === 'expire')) oldFate = { kind: 'keep' };
  if (ctx.hasFault('reset-revokes-expiring-secrets')) ctx.store.revokeOldSecrets(token._id);

  const oldSecret = token.secret;
  const newSecret = ctx.hasFault('reset-keeps-secret') ? oldSecret : createSecret();
  // The secret this reset read is the one it retires: the current one, unless a fault let another reset in between.
  const updated = ctx.store.rotateSecret(token._id, newSecret, oldFate, Math.max(now, token.lastModified + 1), oldSecret);
  if (!updated) return internalError('token vanished during reset');

  let tokenValue = newSecret;
  if (ctx.hasFault('reset-returns-old-secret')) tokenValue = oldSecret;
  if (ctx.hasFault('reset-returns-last4')) tokenValue = lastFour(newSecret);
  return { status: ctx.hasFault('reset-token-201') ? 201 : 200, body: renderToken(ctx, updated, tokenValue) };
}
