import { generateSecret } from './secrets';
import { generateMemberId } from './ids';
import type { Member, Role } from './token-model';
import { TokenStore } from './token-store';

const DAY = 24 * 60 * 60_000;

export interface SeededAccount {
  store: TokenStore;
  adminToken: string;
  /** Secret of the owner's admin token: a second member's credential (LD_OTHER_MEMBER_TOKEN, rule B6). */
  otherMemberToken: string;
  seededTokenIds: string[];
}

/**
 * An account as a shared environment looks: the owner is NOT the member the suite's admin token belongs
 * to (so ownerId ≠ memberId), the admin member already has `extraAdminTokens` (default 27) tokens of its
 * own (the caller's list is longer than one page before the suite creates anything), and the owner has two
 * personal tokens and an admin token whose secret is handed out as a second member's credential, so a suite can
 * write to another member's tokens it made itself (B6). The admin token's `defaultApiVersion` is `adminApiVersion`
 * (default the current 20240415).
 */
export function seedAccount(
  now: number,
  adminSecret: string = generateSecret(),
  extraAdminTokens = 27,
  adminApiVersion = 20240415,
  otherMemberSecret: string = generateSecret(),
): SeededAccount {
  const owner: Member = { _id: generateMemberId(), email: 'olive.owner@alt.example', firstName: 'Olive', lastName: 'Owner', role: 'owner' };
  const admin: Member = { _id: generateMemberId(), email: 'ada.admin@alt.example', firstName: 'Ada', lastName: 'Admin', role: 'admin' };
  const seeded = new TokenStore([owner, admin], owner._id);

  const ids: string[] = [];
  const base = { customRoleIds: [], serviceToken: false, defaultApiVersion: 20240415 };
  ids.push(
    seeded.create(
      admin._id,
      { ...base, defaultApiVersion: adminApiVersion, name: 'alt admin token', role: 'admin' },
      now - 90 * DAY,
      adminSecret,
    )._id,
  );
  for (let i = 1; i <= extraAdminTokens; i += 1) {
    const role: Role = i % 3 === 0 ? 'writer' : 'reader';
    ids.push(
      seeded.create(
        admin._id,
        { ...base, name: `ci-pipeline-${i}`, description: 'pre-existing token', role, serviceToken: i % 5 === 0 },
        now - 60 * DAY + i * 60_000,
      )._id,
    );
  }
  ids.push(seeded.create(owner._id, { ...base, name: 'owner laptop', role: 'writer' }, now - 10 * DAY)._id);
  ids.push(
    seeded.create(
      owner._id,
      { ...base, name: 'owner dashboards', role: 'reader', inlineRole: [{ effect: 'allow', actions: ['*'], resources: ['proj/*'] }] },
      now - 5 * DAY,
    )._id,
  );
  ids.push(seeded.create(owner._id, { ...base, name: 'owner automation', role: 'admin' }, now - 3 * DAY, otherMemberSecret)._id);
  return { store: seeded, adminToken: adminSecret, otherMemberToken: otherMemberSecret, seededTokenIds: ids };
}
