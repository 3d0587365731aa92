import { ApiError, forbidden, internalError, invalidRequest } from '../api-error';
import type { ApiCall, HandlerResult } from '../api-call';
import { createObjectId, createSecret } from '../ids';
import { DEFAULT_API_VERSION, type TokenRecord } from '../model';
import { lastFour, renderToken } from '../representation';
import { parseJsonBody } from '../request-body';
import type { ServerContext } from '../server-context';
import type { FaultId } from '../faults';
import { parseAccessTokenPost, type AccessTokenInput } from '../token-fields';
import { isAboveCaller, requireWriteRole } from './access';
import { postTokenFault } from '../explore-faults';

/** How long the fault list-skips-concurrent-creates keeps a contended create out of the list (ms). */
const LIST_INDEX_LAG_MS = 3000;

/** postToken, counted among the creates in flight from its start to its answer (a listing may overlap it). */
export async function postToken(ctx: ServerContext, call: ApiCall): Promise<HandlerResult> {
  ctx.createsInFlight += 1;
  let overlapped = ctx.createsInFlight > 1;
  try {
    const result = await createToken(ctx, call, () => (overlapped ||= ctx.createsInFlight > 1));
    if (overlapped && !(result instanceof ApiError) && result !== 'hang') {
      if (ctx.hasFault('create-applied-answered-500')) return internalError('create timed out'); // the token is stored all the same
      const id = (result.body as { _id?: unknown } | undefined)?._id;
      if (ctx.hasFault('list-skips-concurrent-creates') && typeof id === 'string')
        ctx.listIndexLag.set(id, performance.now() + LIST_INDEX_LAG_MS);
    }
    return result;
  } finally {
    ctx.createsInFlight -= 1;
  }
}

async function createToken(ctx: ServerContext, call: ApiCall, noteOverlap: () => void): Promise<HandlerResult> {
  const denied = requireWriteRole(call.principal);
  if (denied && !ctx.hasFault('auth-reader-can-post')) return denied;
  const parsed = parseJsonBody(ctx, call);
  if (parsed instanceof ApiError) return parsed;
  const parsedInput = parseAccessTokenPost(parsed.value);
  if (typeof parsedInput === 'string') return invalidRequest(parsedInput);
  const input = dropIgnoredFields(ctx, parsedInput);
  const broken = postTokenFault(ctx, input);
  if (broken) return broken;

  // A token with no role of any kind would be useless; the smallest base role is the default.
  const role = input.role ?? (input.customRoleIds === undefined && input.inlineRole === undefined ? 'reader' : undefined);
  if (isAboveCaller(ctx, call.principal, role ?? 'reader'))
    return forbidden('Forbidden. A token cannot create a token with a higher role than its own.');

  // The store's round trip before the insert: other creates, and listings, run meanwhile.
  await ctx.roundTrip();
  noteOverlap();
  const now = ctx.clock.now();
  const token: TokenRecord = {
    _id: createObjectId(now),
    ownerId: ctx.store.ownerId,
    memberId: call.principal.memberId,
    customRoleIds: input.customRoleIds ?? [],
    inlineRole: input.inlineRole ?? [],
    serviceToken: input.serviceToken ?? false,
    defaultApiVersion: input.defaultApiVersion ?? DEFAULT_API_VERSION,
    creationDate: now,
    lastModified: now,
    secret: createSecret(),
  };
  if (input.name !== undefined) token.name = input.name;
  if (input.description !== undefined && !ctx.hasFault('echo-description-dropped')) token.description = input.description;
  if (role !== undefined) token.role = role;
  ctx.store.insert(token);

  // C2: the whole secret, here and in resetToken only.
  const tokenValue = ctx.hasFault('create-returns-last4') ? lastFour(token.secret) : token.secret;
  return { status: ctx.hasFault('post-token-200') ? 200 : 201, body: renderToken(ctx, token, tokenValue) };
}

/** The `ignored-*` faults: the field is dropped as if never sent, so the server's own fill-in takes its place. */
function dropIgnoredFields(ctx: ServerContext, input: AccessTokenInput): AccessTokenInput {
  const ignored: [FaultId, keyof AccessTokenInput][] = [
    ['ignored-name', 'name'],
    ['ignored-role', 'role'],
    ['ignored-custom-role-ids', 'customRoleIds'],
    ['ignored-inline-role', 'inlineRole'],
    ['ignored-service-token', 'serviceToken'],
    ['ignored-default-api-version', 'defaultApiVersion'],
  ];
  const kept = { ...input };
  for (const [fault, field] of ignored) if (ctx.hasFault(fault)) delete kept[field];
  return kept;
}
