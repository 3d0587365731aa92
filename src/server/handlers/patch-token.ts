import { isDeepStrictEqual } from 'node:util';
import { ApiError, forbidden, invalidRequest, notFound, patchFailed } from '../api-error';
import type { ApiCall, HandlerResult } from '../api-call';
import type { EditableTokenFields, TokenRecord } from '../model';
import { buildTokenDocument, lastFour, renderToken } from '../representation';
import { parseJsonBody } from '../request-body';
import type { ServerContext } from '../server-context';
import { applyTokenPatch, editableFieldsOf, parsePatchDocument } from '../token-patch';
import { findTokenFor, isAboveCaller, requireWriteRole } from './access';
import { patchTokenFault, rememberBeforePatch, rewritePatchOps } from '../explore-faults';

function withFields(token: TokenRecord, fields: EditableTokenFields, lastModified: number): TokenRecord {
  const { name: _n, description: _d, role: _r, ...rest } = token;
  return { ...rest, ...fields, lastModified };
}

export async function patchToken(ctx: ServerContext, call: ApiCall): Promise<HandlerResult> {
  const denied = requireWriteRole(call.principal, ctx, call.id);
  if (denied) return denied;
  const token = findTokenFor(ctx, call.principal, call.id);
  if (token instanceof ApiError) return token;
  const parsed = parseJsonBody(ctx, call);
  if (parsed instanceof ApiError) return parsed;
  const parsedOps = parsePatchDocument(parsed.value);
  if (typeof parsedOps === 'string') return invalidRequest(parsedOps); // E3
  const ops = rewritePatchOps(ctx, parsedOps);
  const broken = patchTokenFault(ctx, ops);
  if (broken) return broken;

  // The store's round trip between the read above and the write below: other requests run meanwhile. Writes to the
  // token are serialised around this handler (index.ts), so `token` is still what is stored — unless a fault lets a
  // delete in, and then a correct server does not write the token back.
  await ctx.roundTrip();
  if (ctx.store.token(token._id) === undefined && !ctx.hasFault('concurrent-delete-resurrects')) return notFound();
  const doc = buildTokenDocument(ctx.store, token, lastFour(token.secret));
  const outcome = applyTokenPatch(doc, ops);
  if (!outcome.ok) {
    if (ctx.hasFault('patch-partially-applied')) {
      const prefix = applyTokenPatch(doc, ops.slice(0, outcome.failedIndex));
      if (prefix.ok) ctx.store.update(withFields(token, prefix.fields, Math.max(ctx.clock.now(), token.lastModified + 1)));
    }
    if (ctx.hasFault('patch-422-echoes-secret')) {
      return patchFailed(`${outcome.reason}; token: ${JSON.stringify(buildTokenDocument(ctx.store, token, token.secret))}`);
    }
    return patchFailed(outcome.reason); // E4, and E5: nothing stored
  }
  if (isAboveCaller(ctx, call.principal, outcome.fields.role ?? 'reader')) {
    return forbidden('Forbidden. A token cannot raise a role above its own.');
  }

  // E1: lastModified moves strictly past the old value on a real change, never backwards.
  const changed = !isDeepStrictEqual(editableFieldsOf(token), editableFieldsOf(outcome.fields));
  const lastModified =
    changed && !ctx.hasFault('patch-last-modified-frozen') ? Math.max(ctx.clock.now(), token.lastModified + 1) : token.lastModified;
  const updated = withFields(token, outcome.fields, lastModified);
  if (changed) rememberBeforePatch(ctx, token);
  if (!ctx.hasFault('patch-ignored')) ctx.store.update(updated);

  if (ctx.hasFault('patch-token-204')) return { status: 204 };
  if (ctx.hasFault('patch-token-hangs')) return 'hang';
  return { status: 200, body: renderToken(ctx, updated, lastFour(updated.secret)) };
}
