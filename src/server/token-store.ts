import { createObjectId, createSecret } from './ids';
import type { ServerClock } from './clock';
import { DEFAULT_API_VERSION, type Member, type Principal, type TokenRecord } from './model';

/** What a secret (current or old) resolves to. */
export interface SecretEntry {
  tokenId: string;
  /** null = valid until the token is reset or deleted; else epoch ms (server clock) when it dies. */
  expiresAt: number | null;
  /** Who the secret authenticated as when it was issued; used only by a fault (deleted-token secrets). */
  principalAtIssue: Principal;
}

/** What happens to the old secret when a token is reset (G2/G3). */
export type OldSecretFate = { kind: 'revoke' } | { kind: 'expire'; at: number } | { kind: 'keep' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * In-memory store of members, tokens and the secret index. Seeded with an admin member (owning
 * the admin token), a second member with two personal tokens of its own, so `showAll` (B2)
 * and the caller-member filter (B3) are observable, and a third member, an admin with a credential of
 * its own (the `otherMemberSecret`): the suite's LD_OTHER_MEMBER_TOKEN, so that B6's "another member's
 * token" can be one the run creates (and deletes) itself.
 */
export class TokenStore {
  readonly ownerId: string;
  readonly adminMember: Member;
  readonly otherMember: Member;
  /** The member behind the second admin credential (B6's "another member"). */
  readonly secondAdminMember: Member;
  private readonly members = new Map<string, Member>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly secrets = new Map<string, SecretEntry>();

  /** `adminApiVersion`: the seeded admin token's `defaultApiVersion` (default the current 20240415). */
  constructor(
    clock: ServerClock,
    adminSecret: string,
    adminApiVersion: number = DEFAULT_API_VERSION,
    otherMemberSecret: string = createSecret(),
  ) {
    const now = clock.now();
    this.ownerId = createObjectId(now - 30 * DAY_MS);
    this.adminMember = {
      _id: createObjectId(now - 30 * DAY_MS),
      email: 'ada.admin@example.com',
      firstName: 'Ada',
      lastName: 'Admin',
      role: 'admin',
    };
    this.otherMember = {
      _id: createObjectId(now - 20 * DAY_MS),
      email: 'wes.writer@example.com',
      firstName: 'Wes',
      lastName: 'Writer',
      role: 'writer',
    };
    this.secondAdminMember = {
      _id: createObjectId(now - 25 * DAY_MS),
      email: 'oona.other@example.com',
      firstName: 'Oona',
      lastName: 'Other',
      role: 'admin',
    };
    for (const m of [this.adminMember, this.otherMember, this.secondAdminMember]) this.members.set(m._id, m);

    this.seedToken({
      memberId: this.adminMember._id,
      name: 'seeded admin token',
      role: 'admin',
      at: now - 10 * DAY_MS,
      secret: adminSecret,
      apiVersion: adminApiVersion,
    });
    this.seedToken({
      memberId: this.otherMember._id,
      name: 'seeded writer token (other member)',
      role: 'writer',
      at: now - 9 * DAY_MS,
      secret: createSecret(),
    });
    this.seedToken({
      memberId: this.otherMember._id,
      name: 'seeded reader token (other member)',
      role: 'reader',
      at: now - 8 * DAY_MS,
      secret: createSecret(),
    });
    this.seedToken({
      memberId: this.secondAdminMember._id,
      name: 'seeded admin token (second admin member)',
      role: 'admin',
      at: now - 7 * DAY_MS,
      secret: otherMemberSecret,
    });
  }

  private seedToken(s: {
    memberId: string;
    name: string;
    role: TokenRecord['role'];
    at: number;
    secret: string;
    apiVersion?: number;
  }): void {
    this.insert({
      _id: createObjectId(s.at),
      ownerId: this.ownerId,
      memberId: s.memberId,
      name: s.name,
      role: s.role,
      customRoleIds: [],
      inlineRole: [],
      serviceToken: false,
      defaultApiVersion: s.apiVersion ?? DEFAULT_API_VERSION,
      creationDate: s.at,
      lastModified: s.at,
      secret: s.secret,
    });
  }

  member(id: string): Member | undefined {
    return this.members.get(id);
  }

  token(id: string): TokenRecord | undefined {
    return this.tokens.get(id);
  }

  secretEntry(secret: string): SecretEntry | undefined {
    return this.secrets.get(secret);
  }

  /** Only for the fault auth-secret-case-insensitive: a secret compared without letter case, as a careless server would. */
  secretEntryIgnoringCase(secret: string): SecretEntry | undefined {
    const wanted = secret.toLowerCase();
    for (const [stored, entry] of this.secrets) if (stored.toLowerCase() === wanted) return entry;
    return undefined;
  }

  /** All tokens, in the stable list order: creationDate, then _id. */
  allTokens(): TokenRecord[] {
    return [...this.tokens.values()].sort((a, b) => a.creationDate - b.creationDate || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }

  insert(token: TokenRecord): void {
    this.tokens.set(token._id, token);
    this.secrets.set(token.secret, { tokenId: token._id, expiresAt: null, principalAtIssue: principalOf(token) });
  }

  /** Replace a token's stored fields (not its secret: see rotateSecret). */
  update(token: TokenRecord): void {
    this.tokens.set(token._id, token);
  }

  remove(id: string, opts: { revokeSecrets: boolean }): void {
    this.tokens.delete(id);
    if (!opts.revokeSecrets) return;
    for (const [secret, entry] of this.secrets) if (entry.tokenId === id) this.secrets.delete(secret);
  }

  /** Revokes every secret of the token except its current one (a fault: reset-revokes-expiring-secrets). */
  revokeOldSecrets(id: string): void {
    const current = this.tokens.get(id)?.secret;
    for (const [secret, entry] of this.secrets) if (entry.tokenId === id && secret !== current) this.secrets.delete(secret);
  }

  /**
   * Give the token a new secret; the old one (`oldSecret`, default the current one) is revoked, expires later, or
   * (a fault) stays.
   */
  rotateSecret(id: string, newSecret: string, oldFate: OldSecretFate, lastModified: number, oldSecret?: string): TokenRecord | undefined {
    const token = this.tokens.get(id);
    if (!token) return undefined;
    const retired = oldSecret ?? token.secret;
    const old = this.secrets.get(retired);
    if (old) {
      if (oldFate.kind === 'revoke') this.secrets.delete(retired);
      else if (oldFate.kind === 'expire') old.expiresAt = oldFate.at;
    }
    const updated: TokenRecord = { ...token, secret: newSecret, lastModified };
    this.tokens.set(id, updated);
    this.secrets.set(newSecret, { tokenId: id, expiresAt: null, principalAtIssue: principalOf(updated) });
    return updated;
  }
}

function principalOf(token: TokenRecord): Principal {
  return { tokenId: token._id, memberId: token.memberId, role: token.role ?? 'reader' };
}
