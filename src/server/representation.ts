import type { ServerContext } from './server-context';
import type { Member, TokenRecord } from './model';
import type { TokenStore } from './token-store';

export const TOKENS_PATH = '/api/v2/tokens';
const JSON_TYPE = 'application/json';

export function lastFour(secret: string): string {
  return secret.slice(-4);
}

export function memberSummary(member: Member): Record<string, unknown> {
  return {
    _links: { self: { href: `/api/v2/members/${member._id}`, type: JSON_TYPE } },
    _id: member._id,
    firstName: member.firstName,
    lastName: member.lastName,
    role: member.role,
    email: member.email,
  };
}

/**
 * The spec's `Token`, exactly as a correct server sends it. `tokenValue` is decided by the
 * caller: the whole secret on create/reset only (C2, G1), the last four characters elsewhere (D1).
 * Pure: also the document a JSON Patch is applied to.
 */
export function buildTokenDocument(store: TokenStore, token: TokenRecord, tokenValue: string): Record<string, unknown> {
  const member = store.member(token.memberId);
  const doc: Record<string, unknown> = {
    _id: token._id,
    ownerId: token.ownerId,
    memberId: token.memberId,
  };
  if (member) doc._member = memberSummary(member);
  if (token.name !== undefined) doc.name = token.name;
  if (token.description !== undefined) doc.description = token.description;
  doc.creationDate = token.creationDate;
  doc.lastModified = token.lastModified;
  doc.customRoleIds = [...token.customRoleIds];
  doc.inlineRole = token.inlineRole.map((s) => ({ ...s }));
  if (token.role !== undefined) doc.role = token.role;
  doc.token = tokenValue;
  doc.serviceToken = token.serviceToken;
  doc._links = {
    parent: { href: TOKENS_PATH, type: JSON_TYPE },
    self: { href: `${TOKENS_PATH}/${token._id}`, type: JSON_TYPE },
  };
  doc.defaultApiVersion = token.defaultApiVersion;
  return doc;
}

/** The Token as this server sends it: the clean document, with the schema faults applied. */
export function renderToken(ctx: ServerContext, token: TokenRecord, tokenValue: string): Record<string, unknown> {
  const doc = buildTokenDocument(ctx.store, token, tokenValue);
  if (ctx.hasFault('token-missing-id')) delete doc._id;
  if (ctx.hasFault('token-missing-member-id')) delete doc.memberId;
  if (ctx.hasFault('links-self-as-string')) doc._links = { ...(doc._links as object), self: `${TOKENS_PATH}/${token._id}` };
  if (ctx.hasFault('member-email-missing') && doc._member) delete (doc._member as Record<string, unknown>).email;
  if (ctx.hasFault('inline-role-missing-effect')) doc.inlineRole = token.inlineRole.map(({ effect: _effect, ...rest }) => rest);
  if (ctx.hasFault('creation-date-iso-string')) doc.creationDate = new Date(token.creationDate).toISOString();
  return doc;
}
