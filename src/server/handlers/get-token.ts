import { ApiError } from '../api-error';
import type { ApiCall, HandlerResult } from '../api-call';
import { lastFour, renderToken } from '../representation';
import type { ServerContext } from '../server-context';
import { findTokenFor } from './access';

export function getToken(ctx: ServerContext, call: ApiCall): HandlerResult {
  if (ctx.hasFault('get-token-hangs')) return 'hang';
  const token = findTokenFor(ctx, call.principal, call.id, 'read');
  if (token instanceof ApiError) return token;
  // D1: reads show only the last four characters of the secret.
  const body = renderToken(ctx, token, ctx.hasFault('secret-in-get-token') ? token.secret : lastFour(token.secret));
  if (ctx.hasFault('invalid-json-get-token')) return { status: 200, rawBody: JSON.stringify(body).slice(0, -1) + ',}' };
  return { status: 200, body };
}
