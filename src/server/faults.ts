/**
 * The fault catalogue of the reference server. Each fault breaks exactly ONE promise of the
 * spec or of the behaviour rules, so a run of the suite against the server with that fault
 * switched on must fail (at least) the test that guards that promise. The switches live at the
 * exact place in the server where the behaviour lives (grep for the fault id).
 */
import type { FaultInfo as CatalogueEntry } from '../domain/faults';

export type FaultFamily = 'schema' | 'status' | 'auth' | 'secrecy' | 'semantics' | 'protocol';

/** The domain's fault metadata (rule typed by rule id, description, undetectableByDesign) plus this catalogue's family. */
export interface FaultInfo extends CatalogueEntry {
  family: FaultFamily;
}

const CATALOGUE = {
  // schema: responses that no longer match the component schemas
  'token-missing-id': { family: 'schema', rule: 'schema', description: 'Token representations omit the required `_id`' },
  'token-missing-member-id': { family: 'schema', rule: 'schema', description: 'Token representations omit the required `memberId`' },
  'tokens-items-not-array': {
    family: 'schema',
    rule: 'schema',
    description: 'getTokens returns `items` as an object keyed by id instead of an array',
  },
  'error-missing-message': { family: 'schema', rule: 'A4', description: 'error bodies carry `code` but no `message`' },
  'links-self-as-string': {
    family: 'schema',
    rule: 'schema',
    description: 'Token `_links.self` is a bare string instead of a Link object',
  },
  'member-email-missing': { family: 'schema', rule: 'schema', description: 'Token `_member` omits the required `email`' },
  'inline-role-missing-effect': {
    family: 'schema',
    rule: 'schema',
    description: 'Token `inlineRole` statements are returned without `effect`',
  },
  'creation-date-iso-string': {
    family: 'schema',
    rule: 'schema',
    description: 'Token `creationDate` is an ISO-8601 string instead of epoch milliseconds',
  },

  // status: an undocumented or wrong status code
  'post-token-200': { family: 'status', rule: 'C1', description: 'postToken answers 200 instead of 201' },
  'delete-token-200-with-body': { family: 'status', rule: 'F1', description: 'deleteToken answers 200 with a JSON body instead of 204' },
  'patch-token-204': { family: 'status', rule: 'E1', description: 'patchToken answers 204 without a body instead of 200 with the Token' },
  'reset-token-201': { family: 'status', rule: 'G1', description: 'resetToken answers 201 instead of 200' },
  'show-all-418': { family: 'status', rule: 'A2', description: 'getTokens with showAll=true answers the undocumented status 418' },
  'reset-past-expiry-500': { family: 'status', rule: 'A7', description: 'resetToken with an expiry in the past answers 500' },
  'malformed-id-400': {
    family: 'status',
    rule: 'A6',
    description: 'an id that is not 24 hex characters gets 400 instead of 404 on the four id operations',
  },
  'lone-surrogate-name-500': {
    family: 'status',
    rule: 'A7',
    description: 'postToken with a lone UTF-16 surrogate in the name (JSON "\\ud800") answers 500',
  },
  'malformed-json-500': { family: 'status', rule: 'A7', description: 'a malformed JSON request body gets 500 instead of 400' },
  'first-request-500': {
    family: 'status',
    rule: 'A2',
    description: "the first API request after the server starts answers 500 (global set-up's probe)",
  },

  // auth: who may do what
  'auth-no-header-accepted': {
    family: 'auth',
    rule: 'A1',
    description: 'getTokens without an Authorization header answers 200 as the admin',
  },
  'auth-unknown-token-accepted': {
    family: 'auth',
    rule: 'A1',
    description: 'an Authorization value that names no token is accepted as the admin',
  },
  'auth-deleted-token-accepted': { family: 'auth', rule: 'F1', description: 'the secret of a deleted token still authenticates' },
  'auth-reset-old-secret-alive': { family: 'auth', rule: 'G2', description: 'after a reset without expiry the old secret keeps working' },
  'auth-expired-secret-accepted': {
    family: 'auth',
    rule: 'G3',
    description: 'an old secret keeps working after its reset expiry has passed',
  },
  'auth-reader-can-post': { family: 'auth', rule: 'B1', description: 'a reader token may create tokens (postToken 201 instead of 403)' },
  'auth-bearer-scheme-500': {
    family: 'auth',
    rule: 'A7',
    description: 'an Authorization value with the scheme word Bearer gets 500 instead of 401',
  },
  'auth-secret-case-insensitive': {
    family: 'auth',
    rule: 'A1',
    description: 'a secret that differs from a live one only in letter case authenticates as that token',
  },
  'auth-show-all-for-non-admin': { family: 'auth', rule: 'B2', description: 'showAll=true is honoured for non-admin tokens' },
  // issue 26: one fault per authorization class a security reviewer checks first (the matrix, tests/access-tokens/authz.spec.ts).
  'authz-writer-mints-admin': {
    family: 'auth',
    rule: 'B4',
    description: 'a writer token may create an admin token (postToken) and patch a token, itself included, to the admin role',
  },
  'authz-reader-changes-itself': {
    family: 'auth',
    rule: 'B5',
    description: 'a reader token may patch, reset and delete its own token (the role check skips "own token")',
  },
  'authz-other-member-readable': {
    family: 'auth',
    rule: 'B6',
    description: "a non-admin token reads another member's token by id (getToken 200)",
  },

  // secrecy: where whole secrets appear
  'secret-in-get-token': {
    family: 'secrecy',
    rule: 'D1',
    description: 'getToken returns the whole secret instead of its last four characters',
  },
  'secret-in-get-tokens': {
    family: 'secrecy',
    rule: 'D1',
    description: 'getTokens items carry whole secrets instead of their last four characters',
  },
  'create-returns-last4': {
    family: 'secrecy',
    rule: 'C2',
    description: 'postToken returns only the last four characters of the new secret',
  },
  'reset-returns-old-secret': { family: 'secrecy', rule: 'G1', description: 'resetToken returns the old secret instead of the new one' },
  'patch-422-echoes-secret': {
    family: 'secrecy',
    rule: 'H3',
    description: "patchToken's 422 message echoes the stored token, whole secret included",
  },
  'reset-returns-last4': {
    family: 'secrecy',
    rule: 'G1',
    description: 'resetToken returns only the last four characters of the new secret',
  },

  // semantics: the right shapes and statuses, the wrong behaviour
  'patch-ignored': {
    family: 'semantics',
    rule: 'E1',
    description: 'patchToken answers 200 with the patched token but does not store the change',
  },
  'patch-partially-applied': {
    family: 'semantics',
    rule: 'E5',
    description: 'a failing multi-operation patch keeps the operations before the failing one',
  },
  'patch-last-modified-frozen': {
    family: 'semantics',
    rule: 'E1',
    description: 'patchToken does not move `lastModified` on a real change',
  },
  'reset-keeps-secret': { family: 'semantics', rule: 'G1', description: 'resetToken keeps the same secret' },
  'reset-expiry-ignored': {
    family: 'semantics',
    rule: 'G3',
    description: 'resetToken ignores `expiry`: the old secret dies at once even with a future expiry',
  },
  'reset-expiry-other-clock': {
    family: 'semantics',
    rule: 'G3',
    description: 'the old secret expiry is compared against a clock 10 minutes behind, so it lives 10 minutes longer',
  },
  'delete-not-deleting': { family: 'semantics', rule: 'F1', description: 'deleteToken answers 204 but the token stays' },
  'offset-ignored': { family: 'semantics', rule: 'D2', description: 'getTokens ignores `offset` (pages overlap)' },
  'limit-zero-whole-list': {
    family: 'semantics',
    rule: 'D2',
    description: 'getTokens?limit=0 answers the whole list instead of at most the default page of 25',
  },
  'limit-ignored': { family: 'semantics', rule: 'D2', description: 'getTokens ignores `limit` (returns everything)' },
  'list-omits-newest': { family: 'semantics', rule: 'D2', description: 'getTokens leaves out the most recently created token' },
  'total-count-page-size': {
    family: 'semantics',
    rule: 'D2',
    description: 'getTokens `totalCount` is the page size, not the number of matching tokens',
    undetectableByDesign:
      'the spec itself describes totalCount as "the number of access tokens returned" (the page size) and no behaviour rule settles it, so a correct server may answer either way',
  },
  'echo-description-dropped': { family: 'semantics', rule: 'C1', description: 'postToken drops the `description` it was sent' },

  // semantics, issue 13: a server that ignores a field it was sent and fills in its own value instead. An echo
  // check catches these only when the value it sends is not that fill-in (tests/support/field-defaults.ts).
  'ignored-name': { family: 'semantics', rule: 'C1', description: 'postToken ignores `name`: the token has none' },
  'ignored-role': { family: 'semantics', rule: 'C1', description: 'postToken ignores `role` and fills in the default `reader`' },
  'ignored-custom-role-ids': { family: 'semantics', rule: 'C1', description: 'postToken ignores `customRoleIds` and fills in `[]`' },
  'ignored-inline-role': { family: 'semantics', rule: 'C1', description: 'postToken ignores `inlineRole` and fills in `[]`' },
  'ignored-service-token': { family: 'semantics', rule: 'C1', description: 'postToken ignores `serviceToken` and fills in `false`' },
  'ignored-default-api-version': {
    family: 'semantics',
    rule: 'C1',
    description: 'postToken ignores `defaultApiVersion` and fills in the latest version, 20240415',
  },
  'ignored-limit': { family: 'semantics', rule: 'D2', description: 'getTokens ignores `limit` and uses its default, 25' },
  // explore (issue 11): breakage that depends on particular valid inputs or on a particular sequence of
  // calls, which no example test foresees; the explore test (tests/access-tokens/explore.spec.ts) finds them.
  'post-non-ascii-name-500': {
    family: 'status',
    rule: 'A7',
    description: 'postToken answers 500 when the name holds a character outside ASCII',
  },
  'description-cut-at-100': {
    family: 'semantics',
    rule: 'C1',
    description: 'descriptions longer than 100 characters are stored (and echoed) cut to 100',
  },
  'empty-description-dropped': { family: 'semantics', rule: 'C1', description: 'postToken drops a description that is the empty string' },
  'patch-test-array-fails': {
    family: 'semantics',
    rule: 'E2',
    description: 'a patch `test` of a whole array field (/customRoleIds, /inlineRole) always fails (422)',
  },
  'patch-remove-statement-500': {
    family: 'status',
    rule: 'A7',
    description: 'a patch removing one inlineRole statement (/inlineRole/<i>) answers 500',
  },
  'delete-patched-secret-alive': {
    family: 'auth',
    rule: 'F1',
    description: 'deleting a token that was patched or reset earlier (lastModified moved) leaves its current secret authenticating',
  },
  'statement-negations-dropped': {
    family: 'semantics',
    rule: 'C1',
    description: 'postToken stores inlineRole statements without their notResources and notActions',
  },
  'limit-over-100-500': {
    family: 'status',
    rule: 'A7',
    description: 'getTokens with a limit above 100 answers 500 instead of capping the page',
  },
  'patch-non-ascii-description-500': {
    family: 'status',
    rule: 'A7',
    description: 'a patch writing a description with a character outside ASCII answers 500',
  },
  'reset-far-expiry-500': { family: 'status', rule: 'A7', description: 'resetToken with an expiry more than 7 days ahead answers 500' },
  'patch-add-index-appends': {
    family: 'semantics',
    rule: 'E2',
    description: 'a patch `add` at an index inside /customRoleIds or /inlineRole appends at the end instead of inserting there',
  },
  'patch-many-ops-drops-last': {
    family: 'semantics',
    rule: 'E2',
    description: 'a patch of three or more operations skips its last one (and answers 200)',
  },
  'reset-again-old-secret-alive': {
    family: 'auth',
    rule: 'G2',
    description: 'a second (or later) reset without expiry of the same token leaves the replaced secret authenticating',
  },
  'reset-revokes-expiring-secrets': {
    family: 'auth',
    rule: 'G3',
    description: "a reset revokes the token's older secrets that an earlier reset gave a future expiry",
  },
  'list-stale-after-patch': {
    family: 'semantics',
    rule: 'D2',
    description: 'getTokens shows a patched token as it was before its last patch (getToken shows it as it is)',
  },

  // protocol: HTTP-level promises
  'content-type-text-plain': { family: 'protocol', rule: 'A3', description: 'JSON bodies are sent with Content-Type text/plain' },
  'invalid-json-get-token': { family: 'protocol', rule: 'A3', description: 'getToken 200 bodies are not valid JSON' },
  'rate-limit-429-without-headers': {
    family: 'protocol',
    rule: 'A5',
    description: 'every 10th request gets 429 without X-Ratelimit-Reset or Retry-After',
  },
  'get-token-hangs': { family: 'protocol', rule: 'A7', description: 'getToken never answers' },
  // issue 25: the API version header (A11) and the rate-limit headers (A12)
  'api-version-header-ignored': {
    family: 'protocol',
    rule: 'A11',
    description: "LD-API-Version is ignored: every request is served under the calling token's defaultApiVersion",
  },
  'rate-limit-reset-seconds': {
    family: 'protocol',
    rule: 'A12',
    description: 'X-Ratelimit-Reset on ordinary responses is epoch seconds instead of epoch milliseconds',
  },
  'rate-limit-remaining-negative': {
    family: 'protocol',
    rule: 'A12',
    description: 'X-Ratelimit-Global-Remaining on ordinary responses is -1',
  },
  'rate-limit-retry-after-disagrees': {
    family: 'protocol',
    rule: 'A12',
    description: 'every 10th request gets 429 with X-Ratelimit-Reset 1 s ahead but Retry-After 60 s',
  },

  // issue 17 (no silent passes): each fault below is one that an old leniency of the suite let through
  // (docs/leniency.md names the leniency and the test that now catches the fault).
  'html-error-page': {
    family: 'protocol',
    rule: 'A3',
    description: 'an id that names no token gets its 404 as an HTML error page (text/html), from the API itself',
  },
  'gateway-503-get-token': {
    family: 'protocol',
    rule: 'A2',
    description: 'every getToken answers 503 Service Unavailable (what a gateway says)',
    undetectableByDesign:
      'a 502/503/504 is the environment pushing back by the failure-kind rule (docs/reports.md "Failure kinds"): the run fails, but only with environment failures, and the self-check must list that as weak, never as a contract detection',
  },
  'method-override-ignored': {
    family: 'protocol',
    rule: 'A8',
    description: 'X-HTTP-Method-Override is ignored: a POST to a token answers 405',
  },
  'method-override-500': { family: 'protocol', rule: 'A8', description: 'a POST with X-HTTP-Method-Override answers 500 and does nothing' },
  'no-date-header': { family: 'protocol', rule: 'A10', description: 'responses carry no Date header' },
  'reset-expiry-ignored-late-date': {
    family: 'semantics',
    rule: 'G3',
    description: 'resetToken ignores `expiry` (the old secret dies at once) and every 401 carries a Date header a minute ahead',
  },
  'list-never-ends': {
    family: 'semantics',
    rule: 'D2',
    description:
      'getTokens never answers an empty page: an offset past the end gets the last page again (totalCount counts the page, as the spec words it)',
  },
  'list-order-unstable': {
    family: 'semantics',
    rule: 'D2',
    description: 'getTokens orders the list anew on every request (no stable order), so pages of one limit overlap',
  },
  'list-empty-for-caller': { family: 'semantics', rule: 'D2', description: 'getTokens without showAll answers an empty list' },
  'patch-token-hangs': {
    family: 'protocol',
    rule: 'A7',
    description: 'patchToken stores the change, then never answers (while every other request is answered)',
  },
  // issue 23: a broken endpoint fails fast. Every test that resets meets it; after the first confirmed hang the
  // others are blocked at once instead of each waiting LD_REQUEST_TIMEOUT_MS (src/client/a7-blocks.ts).
  'reset-token-hangs': {
    family: 'protocol',
    rule: 'A7',
    description: 'resetToken never answers, changing nothing (while every other request is answered)',
  },
  // issue 27: what overlapping requests do. Each widens the store's round trip to FAULT_WINDOW_MS (store-round-trip.ts),
  // so that a test's overlapping requests really meet inside it.
  'concurrent-patch-lost-update': {
    family: 'semantics',
    rule: 'E1',
    description: 'overlapping patchTokens of one token are not serialised: each stores the whole token as it read it, undoing the other',
  },
  'concurrent-resets-two-live-secrets': {
    family: 'auth',
    rule: 'G2',
    description: 'overlapping resetTokens of one token are not serialised: each revokes the secret it read, so two new secrets stay live',
  },
  'concurrent-delete-resurrects': {
    family: 'semantics',
    rule: 'F1',
    description: 'a deleteToken that overlaps a patchToken is not serialised with it: the patch writes the deleted token back',
  },
  'list-skips-concurrent-creates': {
    family: 'semantics',
    rule: 'D2',
    description: 'a token whose postToken overlapped another is missing from getTokens for 3 s after its 201 (a lagging list index)',
  },
  'create-applied-answered-500': {
    family: 'status',
    rule: 'A2',
    description: 'a postToken that overlaps another postToken stores its token, then answers 500',
  },
} as const satisfies Record<string, FaultInfo>;

export type FaultId = keyof typeof CATALOGUE;

export const FAULTS: Record<FaultId, FaultInfo> = CATALOGUE;

export const FAULT_IDS = Object.keys(CATALOGUE) as FaultId[];

export function isFaultId(s: string): s is FaultId {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, s);
}
