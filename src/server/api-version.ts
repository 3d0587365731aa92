/**
 * Which REST API version a request is served under (spec `info.description`, "Versioning"): a documented
 * `LD-API-Version` header wins; without one, the calling token's `defaultApiVersion` decides. The server's own
 * list, on purpose not shared with the judge's (src/config) or the alt-server's.
 */

/** The versions the spec's changelog documents, newest first. */
export const KNOWN_API_VERSIONS: readonly number[] = [20240415, 20220603, 20210729, 20191212, 20160426];

/** The current version; `beta` (the spec's "Beta resources" value) is served as this for the token endpoints. */
export const CURRENT_API_VERSION = 20240415;

/** From this version on getTokens has a default page of 25 ("Response is now paginated with a default limit of `25`"). */
export const PAGINATED_FROM = 20240415;

/**
 * The header's version when it names one the spec documents (or `beta`); otherwise — no header, an empty one, or a
 * value that is no version — the token's own. What a value that is no version gets is not documented anywhere
 * (specs/behaviour.md "API version"): this server ignores it, the alt-server answers 400, no test judges either.
 */
export function effectiveApiVersion(header: string | string[] | undefined, tokenDefault: number): number {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === 'beta') return CURRENT_API_VERSION;
  if (value !== undefined && /^\d{8}$/.test(value) && KNOWN_API_VERSIONS.includes(Number(value))) return Number(value);
  return tokenDefault;
}

/** True when getTokens without `limit` answers one page of the default size; before 20240415 it answers everything. */
export function hasDefaultPageSize(version: number): boolean {
  return version >= PAGINATED_FROM;
}
