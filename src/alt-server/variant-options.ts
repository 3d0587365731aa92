/**
 * Further choices a CORRECT server may make that the spec and the behaviour rules leave open. Each knob
 * defaults to the alt server's original behaviour; tests/system/portability.spec.ts turns several on at
 * once to show the suite raises no false alarm for them.
 */
export interface AltVariantOptions {
  /** Leave out what was not sent: no `customRoleIds: []`, no default `defaultApiVersion`, no default role, no `_member`. */
  omitUnsetFields: boolean;
  /** `customRoleIds` must name custom roles of the account (it has none): 400 on create and on patch. */
  validateCustomRoleIds: boolean;
  /** A reset leaves `lastModified` as it was (the G rules do not say either way). */
  resetKeepsLastModified: boolean;
  /** Error bodies carry an extra `details` object besides `code`, `message` and `id`. */
  errorDetails: boolean;
  /** getTokens answers 400 (the API-wide "Invalid request") for a limit/offset that is not a sane integer. */
  strictQuery: boolean;
  /** `Connection: close` on every answer: no keep-alive. */
  connectionClose: boolean;
  /** Extra `_links` entries on tokens (`member`, `reset`) and lists (`first`). */
  extraLinks: boolean;
  /** Which header(s) a 429 carries: `Retry-After` seconds, `X-Ratelimit-Reset` epoch ms on the server clock, or both. */
  rateLimitHeaders: 'retry-after' | 'reset' | 'both';
  /** A non-admin asking for an id that names no token gets 404 even where its role would get 403. */
  notFoundBeforeForbidden: boolean;
  /** JSON answers without Content-Length (chunked transfer encoding). */
  chunkedBodies: boolean;
  /** Status of every well-formed but unappliable patch (E4 allows both); `mixed` = the original 400/422 split. */
  patchUnappliableStatus: 400 | 422 | 'mixed';
  /**
   * Refuse every operation on a path outside the five patchable fields, `test` included (E4 lets a server refuse an
   * operation on a read-only or unknown path; E2 promises `test` on its fields only), and every `move` and `copy`
   * (E2: unspecified). Off: a `test` anywhere is run as RFC 6902 says, move and copy are applied.
   */
  refuseOutsideE2: boolean;
  /**
   * Show `description` and `inlineRole` the token has no value for as `""` and `[]` (E6: "a server may show such
   * fields as empty"; `customRoleIds` is shown as `[]` already unless omitUnsetFields). The schema types both as
   * plain string/array, so the empty value is a valid Token; C1 echoes only what was sent.
   */
  showUnsetAsEmpty: boolean;
  /**
   * RFC 6902 to the letter wherever the rules allow it: `replace` of a member the token shows no value for fails
   * (RFC 6902 §4.3: "The target location MUST exist") except for the whole fields E6 names (/role, /customRoleIds,
   * /inlineRole, /description), which E6 obliges to succeed. Off: `replace` of an unset /name acts as `add` too.
   */
  strictRfc6902: boolean;
}

export const DEFAULT_VARIANT: AltVariantOptions = {
  omitUnsetFields: false,
  validateCustomRoleIds: false,
  resetKeepsLastModified: false,
  errorDetails: false,
  strictQuery: false,
  connectionClose: false,
  extraLinks: false,
  rateLimitHeaders: 'retry-after',
  notFoundBeforeForbidden: false,
  patchUnappliableStatus: 'mixed',
  chunkedBodies: false,
  refuseOutsideE2: false,
  showUnsetAsEmpty: false,
  strictRfc6902: false,
};
