import type { AltFaultId } from './faults';
import { generateTokenId } from './ids';
import { generateSecret } from './secrets';
import type { ListOrder, Member, StoredToken, TokenSettings } from './token-model';

interface SecretEntry {
  tokenId: string;
  /** null: valid while the token lives; otherwise server-clock epoch ms after which it stops working. */
  expiresAt: number | null;
  /** Server-clock epoch ms before which the secret does not authenticate yet (only set by a FAULT). */
  notBefore?: number;
}

/** FAULT support: how long a delayed secret waits, and how long a grace-period old secret lives. */
const SECRET_DELAY_MS = 3_000;
const OLD_SECRET_GRACE_MS = 60_000;

/**
 * The in-memory state: members, tokens, and an index from every live secret (current ones, and old ones
 * kept alive by a reset with `expiry`) to its token.
 */
export class TokenStore {
  readonly members: ReadonlyMap<string, Member>;
  private readonly tokens = new Map<string, StoredToken>();
  private readonly secrets = new Map<string, SecretEntry>();
  private seq = 0;
  /** The injected fault (see faults.ts); set after seeding so the seed is never affected. */
  fault: AltFaultId | undefined;
  /** Tokens deleted so far, by id: only consulted by the deleted-token FAULTs. */
  readonly graveyard = new Map<string, StoredToken>();
  /** Secrets that no longer authenticate and why: only consulted by the expired/deleted secret FAULTs. */
  readonly deadSecrets = new Map<string, 'deleted' | 'expired'>();
  /** Each token's first secret: only consulted by the FAULT reads-show-first-secret. */
  readonly firstSecrets = new Map<string, string>();

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
    this.firstSecrets.set(id, secret);
    // FAULT: create-secret-delayed (C2): the new secret does not authenticate at once.
    this.secrets.set(secret, {
      tokenId: id,
      expiresAt: null,
      ...(this.fault === 'create-secret-delayed' ? { notBefore: now + SECRET_DELAY_MS } : {}),
    });
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
      this.deadSecrets.set(secret, 'expired');
      return undefined;
    }
    if (entry.notBefore !== undefined && now < entry.notBefore) return undefined;
    return this.tokens.get(entry.tokenId);
  }

  /** Ordered by creationDate, then insertion order; newest first by default (the less obvious order). */
  list(filter: (token: StoredToken) => boolean, order: ListOrder = 'newest-first'): StoredToken[] {
    const sign = order === 'newest-first' ? -1 : 1;
    const byAge = (a: StoredToken, b: StoredToken) => sign * (a.creationDate - b.creationDate || a.seq - b.seq);
    const byName = (a: StoredToken, b: StoredToken) =>
      (a.name === undefined ? 1 : 0) - (b.name === undefined ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? '') || byAge(a, b);
    return [...this.tokens.values()].filter(filter).sort(order === 'by-name' ? byName : byAge);
  }

  replaceSettings(id: string, settings: TokenSettings, now: number): StoredToken {
    const token = this.mustGet(id);
    delete token.name;
    delete token.description;
    delete token.role;
    delete token.inlineRole;
    delete token.defaultApiVersion;
    Object.assign(token, structuredClone(settings));
    this.touch(token, now);
    return token;
  }

  /** New secret; the old one stops at `oldExpiresAt` (immediately when null or not in the future). */
  resetSecret(id: string, oldExpiresAt: number | null, now: number, touchLastModified = true): StoredToken {
    const token = this.mustGet(id);
    if (oldExpiresAt !== null && oldExpiresAt > now) this.secrets.set(token.secret, { tokenId: id, expiresAt: oldExpiresAt });
    // FAULT: reset-old-secret-grace (G2): without expiry the old secret still works for a while.
    else if (this.fault === 'reset-old-secret-grace') this.secrets.set(token.secret, { tokenId: id, expiresAt: now + OLD_SECRET_GRACE_MS });
    else this.secrets.delete(token.secret);
    token.secret = generateSecret();
    // FAULT: reset-secret-delayed (G1): the new secret does not authenticate at once.
    this.secrets.set(token.secret, {
      tokenId: id,
      expiresAt: null,
      ...(this.fault === 'reset-secret-delayed' ? { notBefore: now + SECRET_DELAY_MS } : {}),
    });
    if (touchLastModified) this.touch(token, now);
    else token.version += 1;
    // FAULT: reset-changes-id (G1): the token moves to a new id.
    if (this.fault === 'reset-changes-id') this.moveToNewId(token);
    return token;
  }

  delete(id: string): boolean {
    const token = this.tokens.get(id);
    if (!token || !this.tokens.delete(id)) return false;
    this.graveyard.set(id, token);
    for (const [secret, entry] of this.secrets) {
      if (entry.tokenId !== id) continue;
      this.secrets.delete(secret);
      this.deadSecrets.set(secret, 'deleted');
    }
    return true;
  }

  private moveToNewId(token: StoredToken): void {
    const oldId = token._id;
    let newId = generateTokenId();
    while (this.tokens.has(newId)) newId = generateTokenId();
    this.tokens.delete(oldId);
    token._id = newId;
    this.tokens.set(newId, token);
    for (const entry of this.secrets.values()) if (entry.tokenId === oldId) entry.tokenId = newId;
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
