/**
 * Faults that can be injected into the alternative server (option `fault`), one at a time. Each breaks
 * exactly ONE promise of the spec or of the behaviour rules (specs/behaviour.md), and they are chosen to
 * differ from the reference server's catalogue (src/server/faults.ts): a suite tuned on one server's
 * faults must also catch the same kind of breakage in an implementation it was not developed against
 * (tests/system/alt-detection.spec.ts runs the suite against each).
 *
 * Every place in the server that consults a fault is marked with a `FAULT:` comment; with no fault set
 * the server is the correct implementation that tests/system/portability.spec.ts holds the suite to.
 */
import type { FaultInfo } from '../domain/faults';

/** The domain's fault metadata, as the reference server's catalogue carries it: the rule typed by rule id. */
export type AltFault = FaultInfo;

export const ALT_FAULTS = {
  // --- shapes and fields of a Token (C1, C3, C4, schema) ---
  'links-parent-missing': { rule: 'C4', description: 'Token `_links` carries `self` but no `parent`' },
  'links-parent-wrong': { rule: 'C4', description: 'Token `_links.parent.href` is `/api/v2/members` instead of `/api/v2/tokens`' },
  'member-id-per-token': {
    rule: 'C3',
    description: '`memberId` shown on a token is derived from the token, so two tokens of one caller differ',
  },
  'owner-id-per-token': { rule: 'C3', description: '`ownerId` is derived from the token, so it differs between tokens of one account' },
  'creation-date-seconds': { rule: 'C3', description: '`creationDate` is epoch SECONDS on the server clock instead of milliseconds' },
  'post-role-not-echoed': { rule: 'C1', description: 'postToken 201 omits the `role` it was sent (stored, not shown)' },
  'post-inline-role-not-echoed': { rule: 'C1', description: 'postToken 201 omits the `inlineRole` it was sent (stored, not shown)' },
  'post-custom-role-ids-not-echoed': {
    rule: 'C1',
    description: 'postToken 201 shows `customRoleIds: []` whatever it was sent (stored, not shown)',
  },
  'post-service-token-not-echoed': {
    rule: 'C1',
    description: 'postToken 201 shows `serviceToken: false` whatever it was sent (stored, not shown)',
  },
  'post-api-version-not-echoed': {
    rule: 'C1',
    description: 'postToken 201 shows the default `defaultApiVersion` whatever it was sent (stored, not shown)',
  },
  'error-code-number': { rule: 'A4', description: 'error bodies carry `code` as a number (the HTTP status) instead of a string' },
  'last-modified-zero-on-create': { rule: 'C3', description: "a new token's `lastModified` is 0 instead of its creation time" },
  'forbidden-without-code': { rule: 'A4', description: '403 bodies carry `message` but no `code`' },
  'unauthorized-text-plain': { rule: 'A3', description: '401 answers have a plain-text body with Content-Type text/plain' },
  'delete-token-202': { rule: 'A2', description: 'deleteToken deletes but answers the undocumented 202 (no body) instead of 204' },

  // --- secrets (C2, D1, G1) ---
  'obfuscate-first-four': { rule: 'D1', description: 'reads show the FIRST four characters of the secret instead of the last four' },
  'secret-in-extra-field': { rule: 'D1', description: 'reads carry the whole secret in an undocumented field `x-alt-credential`' },
  'secret-in-link-href': {
    rule: 'D1',
    description: 'reads carry the whole secret in an extra link `_links.rotate.href` (…/reset?credential=<secret>)',
  },
  'secret-in-list-items': {
    rule: 'D1',
    description: 'getTokens items (only) carry the whole secret in an undocumented field `x-alt-credential`',
  },
  'reads-show-first-secret': { rule: 'D1', description: 'after a reset, reads still show the last four characters of the FIRST secret' },
  'create-secret-delayed': { rule: 'C2', description: "a new token's secret authenticates only 3 s (server clock) after postToken" },
  'reset-secret-delayed': { rule: 'G1', description: "a reset's new secret authenticates only 3 s (server clock) after resetToken" },
  'reset-changes-id': { rule: 'G1', description: 'resetToken moves the token to a new `_id` (the old id then answers 404)' },

  // --- roles and authentication (A1, B1, B2, B3) ---
  'reader-may-delete': { rule: 'B1', description: 'a reader token may delete tokens of its member (204 instead of 403)' },
  'reader-may-patch': { rule: 'B1', description: 'a reader token may patch tokens of its member (200 instead of 403)' },
  'reader-may-reset': { rule: 'B1', description: 'a reader token may reset tokens of its member (200 instead of 403)' },
  'reader-cannot-read-own': { rule: 'B1', description: "a reader token gets 403 on getToken of its own member's tokens" },
  'list-ignores-member-filter': { rule: 'B3', description: 'getTokens without showAll lists the tokens of every member' },
  'show-all-hides-own': { rule: 'B2', description: "getTokens showAll=true for an admin leaves out the admin member's own tokens" },
  'expired-secret-403': { rule: 'A1', description: 'an old secret past its reset expiry gets 403 instead of 401' },
  'deleted-secret-404': { rule: 'A1', description: "a deleted token's secret gets 404 instead of 401" },
  'unknown-secret-403': { rule: 'A1', description: 'an Authorization value that names no token gets 403 instead of 401' },

  // --- lists (D2) ---
  'page-limit-plus-one': { rule: 'D2', description: 'getTokens returns limit+1 items per page' },
  'offset-off-by-one': { rule: 'D2', description: 'getTokens skips offset-1 items, so consecutive pages share one token' },
  'default-limit-50': { rule: 'D2', description: 'getTokens without `limit` returns up to 50 items instead of 25' },
  'offset-past-end-404': {
    rule: 'A2',
    description: 'getTokens with an offset at or past the end of the list answers the undocumented 404',
  },

  // --- create / delete / reset semantics (C5, F1, G2, G3, A6) ---
  'invalid-role-creates': { rule: 'C5', description: 'postToken with an invalid role stores a reader token before answering 400' },
  'post-array-body-accepted': { rule: 'C5', description: 'postToken with a JSON array body creates a default token (201) instead of 400' },
  'post-wrong-type-accepted': {
    rule: 'C5',
    description: 'postToken turns a non-text `name` / `description` into text (201) instead of 400',
  },
  'post-statement-without-effect-accepted': {
    rule: 'C5',
    description: 'postToken fills a missing inlineRole `effect` with "allow" (201) instead of 400',
  },
  'deleted-token-410': { rule: 'F1', description: 'getToken of a deleted token answers 410 Gone instead of 404' },
  'deleted-token-200': { rule: 'F1', description: 'getToken of a deleted token still answers 200 with the token' },
  'delete-twice-204': { rule: 'F1', description: 'a second deleteToken of a deleted token answers 204 instead of 404' },
  'unknown-id-400': { rule: 'A6', description: 'a well-formed id that names no token gets 400 instead of 404 on the four id operations' },
  'reset-old-secret-grace': { rule: 'G2', description: 'a reset without `expiry` keeps the old secret working for 60 s' },
  'reset-expiry-seconds': {
    rule: 'G3',
    description: 'resetToken reads `expiry` as epoch SECONDS, so the old secret lives ~1000x too long',
  },

  // --- patches (E1, E3, E4, E5) ---
  'patch-remove-ignored': { rule: 'E2', description: 'patch `remove` operations are skipped (200, field still there)' },
  'patch-failing-test-200': { rule: 'E4', description: 'a patch whose `test` fails answers 200 with nothing changed' },
  'patch-unknown-op-accepted': { rule: 'E3', description: 'a patch operation with an unknown `op` is skipped (200) instead of 400' },
  'patch-non-array-accepted': { rule: 'E3', description: 'a patch body that is not a JSON array answers 200 with nothing changed' },
  'patch-read-only-applied': { rule: 'E4', description: 'a patch of `/creationDate` is applied (200) instead of 400/422' },
  'patch-missing-path-accepted': { rule: 'E3', description: 'a patch operation without `path` is skipped (200) instead of 400' },
  'patch-role-outside-enum-accepted': {
    rule: 'E4',
    description: 'a patch setting `role` outside reader|writer|admin is stored (200) instead of 400/422',
  },
  'patch-role-ignored': { rule: 'E2', description: 'a patch of `/role` answers 200 but the role stays as it was' },
  'patch-moves-creation-date': { rule: 'C3', description: 'a real patch moves `creationDate` to the time of the patch' },
  'patch-last-modified-backwards': { rule: 'E1', description: 'a real change sets `lastModified` one second BEFORE its old value' },
  'patch-returns-stale': { rule: 'E1', description: 'patchToken stores the change but its 200 body shows the token as it was' },
} as const satisfies Record<string, AltFault>;

export type AltFaultId = keyof typeof ALT_FAULTS;

export const ALT_FAULT_IDS = Object.keys(ALT_FAULTS) as AltFaultId[];

/** A clear one-line error for a fault name that is not in the catalogue (CLI / env input). */
export function parseAltFaultId(value: string): AltFaultId {
  if ((ALT_FAULT_IDS as string[]).includes(value)) return value as AltFaultId;
  throw new Error(`Unknown alt-server fault "${value}"; known faults: ${ALT_FAULT_IDS.join(', ')}`);
}
