import { OPERATION_IDS, OPERATIONS, type OperationId } from './operations';
import { isKnownRuleId, type RuleId } from './rules';

/**
 * The authorization matrix (issue 26): identities × operations × targets, generated from the operations' traits
 * and the roles' order — never hand-listed — with what rules B1, B2, B4, B5 and B6 decide for each cell. A cell no
 * rule decides is `observed`: sent, shown in the coverage grid, never judged (false alarms cost more than misses).
 */

/**
 * The identities the suite mints for itself with the configured admin token: the built-in roles, lowest rank first,
 * then a token shaped by a custom role (`customRoleIds`) and one by an inline policy (`inlineRole`) instead of a role.
 */
export const AUTHZ_IDENTITIES = ['reader', 'writer', 'admin', 'custom-role', 'inline-policy'] as const;
export type AuthzIdentity = (typeof AUTHZ_IDENTITIES)[number];
type RoleIdentity = Extract<AuthzIdentity, 'reader' | 'writer' | 'admin'>;
/** The identities a policy shapes rather than a built-in role: every one of their cells is observed, never judged. */
export type PolicyIdentity = Exclude<AuthzIdentity, RoleIdentity>;

export function isPolicyIdentity(identity: AuthzIdentity): identity is PolicyIdentity {
  return identity === 'custom-role' || identity === 'inline-policy';
}

/** A custom role key the suite names (no account has it unless someone made it): what a custom-role token carries. */
export const AUTHZ_CUSTOM_ROLE_KEY = 'ldct-authz-custom-role';

/**
 * The fields that make an identity, as postToken's body takes them (spec `TokenBody`). The inline policy grants only
 * viewing projects — nothing about tokens — so a staging never holds a powerful token minted by the suite.
 */
export type IdentityFields =
  | { role: RoleIdentity }
  | { customRoleIds: string[] }
  | { inlineRole: { effect: 'allow' | 'deny'; actions: string[]; resources: string[] }[] };

export function identityFields(identity: AuthzIdentity): IdentityFields {
  switch (identity) {
    case 'custom-role':
      return { customRoleIds: [AUTHZ_CUSTOM_ROLE_KEY] };
    case 'inline-policy':
      return { inlineRole: [{ effect: 'allow', actions: ['viewProject'], resources: ['proj/*'] }] };
    default:
      return { role: identity };
  }
}

/**
 * Whose token a cell acts on: the caller's own token, another token of the caller's member, another member's
 * token; `collection` for the operations whose path names no token (getTokens, postToken).
 */
export const AUTHZ_TARGETS = ['own', 'same-member', 'other-member'] as const;
export type AuthzTarget = (typeof AUTHZ_TARGETS)[number] | 'collection';

/** What the cell's request asks for beyond the operation (patchToken and postToken ask for the admin role: B4). */
export const AUTHZ_ASKED_ROLE = 'admin';

export type AuthzExpectation =
  | { kind: 'allowed'; statuses: readonly number[]; rule: RuleId }
  | { kind: 'denied'; statuses: readonly number[]; rule: RuleId }
  | { kind: 'observed'; why: string };

export interface AuthzCell {
  identity: AuthzIdentity;
  operation: OperationId;
  target: AuthzTarget;
  expectation: AuthzExpectation;
}

/** What the grid shows for a cell that ran: the server's answer (allowed/denied), or why none was judged. */
export type AuthzVerdict = 'allowed' | 'denied' | 'observed' | 'inconclusive';

/** One cell as it ran, recorded in the test's `authz-cell` annotations for the coverage grid. */
export interface AuthzCellRecord {
  identity: AuthzIdentity;
  operation: OperationId;
  target: AuthzTarget;
  verdict: AuthzVerdict;
  /** The status received; null when nothing was sent (inconclusive). */
  status: number | null;
  /** The rule that judged the cell; null when none did (observed, inconclusive). */
  rule: RuleId | null;
  /** Why a cell was not judged. */
  note?: string;
  /** A judged cell whose status is not the one its rule expects (the test failed on it). */
  breach?: true;
}

export const AUTHZ_CELL_ANNOTATION = 'authz-cell';

/** The 2xx each operation answers when allowed (C1, D1/D2, E1, F1, G1). */
const ALLOWED_STATUS: Record<OperationId, number> = {
  getTokens: 200,
  postToken: 201,
  getToken: 200,
  patchToken: 200,
  deleteToken: 204,
  resetToken: 200,
};

const RANK: Record<RoleIdentity, number> = { reader: 0, writer: 1, admin: 2 };

const NO_RULE_FOR_WRITER =
  "no rule decides what a writer may do to tokens below its own role (LaunchDarkly's API reference: only admin tokens or a custom role manage tokens; the reference server lets writers manage their member's tokens)";
const NO_RULE_FOR_ADMIN_CHANGE = "no rule decides whether an admin may patch or reset another member's token (B6 names read and delete)";
const NO_RULE_FOR_POLICY =
  "no rule decides what a token shaped by a custom role or an inline policy may do: its policy does, and the suite cannot read the account's roles (B1-B6 speak of the built-in roles)";

/** What the rules decide for one cell. */
export function expectedOutcome(identity: AuthzIdentity, operation: OperationId, target: AuthzTarget): AuthzExpectation {
  const { effect } = OPERATIONS[operation];
  const allowed = (rule: RuleId): AuthzExpectation => ({ kind: 'allowed', statuses: [ALLOWED_STATUS[operation]], rule });
  const denied = (rule: RuleId, statuses: readonly number[] = [403]): AuthzExpectation => ({ kind: 'denied', statuses, rule });
  if (isPolicyIdentity(identity)) return { kind: 'observed', why: NO_RULE_FOR_POLICY };

  if (target === 'collection') {
    if (effect === 'read') return allowed(identity === 'admin' ? 'B2' : 'B1');
    // postToken asking for the admin role: only a token at that rank may (B4); a reader may not create at all (B1).
    if (identity === 'reader') return denied('B1');
    return RANK[identity] >= RANK[AUTHZ_ASKED_ROLE] ? allowed('B2') : denied('B4');
  }
  if (target === 'other-member') {
    if (identity !== 'admin') return denied('B6', [403, 404]);
    if (effect === 'read' || effect === 'delete') return allowed('B6');
    return { kind: 'observed', why: NO_RULE_FOR_ADMIN_CHANGE };
  }
  if (effect === 'read') return allowed(identity === 'admin' ? 'B2' : 'B1');
  if (identity === 'reader') return denied(target === 'own' ? 'B5' : 'B1');
  if (identity === 'admin') return allowed('B2');
  // A writer: patchToken asks for the admin role (B4); resetToken and deleteToken stay below its role.
  return operation === 'patchToken' ? denied('B4') : { kind: 'observed', why: NO_RULE_FOR_WRITER };
}

/**
 * Every cell of one identity, in the order they must run: reads first, then writes, and within each operation
 * another member's token, then the member's other token, then the caller's own (whose reset changes the caller's
 * secret and whose delete ends the identity: deleteToken of its own token is the identity's last cell).
 */
export function authzCellsFor(identity: AuthzIdentity): AuthzCell[] {
  const byEffect = (op: OperationId): number => ['read', 'create', 'change', 'delete'].indexOf(OPERATIONS[op].effect);
  const operations = [...OPERATION_IDS].sort((a, b) => byEffect(a) - byEffect(b));
  const targets: AuthzTarget[] = ['other-member', 'same-member', 'own'];
  return operations.flatMap((operation) =>
    (OPERATIONS[operation].takesId ? targets : (['collection'] as const)).map((target) => ({
      identity,
      operation,
      target,
      expectation: expectedOutcome(identity, operation, target),
    })),
  );
}

/** The whole matrix, identity by identity. */
export function authzCells(): AuthzCell[] {
  return AUTHZ_IDENTITIES.flatMap(authzCellsFor);
}

/** Reads a recorded cell back (the coverage reporter reads annotations); null for anything else. */
export function parseAuthzCellRecord(text: string | undefined): AuthzCellRecord | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const r = value as Record<string, unknown>;
    const identity = AUTHZ_IDENTITIES.find((i) => i === r.identity);
    const operation = OPERATION_IDS.find((o) => o === r.operation);
    const target = [...AUTHZ_TARGETS, 'collection' as const].find((t) => t === r.target);
    const verdict = (['allowed', 'denied', 'observed', 'inconclusive'] as const).find((v) => v === r.verdict);
    if (!identity || !operation || !target || !verdict) return null;
    const status = typeof r.status === 'number' ? r.status : null;
    const rule = typeof r.rule === 'string' && isKnownRuleId(r.rule) ? r.rule : null;
    return {
      identity,
      operation,
      target,
      verdict,
      status,
      rule,
      ...(typeof r.note === 'string' ? { note: r.note } : {}),
      ...(r.breach === true ? { breach: true as const } : {}),
    };
  } catch {
    return null;
  }
}
