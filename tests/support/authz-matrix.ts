import { test } from '@playwright/test';
import type { ApiResult, SendOptions } from '../../src/client/api-client';
import { expect } from '../../src/contract';
import {
  AUTHZ_ASKED_ROLE,
  AUTHZ_CELL_ANNOTATION,
  authzCellsFor,
  identityFields,
  isPolicyIdentity,
  type AuthzCell,
  type AuthzCellRecord,
  type AuthzIdentity,
  type AuthzTarget,
} from '../../src/domain/authz-matrix';
import { takesId, writes } from '../../src/domain/operations';
import type { SuiteApi } from '../../src/session/suite-api';
import type { CreatedToken, TokenFactory } from '../../src/session/token-factory';
import type { TokenRep } from '../../src/session/token-types';
import { expectObfuscated, readToken, stableView } from './assertions';
import { recordInconclusive } from './inconclusive';
import { expectNoTokenMarked } from './nothing-created';
import { readPage } from './token-list';

/**
 * Runs one identity's row of the authorization matrix (src/domain/authz-matrix.ts decides every cell; this file
 * only sends, proves and records). Every denied write is followed by a read, by the target's owner, proving that
 * nothing changed; every cell is recorded in an `authz-cell` annotation for the coverage grid.
 */

export interface AuthzContext {
  /** The configured admin client: mints the identities and proves the caller's member's tokens unchanged. */
  admin: SuiteApi;
  tokens: TokenFactory;
  /** Another member's admin client (LD_OTHER_MEMBER_TOKEN), or null when the target gave none. */
  otherMember: SuiteApi | null;
}

/** Another member's token as the row sees it. */
type OtherTarget =
  | { kind: 'owned'; id: string; secret: string; owner: SuiteApi }
  | { kind: 'found'; id: string; why: string }
  | { kind: 'none'; why: string };

const WITHOUT_CREDENTIAL =
  "LD_OTHER_MEMBER_TOKEN is not set: another member's token was found with showAll=true, and the suite never writes to a token it did not make (H1)";

export async function runAuthzRow(ctx: AuthzContext, identity: AuthzIdentity): Promise<void> {
  const me = await mintIdentity(ctx, identity);
  if (me === null) return;
  const same = await ctx.tokens.create({ role: 'reader', name: ctx.tokens.newName(`authz-${identity}-same`) });
  const other = await provideOtherTarget(ctx, typeof me.token.memberId === 'string' ? me.token.memberId : '');
  let caller = ctx.admin.withToken(me.secret);
  const ids: Record<Exclude<AuthzTarget, 'collection'>, string | null> = {
    own: me.id,
    'same-member': same.id,
    'other-member': other.kind === 'none' ? null : other.id,
  };
  /** The owner's view of each target, read before the first write on it and after every denied one. */
  const snapshots = new Map<string, TokenRep>();
  const ownerOf = (target: AuthzTarget): SuiteApi => (target === 'other-member' && other.kind === 'owned' ? other.owner : ctx.admin);

  try {
    for (const cell of authzCellsFor(identity)) {
      await test.step(`${identity} ${cell.operation} on ${cell.target}`, async () => {
        const id = cell.target === 'collection' ? undefined : (ids[cell.target] ?? undefined);
        const skipped = whyNotSent(cell, other);
        if (skipped !== null || (cell.target !== 'collection' && id === undefined)) {
          const note = skipped ?? 'no target';
          recordInconclusive('B6', `${identity} ${cell.operation} on another member's token: ${note}`);
          record({ ...base(cell), verdict: 'inconclusive', status: null, rule: null, note });
          return;
        }
        const writesToken = takesId(cell.operation) && writes(cell.operation);
        if (writesToken && id && !snapshots.has(id))
          snapshots.set(id, await readToken(ownerOf(cell.target), id, `getToken of ${cell.target}`));
        const marker = ctx.tokens.newName(`authz-${identity}-post`);
        const result = await caller.send(cell.operation, requestFor(cell, id, marker, ctx.tokens));
        const what = `${identity} ${cell.operation} on ${cell.target === 'collection' ? 'the collection' : `${cell.target} token`}`;
        const { expectation } = cell;

        if (expectation.kind !== 'observed') expect.soft(result, what).toHaveStatus(expectation.statuses);
        if (expectation.kind === 'allowed' && cell.operation === 'getToken' && cell.target === 'other-member' && result.status === 200)
          expectLastFourOnly(result, other, what);
        if (expectation.kind === 'denied' && cell.operation === 'postToken') await expectNoTokenMarked(ctx.admin, marker, what);
        if (expectation.kind === 'denied' && writesToken && id) {
          const before = snapshots.get(id);
          const after = await readToken(ownerOf(cell.target), id, `getToken after ${what}`);
          if (before) expect.soft(stableView(after), `${what} must leave the token exactly unchanged`).toEqual(stableView(before));
          snapshots.set(id, after);
        } else if (writesToken && id && result.status < 300) {
          snapshots.delete(id);
        }
        // A reset of the caller's own token that went through gives the caller its new secret.
        if (cell.operation === 'resetToken' && cell.target === 'own' && result.status === 200)
          caller = ctx.admin.withToken(newSecretOf(result));

        const judged = expectation.kind !== 'observed';
        record({
          ...base(cell),
          verdict: judged ? (result.status < 300 ? 'allowed' : 'denied') : 'observed',
          status: result.status,
          rule: judged ? expectation.rule : null,
          ...(judged ? {} : { note: expectation.why }),
          ...(judged && !expectation.statuses.includes(result.status) ? { breach: true } : {}),
        });
      });
    }
  } finally {
    // The token made with the other member's credential is deleted by its owner (an admin may, B6, but the
    // owner surely may); the factory's own clean-up then gets 404, which it accepts.
    if (other.kind === 'owned') await other.owner.send('deleteToken', { id: other.id });
  }
}

/**
 * The row's identity, minted by the configured admin. A custom-role or inline-policy token is minted where the target
 * supports it: a target may refuse a custom role key it does not know (E2 lets it), and then the row's cells are
 * shown as observed with nothing sent and the reason — never judged, since no rule decides them anyway.
 */
async function mintIdentity(ctx: AuthzContext, identity: AuthzIdentity): Promise<CreatedToken | null> {
  const body = ctx.tokens.withDefaults({ ...identityFields(identity), name: ctx.tokens.newName(`authz-${identity}`) });
  if (!isPolicyIdentity(identity)) return ctx.tokens.create(body);
  const result = await ctx.tokens.post(body);
  if (result.status === 201) return ctx.tokens.expectCreated(result, `postToken of the ${identity} identity`);
  const note = `the target did not mint a ${identity} token (postToken answered ${result.status}): nothing sent`;
  test.info().annotations.push({ type: 'note', description: `authorization matrix: ${note}` });
  for (const cell of authzCellsFor(identity)) record({ ...base(cell), verdict: 'observed', status: null, rule: null, note });
  return null;
}

function base(cell: AuthzCell): Pick<AuthzCellRecord, 'identity' | 'operation' | 'target'> {
  return { identity: cell.identity, operation: cell.operation, target: cell.target };
}

function record(cell: AuthzCellRecord): void {
  test.info().annotations.push({ type: AUTHZ_CELL_ANNOTATION, description: JSON.stringify(cell) });
}

/** Why a cell is not sent: a write to another member's token the run did not make. */
function whyNotSent(cell: AuthzCell, other: OtherTarget): string | null {
  if (cell.target !== 'other-member') return null;
  if (other.kind === 'none') return other.why;
  if (other.kind === 'found' && cell.operation !== 'getToken') return other.why;
  return null;
}

function requestFor(cell: AuthzCell, id: string | undefined, marker: string, tokens: TokenFactory): SendOptions {
  switch (cell.operation) {
    case 'getTokens':
      return { query: { limit: 1 } };
    case 'postToken':
      // B4: every identity asks for the admin role; the marker proves a refused request created nothing.
      return { body: tokens.withDefaults({ role: AUTHZ_ASKED_ROLE, name: marker }) };
    case 'patchToken':
      return { id, body: [{ op: 'replace', path: '/role', value: AUTHZ_ASKED_ROLE }] };
    default:
      return { id };
  }
}

/** B6 + D1: an admin reading another member's token sees only its last four characters. */
function expectLastFourOnly(result: ApiResult, other: OtherTarget, what: string): void {
  const shown = (result.json() as { token?: unknown } | null)?.token;
  if (other.kind === 'owned') expectObfuscated(shown, other.secret, what);
  else
    expect.soft(typeof shown === 'string' && shown.length <= 4, `${what}: "token" must show at most the last four characters`).toBe(true);
}

function newSecretOf(result: ApiResult): string {
  const token = (result.json() as { token?: unknown } | null)?.token;
  if (typeof token !== 'string') throw new Error('resetToken 200 carries no secret in "token" (rule G1)');
  return token;
}

/**
 * Another member's token: made by the run with LD_OTHER_MEMBER_TOKEN (so every cell may act on it), else one of
 * another member found with showAll=true (read-only: the write cells are inconclusive and say why).
 */
async function provideOtherTarget(ctx: AuthzContext, myMemberId: string): Promise<OtherTarget> {
  if (ctx.otherMember) {
    const owner = ctx.otherMember;
    const result = await owner.send('postToken', {
      body: ctx.tokens.withDefaults({ role: 'reader', name: ctx.tokens.newName('authz-other') }),
    });
    const created = ctx.tokens.expectCreated(result, "postToken with LD_OTHER_MEMBER_TOKEN (another member's token)");
    if (created.token.memberId === myMemberId)
      throw new Error('LD_OTHER_MEMBER_TOKEN belongs to the same member as the configured token: give a token of ANOTHER member');
    return { kind: 'owned', id: created.id, secret: created.secret, owner };
  }
  const page = await readPage(ctx.admin, { limit: 50, offset: 0, showAll: true });
  const found = page.find((t) => t.memberId !== myMemberId);
  return found
    ? { kind: 'found', id: found._id, why: WITHOUT_CREDENTIAL }
    : { kind: 'none', why: `${WITHOUT_CREDENTIAL}; the first page of getTokens?showAll=true holds no other member's token` };
}
