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
};
