/**
 * Explore's prediction table: every outcome explore's model expects or accepts, each row resting on the
 * rule of specs/behaviour.md it cites (the rule's id and the words of its row it relies on;
 * tests/unit/explore/prediction-rules.spec.ts holds every quote to behaviour.md). Nothing else in
 * src/explore may decide what a correct server must answer: a check names its row, and its verdict is the
 * row's rule.
 *
 * Two kinds of row:
 *  - `judged`: a rule decides the answer; any other answer fails the run, blamed on the row's rule.
 *  - `open`: no rule decides; every documented answer listed is accepted, and the answer the target chose
 *    is recorded as an observation (coverage.json `leniencies`, docs/leniency.md "Explore: where the rules
 *    leave room"), never a failure. A false alarm costs more than a miss: a muted nightly catches nothing.
 */
import type { RuleId, RuleRef } from '../domain/rules';

export interface Citation {
  rule: RuleId;
  /** Words of that rule's row in specs/behaviour.md, verbatim (Markdown included). */
  words: string;
}

export interface PredictionRow {
  kind: 'judged' | 'open';
  /** What explore expects (judged) or accepts (open). */
  predicts: string;
  cites: readonly [Citation, ...Citation[]];
  /** Open rows: the evidence that the answers listed are all conformant, when the cited words alone do not say it. */
  evidence?: string;
  /** The rule(s) a breach is reported against, when not the first citation's alone (e.g. `E1/E5`). */
  blame?: RuleRef;
}

export const PREDICTION_ROWS = {
  // --- postToken ---------------------------------------------------------------------------------------
  'create-valid': {
    kind: 'judged',
    predicts: 'a valid AccessTokenPost body gets 201 with a Token echoing every field sent',
    cites: [
      {
        rule: 'C1',
        words:
          '**201** with a `Token` whose `name`, `description`, `role`, `customRoleIds`, `inlineRole`, `serviceToken` and `defaultApiVersion` are the values sent',
      },
    ],
  },
  'create-whole-secret': {
    kind: 'judged',
    predicts: 'the 201 carries the whole new secret in `token`',
    cites: [{ rule: 'C2', words: '`token` holds the **whole** secret' }],
  },
  'create-invalid': {
    kind: 'judged',
    predicts: 'a body AccessTokenPost rejects (a wrong JSON type, a role outside the enum, a statement without effect) gets 400',
    cites: [
      {
        rule: 'C5',
        words:
          'A body that is not a JSON object, a `role` other than `reader`, `writer` or `admin`, a field of the wrong type, or an `inlineRole` statement without `effect` gets **400**',
      },
    ],
  },
  'create-api-version': {
    kind: 'open',
    predicts: 'a body naming a defaultApiVersion: 201 echoing it, or 400 (an API version the target does not support)',
    cites: [{ rule: 'C1', words: '`defaultApiVersion` are the values sent' }],
    evidence:
      'the spec types defaultApiVersion as any integer ("The default API version for this token"); a server knows only some versions',
  },
  'custom-role-ids-checked': {
    kind: 'open',
    predicts: 'new custom role ids (create or patch): accepted, or 400/422 (a target that checks the roles exist)',
    cites: [{ rule: 'C1', words: '`customRoleIds`' }],
    evidence:
      'customRoleIds is {"type": "array", "items": {"type": "string"}} in the spec, which does not say the ids must exist; LaunchDarkly checks they do (docs/leniency.md)',
  },
  'long-string': {
    kind: 'open',
    predicts: 'a name or description longer than 256 characters: accepted, or refused with a documented 4xx',
    cites: [{ rule: 'A7', words: 'very long strings: a documented 4xx' }],
  },
  'no-role-at-all': {
    kind: 'open',
    predicts: 'settings that leave a token with no role, custom role or inline policy: accepted, or refused',
    cites: [{ rule: 'C1', words: '`role`, `customRoleIds`, `inlineRole`' }],
    evidence: 'inlineRole "May be used in place of a role" (spec); no rule says a token may have no role of any kind',
  },
  'statement-negation': {
    kind: 'open',
    predicts: 'a statement using a list and its negation (resources and notResources, actions and notActions): accepted, or refused',
    cites: [{ rule: 'C5', words: 'an `inlineRole` statement without `effect` gets **400**' }],
    evidence: 'StatementPost in the spec: "The <code>resources</code> field must be empty to use this field" (same for actions)',
  },

  // --- getToken, getTokens -----------------------------------------------------------------------------
  'read-exists': {
    kind: 'judged',
    predicts: 'getToken of a token the run created and did not delete: 200',
    cites: [{ rule: 'D1', words: 'getToken returns the token as created' }],
  },
  'read-like-model': {
    kind: 'judged',
    predicts: 'getToken equals the model: every accepted change applied, every refused one not',
    blame: 'E1/E5',
    cites: [
      { rule: 'E1', words: 'a following getToken shows the change' },
      { rule: 'E5', words: 'after any failed patch, getToken shows the token as it was' },
    ],
  },
  'read-no-whole-secret': {
    kind: 'judged',
    predicts: 'no read (getToken, getTokens) carries a whole secret of a token the run created',
    cites: [{ rule: 'D1', words: 'A whole secret in any read is a security failure.' }],
  },
  'read-last-four': {
    kind: 'judged',
    predicts: "a read's `token` is the last four characters of the token's current secret",
    cites: [
      { rule: 'D1', words: '`token` holds only the **last four characters** of the secret' },
      { rule: 'D1', words: 'Every item of getTokens is obfuscated the same way.' },
    ],
  },
  'list-answered': {
    kind: 'judged',
    predicts: 'getTokens with limit ≥ 1 and offset ≥ 0 (below a million): 200 with items',
    cites: [{ rule: 'D2', words: 'getTokens: `items` is an array of `Token`' }],
  },
  'list-limit': {
    kind: 'judged',
    predicts: 'getTokens returns at most `limit` items',
    cites: [{ rule: 'D2', words: '`limit` (25 when absent) caps `items.length`' }],
  },
  'list-like-model': {
    kind: 'judged',
    predicts: 'a listed token of the run equals the model, as getToken would show it',
    blame: 'D2/E1',
    cites: [
      { rule: 'D2', words: '`items` is an array of `Token`' },
      { rule: 'E1', words: 'a following getToken shows the change' },
    ],
  },
  'list-no-deleted': {
    kind: 'judged',
    predicts: 'getTokens never lists a token the run deleted',
    cites: [{ rule: 'F1', words: 'Afterwards getToken gets 404' }],
  },

  // --- patchToken --------------------------------------------------------------------------------------
  'patch-malformed': {
    kind: 'judged',
    predicts: 'a body that is not a JSON Patch (not an array, an element without a string op or path, an unknown op): 400',
    cites: [
      {
        rule: 'E3',
        words: 'A body that is not a JSON array, or an operation missing `op` or `path`, or with an unknown `op`, gets **400**.',
      },
    ],
  },
  'patch-read-only-or-unknown': {
    kind: 'judged',
    predicts: 'an add, remove, replace, move or copy that writes (or moves from) a read-only path, an unknown path or the root: 400 or 422',
    cites: [
      {
        rule: 'E4',
        words: 'a read-only path (`/_id`, `/token`, `/ownerId`, `/memberId`, `/creationDate`), an unknown path',
      },
      { rule: 'E4', words: 'gets **400 or 422**' },
    ],
  },
  'patch-unappliable': {
    kind: 'judged',
    predicts:
      'a patch RFC 6902 cannot apply to the token as shown (a failing test, a missing member, an index out of range) or whose result is no valid AccessTokenPost (a wrong type, a role outside the enum): 400 or 422',
    cites: [
      {
        rule: 'E4',
        words: 'A well-formed patch that cannot be applied — a failing `test`',
      },
      { rule: 'E4', words: 'a value of the wrong type, a `role` outside the enum — gets **400 or 422**' },
    ],
  },
  'patch-applies': {
    kind: 'judged',
    predicts: 'a patch of E2 fields that RFC 6902 applies and whose result is a valid AccessTokenPost: 200, never refused',
    cites: [
      {
        rule: 'E2',
        words:
          '`/name`, `/description`, `/role`, `/customRoleIds` and `/inlineRole` can be patched with `add`, `replace`, `remove` and `test`.',
      },
    ],
  },
  'patch-replace-unset': {
    kind: 'judged',
    predicts: '`replace` of a whole E2 field the token shows no value for acts as `add`: 200',
    cites: [
      {
        rule: 'E6',
        words:
          '`replace` on `/role`, `/customRoleIds`, `/inlineRole` or `/description` succeeds also when the token has no value there yet',
      },
    ],
  },
  'patch-result': {
    kind: 'judged',
    predicts: "a patch's 200 carries the token as the patch applied to the model leaves it",
    cites: [{ rule: 'E1', words: '**200** with the patched `Token`' }],
  },
  'patch-last-modified': {
    kind: 'judged',
    predicts: 'lastModified never goes back, and moves on when a patch really changed a setting',
    cites: [{ rule: 'E1', words: '`lastModified` never goes back and moves past its old value when something really changed' }],
  },
  'patch-status-400-or-422': {
    kind: 'open',
    predicts: 'a refused patch: 400 or 422, whichever the target chooses (the body judged against the status received)',
    cites: [{ rule: 'E4', words: 'gets **400 or 422** (both are documented; the body must match the schema of the status received)' }],
  },
  'patch-test-outside-e2': {
    kind: 'open',
    predicts:
      "a `test` that RFC 6902 passes on a path outside E2 (e.g. /_id with the token's own id): 200 with nothing changed, or 400/422",
    cites: [
      { rule: 'E2', words: 'can be patched with `add`, `replace`, `remove` and `test`' },
      { rule: 'E4', words: 'a read-only path (`/_id`, `/token`, `/ownerId`, `/memberId`, `/creationDate`), an unknown path' },
    ],
    evidence: 'E2 promises `test` on its five fields only; E4 lets a server refuse an operation on a read-only or unknown path',
  },
  'patch-move-copy': {
    kind: 'open',
    predicts: 'a `move` or `copy`: 200 with the RFC 6902 result, or 400/422',
    cites: [{ rule: 'E2', words: '`move` and `copy` are unspecified and not tested either way' }],
  },
  'patch-move-copy-unappliable': {
    kind: 'open',
    predicts:
      'a `move` or `copy` RFC 6902 cannot apply (e.g. from a field the token shows no value for): 400/422, or 200 with the fields it touches unjudged',
    cites: [{ rule: 'E2', words: '`move` and `copy` are unspecified and not tested either way' }],
  },
  'patch-default-api-version': {
    kind: 'open',
    predicts: 'a patch touching /defaultApiVersion: 400/422, or 200 with defaultApiVersion unjudged',
    cites: [{ rule: 'E2', words: '(`/defaultApiVersion`, `move` and `copy` are unspecified and not tested either way.)' }],
  },
  'patch-other-token-field': {
    kind: 'open',
    predicts:
      'a write to a Token field neither E2 nor E4 names (/serviceToken, /lastModified, /_links, /_member, /lastUsed): 400/422, or 200 with that field unjudged',
    cites: [
      {
        rule: 'E2',
        words: '`/name`, `/description`, `/role`, `/customRoleIds` and `/inlineRole` can be patched',
      },
      { rule: 'E4', words: 'a read-only path (`/_id`, `/token`, `/ownerId`, `/memberId`, `/creationDate`), an unknown path' },
    ],
    evidence: 'E4 names five read-only paths and unknown paths; these are documented Token properties it does not name',
  },
  'patch-unset-field-as-empty': {
    kind: 'open',
    predicts:
      'an operation on /description, /customRoleIds or /inlineRole (or from it) while the token shows no value there: answered as RFC 6902 on the token as shown, or as if the field held its empty value ("" or [])',
    cites: [{ rule: 'E6', words: 'a server may show such fields as empty' }],
  },

  // --- resetToken, deleteToken, secrets ----------------------------------------------------------------
  reset: {
    kind: 'judged',
    predicts: 'resetToken of a live token: 200 with a new whole secret, the same _id, the settings unchanged',
    cites: [
      {
        rule: 'G1',
        words: '**200** with the `Token`: `token` holds a new whole secret, different from the old one, and `_id` is unchanged.',
      },
    ],
  },
  'reset-without-expiry': {
    kind: 'judged',
    predicts: 'after a reset without expiry the old secret gets 401',
    cites: [{ rule: 'G2', words: 'Without `expiry`, the old secret stops working immediately (401).' }],
  },
  'reset-expiry-future': {
    kind: 'judged',
    predicts: 'after a reset with an expiry hours ahead (server clock) the old secret still authenticates',
    cites: [{ rule: 'G3', words: 'the old secret keeps working until then' }],
  },
  'reset-expiry-past': {
    kind: 'judged',
    predicts: 'after a reset with an expiry hours past (server clock) the old secret gets 401',
    cites: [{ rule: 'G3', words: 'gets 401 afterwards' }],
  },
  'secret-authenticates': {
    kind: 'judged',
    predicts: 'a secret issued by postToken or resetToken authenticates (never 401)',
    cites: [
      { rule: 'C2', words: 'that secret authenticates immediately' },
      { rule: 'G1', words: 'The new secret authenticates immediately.' },
    ],
  },
  'reader-lists': {
    kind: 'judged',
    predicts: 'a live secret of a reader token lists tokens: 200',
    cites: [{ rule: 'B1', words: 'A `reader` token may list tokens' }],
  },
  'admin-lists': {
    kind: 'judged',
    predicts: 'a live secret of an admin token lists tokens: 200',
    cites: [{ rule: 'B2', words: 'An `admin` token may do everything.' }],
  },
  'writer-lists': {
    kind: 'open',
    predicts: 'a live secret of a writer token lists tokens: 200 or 403',
    cites: [{ rule: 'B1', words: 'A `reader` token may list tokens' }],
    evidence: 'the B rules say what reader and admin tokens may do, not writer ones',
  },
  delete: {
    kind: 'judged',
    predicts: 'deleteToken of a live token: 204; afterwards getToken, patchToken, resetToken and deleteToken get 404 and its secrets 401',
    cites: [
      {
        rule: 'F1',
        words: "**204** with no body. Afterwards getToken gets 404, a second deleteToken gets 404, and the deleted token's secret gets 401",
      },
    ],
  },
  'unknown-id': {
    kind: 'judged',
    predicts: 'getToken, patchToken, deleteToken and resetToken of an id no token has: 404',
    cites: [{ rule: 'A6', words: 'an id that names no token — malformed ones included — gets **404**' }],
  },
  'contract-checks': {
    kind: 'judged',
    predicts: 'every response passes the contract checks: a documented status, JSON, the schema of its status',
    cites: [
      { rule: 'A2', words: 'A status that the operation does not document is a contract failure' },
      { rule: 'A3', words: 'A response with a body says `Content-Type: application/json`' },
      { rule: 'A4', words: 'A 4xx body matches the error schema documented for that status' },
    ],
    blame: 'A2/A3/A4',
  },
  'never-5xx': {
    kind: 'judged',
    predicts: 'every request is answered, never with a 5xx, never a hang or a dropped connection',
    cites: [{ rule: 'A7', words: 'never a 5xx, never a hang' }],
  },
} as const satisfies Record<string, PredictionRow>;

export type PredictionRowId = keyof typeof PREDICTION_ROWS;
export type OpenRowId = { [K in PredictionRowId]: (typeof PREDICTION_ROWS)[K]['kind'] extends 'open' ? K : never }[PredictionRowId];

export function predictionRow(id: PredictionRowId): PredictionRow {
  return PREDICTION_ROWS[id];
}

/** The rule an open row's observation is filed under: its first citation's. */
export function ruleOf(id: PredictionRowId): RuleId {
  return PREDICTION_ROWS[id].cites[0].rule;
}

/** The rule(s) a breach of a judged row is reported against. */
export function blameOf(id: PredictionRowId): RuleRef {
  const row: PredictionRow = PREDICTION_ROWS[id];
  return row.blame ?? row.cites[0].rule;
}
