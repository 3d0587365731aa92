import { createHash } from 'node:crypto';
import type { AltFaultId } from './faults';
import { obfuscateSecret } from './secrets';
import type { Member, StoredToken } from './token-model';
import type { AltVariantOptions } from './variant-options';

const TOKENS_PATH = '/api/v2/tokens';

/**
 * A token as the API shows it. Besides the documented fields it always carries two undocumented ones
 * (`_version`, `x-alt-region`) — the Token schema allows additional properties — and `lastUsed` once used.
 */
export function representToken(
  token: StoredToken,
  member: Member | undefined,
  showSecret: boolean,
  fault?: AltFaultId,
  variant?: Pick<AltVariantOptions, 'omitUnsetFields' | 'extraLinks' | 'showUnsetAsEmpty'>,
): Record<string, unknown> {
  const links: Record<string, { href: string; type: string }> = {
    parent: { href: TOKENS_PATH, type: 'application/json' },
    self: { href: `${TOKENS_PATH}/${token._id}`, type: 'application/json' },
  };
  if (variant?.extraLinks === true) {
    links.reset = { href: `${TOKENS_PATH}/${token._id}/reset`, type: 'application/json' };
    links.member = { href: `/api/v2/members/${token.memberId}`, type: 'application/json' };
  }
  // FAULT: links-parent-missing / links-parent-wrong (C4).
  if (fault === 'links-parent-missing') delete links.parent;
  if (fault === 'links-parent-wrong') links.parent = { href: '/api/v2/members', type: 'application/json' };
  // FAULT: secret-in-link-href (D1): the whole secret in a read, inside an extra link.
  if (fault === 'secret-in-link-href' && !showSecret)
    links.rotate = { href: `${TOKENS_PATH}/${token._id}/reset?credential=${token.secret}`, type: 'application/json' };
  const rep: Record<string, unknown> = {
    _id: token._id,
    _links: links,
    // FAULT: owner-id-per-token / member-id-per-token (C3): ids that vary from token to token.
    ownerId: fault === 'owner-id-per-token' ? deriveMemberId(`owner:${token._id}`) : token.ownerId,
    memberId: fault === 'member-id-per-token' ? deriveMemberId(`member:${token._id}`) : token.memberId,
  };
  if (member && variant?.omitUnsetFields !== true) {
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
  // Variant showUnsetAsEmpty (E6: "a server may show such fields as empty").
  else if (variant?.showUnsetAsEmpty === true) rep.description = '';
  if (token.role !== undefined) rep.role = token.role;
  if (token.customRoleIds.length > 0 || variant?.omitUnsetFields !== true) rep.customRoleIds = [...token.customRoleIds];
  if (token.inlineRole !== undefined) rep.inlineRole = structuredClone(token.inlineRole);
  else if (variant?.showUnsetAsEmpty === true) rep.inlineRole = [];
  rep.serviceToken = token.serviceToken;
  if (token.defaultApiVersion !== undefined) rep.defaultApiVersion = token.defaultApiVersion;
  // FAULT: obfuscate-first-four (D1): the first four characters instead of the last four.
  rep.token = showSecret ? token.secret : fault === 'obfuscate-first-four' ? token.secret.slice(0, 4) : obfuscateSecret(token.secret);
  // FAULT: secret-in-extra-field (D1): the whole secret in an undocumented field of a read.
  if (fault === 'secret-in-extra-field' && !showSecret) rep['x-alt-credential'] = token.secret;
  // FAULT: creation-date-seconds (C3): epoch seconds instead of milliseconds.
  rep.creationDate = fault === 'creation-date-seconds' ? Math.floor(token.creationDate / 1000) : token.creationDate;
  rep.lastModified = token.lastModified;
  if (token.lastUsed !== undefined) rep.lastUsed = token.lastUsed;
  rep._version = token.version;
  rep['x-alt-region'] = 'alt-eu-2';
  return rep;
}

/** A member-id-shaped value (24 base36 characters) derived from `seed`; only used by the id faults. */
function deriveMemberId(seed: string): string {
  return Array.from(createHash('sha256').update(seed).digest().subarray(0, 24), (b) => (b % 36).toString(36)).join('');
}
