import { ApiError, internalError, invalidRequest } from './api-error';
import type { ApiCall } from './api-call';
import type { ServerContext } from './server-context';

export const MAX_BODY_BYTES = 1024 * 1024;

/** True for `application/json` with or without parameters (`; charset=utf-8`). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The JSON value of a write request's body, or the 400 it deserves: missing or non-JSON
 * Content-Type, a body over 1 MiB (413 is not documented, 400 is), or malformed JSON.
 */
export function parseJsonBody(ctx: ServerContext, call: ApiCall): { value: unknown } | ApiError {
  if (!isJsonMediaType(call.contentType)) return invalidRequest('Content-Type must be application/json');
  if (call.bodyTooLarge) return invalidRequest(`request body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = call.body.toString('utf8');
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    if (ctx.hasFault('malformed-json-500')) return internalError('unexpected end of JSON input');
    return invalidRequest('request body is not valid JSON');
  }
}
