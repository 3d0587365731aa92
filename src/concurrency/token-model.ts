/**
 * The sequential model of one token, as the linearizability checker needs it: a nondeterministic step from a
 * state and one operation of the history (with its outcome) to every state a correct server may be in after it,
 * none when no correct server could have answered so. It is explore's model, not a copy: patches are judged by
 * explore's prediction (predictPatch: every answer the rules allow, 400 and 422 alike, and E6's "shown as
 * empty"), resets and deletes change secrets through the same steps explore's commands take (token-transitions.ts),
 * and a read is compared in explore's view of a Token (projectToken).
 */
import type { SecretState } from '../explore/explore-model';
import { withoutSecret } from '../explore/explore-model';
import { answersFor, EMPTY_VALUES, predictPatch } from '../explore/patch-prediction';
import { projectToken } from '../explore/token-projection';
import { expectedAfter, fillEmpty, secretsAfterDelete, secretsAfterReset, tokenDifferences } from '../explore/token-transitions';
import type { HistoryOperation, InitialToken } from './history';
import type { SequentialModel } from './linearizability';

export interface TokenState {
  /** The Token as a correct server would show it now (without its secret). */
  doc: Record<string, unknown>;
  deleted: boolean;
  /** One per secret the token was given, oldest first, as explore keeps them. */
  secrets: readonly SecretState[];
  /** The label of each secret; null for one issued by a reset whose answer was lost (no client can use it). */
  labels: readonly (string | null)[];
}

/**
 * 409 on patchToken: "conflicts with a concurrent API request" (the spec). A concurrent scenario may meet it
 * wherever two writes overlap; it changes nothing (issue 27.5 gives it its row in specs/behaviour.md).
 */
const PATCH_CONFLICT = 409;
const SUCCESS: Readonly<Record<Exclude<HistoryOperation['call']['op'], 'auth'>, number>> = {
  get: 200,
  patch: 200,
  reset: 200,
  delete: 204,
};
const E6_FIELDS = Object.keys(EMPTY_VALUES);

export function initialState(initial: InitialToken): TokenState {
  return {
    doc: withoutSecret(initial.doc),
    deleted: false,
    secrets: [{ state: 'live', row: 'secret-authenticates', why: 'was the token’s secret when the scenario began' }],
    labels: [initial.secret],
  };
}

/**
 * Equal keys, equal futures: explore's view of the Token (fields outside it — lastModified, the last four — are
 * not predicted), whether it is deleted, and each known secret issued so far, live or dead (a dead one still
 * matters: G1 never issues it again).
 */
export function stateKey(state: TokenState): string {
  const secrets = state.labels
    .flatMap((label, i) => (label === null ? [] : [`${state.secrets[i]?.state === 'live' ? '+' : '-'}${label}`]))
    .sort();
  return JSON.stringify([state.deleted, state.deleted ? null : projectToken(state.doc), secrets]);
}

/** Every state a correct server may be in after `op` answered as recorded; empty when no correct server answers so. */
export function stepToken(state: TokenState, op: HistoryOperation): TokenState[] {
  const { call, outcome } = op;
  if (call.op === 'auth') {
    const index = state.labels.lastIndexOf(call.secret);
    const live = index >= 0 && state.secrets[index]?.state === 'live';
    if (outcome.kind === 'unknown') return [state];
    // ok: the secret authenticated (any answer but 401); failed: 401.
    if (outcome.kind === 'ok') return live ? [state] : [];
    return outcome.status === 401 && !live ? [state] : [];
  }
  if (state.deleted) {
    // F1: afterwards every operation on it gets 404, and nothing brings it back.
    if (outcome.kind === 'ok') return [];
    return outcome.kind === 'unknown' || outcome.status === 404 ? [state] : [];
  }
  if (outcome.kind === 'ok' && outcome.status !== SUCCESS[call.op]) return [];
  switch (call.op) {
    case 'get':
      if (outcome.kind === 'unknown') return [state];
      if (outcome.kind === 'failed') return [];
      return outcome.doc === undefined || showsAlike(state.doc, outcome.doc) ? [state] : [];
    case 'patch': {
      const prediction = predictPatch(call.body, state.doc);
      if (outcome.kind === 'failed')
        return outcome.status === PATCH_CONFLICT || answersFor(prediction, outcome.status).length > 0 ? [state] : [];
      const applied = answersFor(prediction, 200);
      if (outcome.kind === 'ok' && outcome.doc !== undefined) {
        const shown = outcome.doc;
        return applied.some((answer) => expectedAfter(answer, shown).differences.length === 0)
          ? [{ ...state, doc: withoutSecret(shown) }]
          : [];
      }
      const after = applied.flatMap((answer) => (answer.doc ? [{ ...state, doc: answer.doc }] : []));
      return outcome.kind === 'unknown' ? [state, ...after] : after;
    }
    case 'reset': {
      if (outcome.kind === 'failed') return [];
      const label = outcome.secret ?? null;
      if (label !== null && state.labels.includes(label)) return []; // G1: a new secret, never one the token had
      if (outcome.kind === 'ok' && outcome.doc !== undefined && !showsAlike(state.doc, outcome.doc)) return [];
      const reset: TokenState = {
        ...state,
        secrets: secretsAfterReset(state.secrets, call.expiry),
        labels: [...state.labels, label],
      };
      return outcome.kind === 'unknown' ? [state, reset] : [reset];
    }
    case 'delete': {
      if (outcome.kind === 'failed') return [];
      const deleted: TokenState = { ...state, deleted: true, secrets: secretsAfterDelete(state.secrets) };
      return outcome.kind === 'unknown' ? [state, deleted] : [deleted];
    }
  }
}

/** A read shows the model's Token: equal in explore's view, an unset E6 field read as its empty value on both sides. */
function showsAlike(model: Record<string, unknown>, shown: Record<string, unknown>): boolean {
  return tokenDifferences(fillEmpty(model, E6_FIELDS), fillEmpty(shown, E6_FIELDS)).length === 0;
}

export const TOKEN_MODEL: SequentialModel<TokenState, HistoryOperation> = { step: stepToken, key: stateKey };
