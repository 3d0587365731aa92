import { generateTokenId } from './ids';
import { generateSecret } from './secrets';
import type { ListOrder, Member, StoredToken, TokenSettings } from './token-model';

interface SecretEntry {
  tokenId: string;
  /** null: valid while the token lives; otherwise server-clock epoch ms after which it stops working. */
  expiresAt: number | null;
}

/**
 * The in-memory state: members, tokens, and an index from every live secret (current ones, and old ones
 * kept alive by a reset with `expiry`) to its token.
 */
export class TokenStore {
  readonly members: ReadonlyMap<string, Member>;
  private readonly tokens = new Map<string, StoredToken>();
  private readonly secrets = new Map<string, SecretEntry>();
  private seq = 0;

  /** `ownerId`: the account owner's member id, the same on every token of the account (C3). */
  constructor(
    members: readonly Member[],
    readonly ownerId: string,
  ) {
    this.members = new Map(members.map((m) => [m._id, m]));
  }

  create(memberId: string, settings: TokenSettings, now: number, secret: string = generateSecret()): StoredToken {
    let id = generateTokenId();
    while (this.tokens.has(id)) id = generateTokenId();
    const token: StoredToken = {
      ...structuredClone(settings),
      _id: id,
      seq: ++this.seq,
      ownerId: this.ownerId,
      memberId,
      creationDate: now,
      lastModified: now,
      version: 1,
      secret,
    };
    this.tokens.set(id, token);
    this.secrets.set(secret, { tokenId: id, expiresAt: null });
    return token;
  }

  get(id: string): StoredToken | undefined {
    return this.tokens.get(id);
  }

  /** The token a secret authenticates as at `now`, or undefined (unknown, deleted or expired secret). */
  authenticate(secret: string, now: number): StoredToken | undefined {
    const entry = this.secrets.get(secret);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && now >= entry.expiresAt) {
      this.secrets.delete(secret);
      return undefined;
    }
    return this.tokens.get(entry.tokenId);
  }

  /** Ordered by creationDate, then insertion order; newest first by default (the less obvious order). */
  list(filter: (token: StoredToken) => boolean, order: ListOrder = 'newest-first'): StoredToken[] {
    const sign = order === 'newest-first' ? -1 : 1;
    return [...this.tokens.values()].filter(filter).sort((a, b) => sign * (a.creationDate - b.creationDate || a.seq - b.seq));
  }

  replaceSettings(id: string, settings: TokenSettings, now: number): StoredToken {
    const token = this.mustGet(id);
    delete token.name;
    delete token.description;
    delete token.role;
    delete token.inlineRole;
    Object.assign(token, structuredClone(settings));
    this.touch(token, now);
    return token;
  }

  /** New secret; the old one stops at `oldExpiresAt` (immediately when null or not in the future). */
  resetSecret(id: string, oldExpiresAt: number | null, now: number): StoredToken {
    const token = this.mustGet(id);
    if (oldExpiresAt !== null && oldExpiresAt > now) this.secrets.set(token.secret, { tokenId: id, expiresAt: oldExpiresAt });
    else this.secrets.delete(token.secret);
    token.secret = generateSecret();
    this.secrets.set(token.secret, { tokenId: id, expiresAt: null });
    this.touch(token, now);
    return token;
  }

  delete(id: string): boolean {
    if (!this.tokens.delete(id)) return false;
    for (const [secret, entry] of this.secrets) if (entry.tokenId === id) this.secrets.delete(secret);
    return true;
  }

  /** Every token, for inspection by the system test (hygiene checks after a run). */
  all(): StoredToken[] {
    return [...this.tokens.values()].map((t) => structuredClone(t));
  }

  private mustGet(id: string): StoredToken {
    const token = this.tokens.get(id);
    if (!token) throw new Error(`token ${id} vanished`);
    return token;
  }

  /** lastModified moves strictly forward on every change, even two changes within one millisecond. */
  private touch(token: StoredToken, now: number): void {
    token.lastModified = Math.max(now, token.lastModified + 1);
    token.version += 1;
  }
}
