import { API_VERSIONS, DEFAULT_API_VERSION, type StoredToken } from './token-model';

/** The first version whose list endpoints page by default (changelog: getTokens "paginated with a default limit of 25"). */
export const FIRST_PAGED_VERSION = 20240415;

/**
 * The REST API version this server answers a call under. Written from the spec's "Versioning" section on its own:
 * "You can set the API version on a specific request by sending an LD-API-Version header"; otherwise the
 * version the access token was created with. `beta` asks for beta resources, of which the token endpoints have
 * none: the newest version. A header this server cannot read as a version it knows — where nothing public says
 * what happens — is taken as a request for the newest version (not the token's, as the reference server does; a
 * 400 is no answer four of the six operations document). A token shown without a version (omitUnsetFields) has
 * the version this server gives new tokens.
 */
export function servedVersion(header: string | string[] | undefined, caller: StoredToken): number {
  const raw = typeof header === 'string' ? header : header?.[0];
  if (raw === undefined || raw.trim() === '') return caller.defaultApiVersion ?? DEFAULT_API_VERSION;
  const asked = raw.trim().toLowerCase();
  const newest = Math.max(...API_VERSIONS);
  if (asked === 'beta') return newest;
  const known = API_VERSIONS.find((v) => String(v) === asked);
  return known ?? newest;
}

/** Before 20240415 a list asked for without `limit` is the whole list. */
export function pagesByDefault(version: number): boolean {
  return version >= FIRST_PAGED_VERSION;
}
