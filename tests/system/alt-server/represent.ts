import { obfuscateSecret } from './secrets';
import type { Member, StoredToken } from './token-model';

const TOKENS_PATH = '/api/v2/tokens';

/**
 * A token as the API shows it. Besides the documented fields it always carries two undocumented ones
 * (`_version`, `x-alt-region`) — the Token schema allows additional properties — and `lastUsed` once used.
 */
export function representToken(token: StoredToken, member: Member | undefined, showSecret: boolean): Record<string, unknown> {
  const rep: Record<string, unknown> = {
    _id: token._id,
    _links: {
      parent: { href: TOKENS_PATH, type: 'application/json' },
      self: { href: `${TOKENS_PATH}/${token._id}`, type: 'application/json' },
    },
    ownerId: token.ownerId,
    memberId: token.memberId,
  };
  if (member) {
    rep._member = {
      _links: { self: { href: `/api/v2/members/${member._id}`, type: 'application/json' } },
      _id: member._id,
      firstName: member.firstName,
      lastName: member.lastName,
      role: member.role,
      email: member.email,
    };
  }
  if (token.name !== undefined) rep.name = token.name;
  if (token.description !== undefined) rep.description = token.description;
  if (token.role !== undefined) rep.role = token.role;
  rep.customRoleIds = [...token.customRoleIds];
  if (token.inlineRole !== undefined) rep.inlineRole = structuredClone(token.inlineRole);
  rep.serviceToken = token.serviceToken;
  rep.defaultApiVersion = token.defaultApiVersion;
  rep.token = showSecret ? token.secret : obfuscateSecret(token.secret);
  rep.creationDate = token.creationDate;
  rep.lastModified = token.lastModified;
  if (token.lastUsed !== undefined) rep.lastUsed = token.lastUsed;
  rep._version = token.version;
  rep['x-alt-region'] = 'alt-eu-2';
  return rep;
}
