/**
 * Errors the server answers with, as data. Handlers return (never throw) them; the response
 * writer turns them into `{code, message, id}` bodies (A4).
 */
export class ApiError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const unauthorized = (): ApiError => new ApiError(401, 'unauthorized', 'Invalid access token');
export const forbidden = (why = 'Forbidden. Access to the requested resource was denied.'): ApiError => new ApiError(403, 'forbidden', why);
export const notFound = (): ApiError => new ApiError(404, 'not_found', 'Invalid resource identifier');
export const invalidRequest = (why: string): ApiError => new ApiError(400, 'invalid_request', why);
export const patchFailed = (why: string): ApiError =>
  new ApiError(422, 'patch_failed', `Unprocessable entity. Could not apply patch: ${why}`);
export const rateLimited = (headers: Record<string, string>): ApiError =>
  new ApiError(429, 'rate_limited', "You've exceeded the API rate limit. Try again later.", headers);
export const methodNotAllowed = (allow: readonly string[]): ApiError =>
  new ApiError(405, 'method_not_allowed', 'Method not allowed', { Allow: allow.join(', ') });
export const routeNotFound = (): ApiError => new ApiError(404, 'not_found', 'Unknown route');
export const internalError = (why: string): ApiError => new ApiError(500, 'internal_error', why);
/** patchToken's documented 409 (StatusConflictErrorRep): it overlapped another write to the token and changed nothing (E7). */
export const conflict = (): ApiError => new ApiError(409, 'optimistic_locking_error', 'Conflict. Optimistic lock error. Try again later.');
