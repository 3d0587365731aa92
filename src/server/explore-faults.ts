import { internalError, patchFailed, type ApiError } from './api-error';
import type { Statement, TokenRecord } from './model';
import type { ServerContext } from './server-context';
import type { PatchOp } from './token-patch';

/**
 * The input- and sequence-dependent faults of the explore block (faults.ts), kept out of the handlers'
 * main lines: each breaks a promise only for particular valid inputs or after a particular sequence.
 */

const WHOLE_ARRAY_PATHS = new Set(['/customRoleIds', '/inlineRole']);
const STATEMENT_INDEX = /^\/inlineRole\/\d+$/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** postToken: the stored input under the C1 faults of the block, or an A7 500. */
export function postTokenFault(
  ctx: ServerContext,
  input: { name?: string; description?: string; inlineRole?: Statement[] },
): ApiError | null {
  if (ctx.hasFault('post-non-ascii-name-500') && input.name !== undefined && NON_ASCII.test(input.name))
    return internalError('name encoding failed');
  if (ctx.hasFault('lone-surrogate-name-500') && input.name !== undefined && LONE_SURROGATE.test(input.name))
    return internalError('name is not well-formed UTF-16');
  if (ctx.hasFault('description-cut-at-100') && input.description !== undefined) input.description = input.description.slice(0, 100);
  if (ctx.hasFault('empty-description-dropped') && input.description === '') delete input.description;
  if (ctx.hasFault('statement-negations-dropped') && input.inlineRole)
    input.inlineRole = input.inlineRole.map(({ notActions: _a, notResources: _r, ...kept }) => kept);
  return null;
}

/** patchToken: an answer the faulty server gives instead of applying the patch, or null. */
export function patchTokenFault(ctx: ServerContext, ops: PatchOp[]): ApiError | null {
  if (ctx.hasFault('patch-test-array-fails') && ops.some((op) => op.op === 'test' && WHOLE_ARRAY_PATHS.has(op.path)))
    return patchFailed('test failed');
  if (ctx.hasFault('patch-remove-statement-500') && ops.some((op) => op.op === 'remove' && STATEMENT_INDEX.test(op.path)))
    return internalError('statement index out of sync');
  const writesNonAscii = (op: PatchOp): boolean => op.path === '/description' && typeof op.value === 'string' && NON_ASCII.test(op.value);
  if (ctx.hasFault('patch-non-ascii-description-500') && ops.some(writesNonAscii)) return internalError('description encoding failed');
  return null;
}

/** getTokens: an A7 500 for a limit above the page cap. */
export function listLimitFault(ctx: ServerContext, rawLimit: string | null): ApiError | null {
  return ctx.hasFault('limit-over-100-500') && rawLimit !== null && /^\d+$/.test(rawLimit) && Number(rawLimit) > 100
    ? internalError('page size out of range')
    : null;
}

/** resetToken: an A7 500 for an expiry far ahead. */
export function resetExpiryFault(ctx: ServerContext, expiry: number | null, now: number): ApiError | null {
  return ctx.hasFault('reset-far-expiry-500') && expiry !== null && expiry > now + 7 * 24 * 3_600_000
    ? internalError('expiry out of range')
    : null;
}

/** patchToken: `add` at an index inside an array field becomes an append (patch-add-index-appends). */
export function rewritePatchOps(ctx: ServerContext, ops: PatchOp[]): PatchOp[] {
  let out = ops;
  if (ctx.hasFault('patch-add-index-appends'))
    out = out.map((op) =>
      op.op === 'add' && /^\/(customRoleIds|inlineRole)\/\d+$/.test(op.path) ? { ...op, path: op.path.replace(/\d+$/, '-') } : op,
    );
  if (ctx.hasFault('patch-many-ops-drops-last') && out.length >= 3) out = out.slice(0, -1);
  return out;
}

/** Per server: how often each token was reset, and each patched token as it was before its last patch. */
const resetCounts = new WeakMap<ServerContext, Map<string, number>>();
const beforeLastPatch = new WeakMap<ServerContext, Map<string, TokenRecord>>();

/** resetToken: counts the reset; true when the replaced secret should stay alive (reset-again-old-secret-alive). */
export function resetKeepsOldSecret(ctx: ServerContext, tokenId: string, hasExpiry: boolean): boolean {
  const counts = resetCounts.get(ctx) ?? new Map<string, number>();
  resetCounts.set(ctx, counts);
  const before = counts.get(tokenId) ?? 0;
  counts.set(tokenId, before + 1);
  return ctx.hasFault('reset-again-old-secret-alive') && !hasExpiry && before >= 1;
}

/** patchToken: remembers the token as it was (list-stale-after-patch). */
export function rememberBeforePatch(ctx: ServerContext, token: TokenRecord): void {
  if (!ctx.hasFault('list-stale-after-patch')) return;
  const map = beforeLastPatch.get(ctx) ?? new Map<string, TokenRecord>();
  beforeLastPatch.set(ctx, map);
  map.set(token._id, token);
}

/** getTokens: the token as the list shows it (stale under list-stale-after-patch, with its current secret). */
export function listedRecord(ctx: ServerContext, token: TokenRecord): TokenRecord {
  const stale = ctx.hasFault('list-stale-after-patch') ? beforeLastPatch.get(ctx)?.get(token._id) : undefined;
  return stale ? { ...stale, secret: token.secret } : token;
}
