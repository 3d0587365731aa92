/**
 * The behaviour rules the suite checks, by id, with a one-line title each. Tests name the ids they
 * check in `rule` annotations; the coverage reporter crosses this list with what the run saw, so a
 * rule that no test names shows up as "not run" instead of silently disappearing.
 */
export interface BehaviourRule {
  readonly id: string;
  readonly title: string;
}

/**
 * In specs/behaviour.md's order (tests/unit/domain/rules.spec.ts holds them to it). `as const` keeps each id's
 * literal, so RuleId is exactly these ids and a rule id that is not here (`'C9'`) does not compile.
 */
export const RULES = [
  { id: 'A1', title: 'Raw token in Authorization; missing/unknown/deleted/expired token gets 401 on every operation' },
  { id: 'A2', title: 'Every response status is documented for its operation' },
  { id: 'A3', title: 'Bodies are application/json and parse; 204 has no body' },
  { id: 'A4', title: 'Every 4xx body matches the error schema documented for its status' },
  { id: 'A5', title: '429 carries RateLimitedErrorRep and X-Ratelimit-Reset and/or Retry-After' },
  { id: 'A6', title: 'An id naming no token gets 404 NotFoundErrorRep, never 400 or 5xx' },
  { id: 'A7', title: 'Bad input gets a documented 4xx, never 5xx or a hang' },
  { id: 'A8', title: 'POST with X-HTTP-Method-Override acts as PATCH or DELETE' },
  { id: 'A9', title: 'A JSON null or empty body where none is documented is answered as without it' },
  { id: 'A10', title: 'Every 2xx and 4xx response carries a Date header (RFC 9110 §6.6.1)' },
  { id: 'A11', title: "LD-API-Version wins over the token's defaultApiVersion (20240415: getTokens pages by 25)" },
  { id: 'A12', title: "Rate-limit headers well-formed wherever they appear; a 429's Retry-After and Reset agree" },
  { id: 'B1', title: 'A reader token may read; writes get 403 ForbiddenErrorRep and change nothing' },
  { id: 'B2', title: 'An admin token may do everything; showAll lists all members only for admins' },
  { id: 'B3', title: "Without showAll, getTokens lists only the caller's member's tokens" },
  { id: 'B4', title: 'No token creates or patches a token to a role above its own: 403, nothing changes' },
  { id: 'B5', title: 'A reader token is read-only for every token, its own included: 403, nothing changes' },
  { id: 'B6', title: "A non-admin cannot read or change another member's token (403/404); an admin reads only its last four" },
  { id: 'C1', title: 'postToken returns 201 with a Token echoing the fields sent' },
  { id: 'C2', title: 'postToken/resetToken return the whole secret, which authenticates at once' },
  { id: 'C3', title: 'memberId, ownerId, creationDate and lastModified are right' },
  { id: 'C4', title: '_links.self and _links.parent point at the token and the collection' },
  { id: 'C5', title: 'Invalid postToken bodies get 400 InvalidRequestErrorRep and create nothing' },
  { id: 'D1', title: 'Reads show only the last four characters of the secret' },
  { id: 'D2', title: 'getTokens paging: limit caps, offset skips, pages do not overlap' },
  { id: 'E1', title: 'patchToken returns 200 with the patched Token; the change is visible; lastModified moves' },
  { id: 'E2', title: 'Patchable paths and operations add/replace/remove/test work' },
  { id: 'E3', title: 'A malformed patch document gets 400' },
  { id: 'E4', title: 'A well-formed patch that cannot apply gets 400 or 422 with the matching schema' },
  { id: 'E5', title: 'Patches are atomic: a failed patch changes nothing' },
  { id: 'E6', title: 'replace works on a patchable field the token shows no value for' },
  { id: 'E7', title: 'A 409 on patchToken carries StatusConflictErrorRep and changes nothing' },
  { id: 'F1', title: 'deleteToken returns 204; then 404 on read and delete, 401 for its secret' },
  { id: 'G1', title: 'resetToken returns a new whole secret for the same _id, which authenticates at once' },
  { id: 'G2', title: 'Without expiry the old secret stops working at once' },
  { id: 'G3', title: 'With a future expiry the old secret works until then, 401 after' },
  { id: 'G4', title: 'A resetToken with a JSON object body is still a reset (200, G1)' },
  { id: 'H1', title: 'Suite tokens carry the run prefix and are deleted by the end of the run' },
  { id: 'H2', title: 'No secret appears in any report, trace, log or attachment' },
  { id: 'H3', title: 'No response carries a secret of the run other than the one it just issued' },
] as const satisfies readonly BehaviourRule[];

export type RuleId = (typeof RULES)[number]['id'];

export function isKnownRuleId(id: string): id is RuleId {
  return RULES.some((rule) => rule.id === id);
}

/**
 * The rule a single check stands for, or up to three joined by '/' when one check keeps several promises at once
 * (explore's "A2/A3/A4": the contract checks on one response). Every part is a RuleId.
 */
export type RuleRef = RuleId | `${RuleId}/${RuleId}` | `${RuleId}/${RuleId}/${RuleId}`;
