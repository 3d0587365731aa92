import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './api-problem';
import type { ServerClock } from './clock';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface RequestBody {
  text: string;
  /** The body was larger than MAX_BODY_BYTES; the rest was read and dropped (no hang, no 5xx). */
  tooLarge: boolean;
}

export async function readBody(req: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  return { text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge };
}

/**
 * Parses a JSON request body for postToken / patchToken. `accepted` are the media types (without
 * parameters) the operation takes; anything else, a missing, oversized or malformed body is a 400.
 */
export function parseJsonBody(contentType: string | undefined, body: RequestBody, accepted: readonly string[]): unknown {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accepted.includes(mediaType)) throw badRequest(`Content-Type must be ${accepted.join(' or ')}`);
  if (body.tooLarge) throw badRequest(`Request body exceeds ${MAX_BODY_BYTES} bytes`);
  if (body.text.trim() === '') throw badRequest('A request body is required');
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

/** How this server writes answers: its clock (Date header) and the media type of JSON bodies. */
export interface ResponseStyle {
  clock: ServerClock;
  /** `application/json` with no charset by default (A3 allows parameters, needs none); media types are case-insensitive. */
  contentType: string;
  /** Send a Date header (default). Off, clients must take the server's time from written tokens (G3). */
  dateHeader: boolean;
  /** Variant connectionClose: `Connection: close` on every answer. */
  connectionClose?: boolean;
  /** Variant chunkedBodies: no Content-Length, so node sends the body chunked. */
  chunkedBodies?: boolean;
}

function dateHeaders(res: ServerResponse, style: ResponseStyle): Record<string, string> {
  // Without this, node would add a Date header of its own — from the REAL clock, not the server's.
  res.sendDate = false;
  return {
    ...(style.dateHeader ? { Date: style.clock.httpDate() } : {}),
    ...(style.connectionClose === true ? { Connection: 'close' } : {}),
  };
}

/** JSON answer with the style's Content-Type; Date from the server clock. */
export function sendJson(
  res: ServerResponse,
  style: ResponseStyle,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...dateHeaders(res, style),
    'Content-Type': style.contentType,
    ...(style.chunkedBodies === true ? {} : { 'Content-Length': String(Buffer.byteLength(text)) }),
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse, style: ResponseStyle): void {
  res.writeHead(204, dateHeaders(res, style));
  res.end();
}
