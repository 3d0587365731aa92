import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import type { Reply } from './api-call';
import { formatHttpDate } from './clock';
import type { ServerContext } from './server-context';

export interface ReadBody {
  body: Buffer;
  /** Over maxBytes: the request gets a 400, whatever it was. */
  tooLarge: boolean;
  /** Over the hard cap: answered at once and the connection closed, so a stream never hangs us. */
  overflowed: boolean;
  /** The client went away mid-body: nobody to answer. */
  aborted: boolean;
}

export function readBody(req: IncomingMessage, maxBytes: number, hardCapBytes: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: Omit<ReadBody, 'body'>): void => {
      if (done) return;
      done = true;
      resolve({ body: r.tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), ...r });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
      if (size > hardCapBytes) {
        req.pause();
        finish({ tooLarge: true, overflowed: true, aborted: false });
      }
    });
    req.on('end', () => finish({ tooLarge: size > maxBytes, overflowed: false, aborted: false }));
    req.on('error', () => finish({ tooLarge: size > maxBytes, overflowed: false, aborted: true }));
    req.on('close', () => finish({ tooLarge: size > maxBytes, overflowed: false, aborted: !req.complete }));
  });
}

/**
 * A4: `{code, message}`. The real API may add an `id`; the spec's error schemas do not declare
 * it, so the reference server leaves it out and passes the contract checks in strict mode too.
 */
export function errorBody(ctx: ServerContext, err: ApiError): Record<string, string> {
  const body: Record<string, string> = { code: err.code, message: err.message };
  if (ctx.hasFault('error-missing-message')) delete body.message;
  return body;
}

/**
 * Write one response. A3: every body is JSON with `application/json; charset=utf-8`; 204 has
 * none. Every response carries a Date header from the server's clock (which may be skewed).
 */
export function writeReply(
  ctx: ServerContext,
  res: ServerResponse,
  result: Reply | ApiError,
  extraHeaders: Record<string, string> = {},
): void {
  const reply: Reply =
    result instanceof ApiError ? { status: result.status, body: errorBody(ctx, result), headers: result.headers } : result;
  res.statusCode = reply.status;
  if (ctx.hasFault('no-date-header')) res.sendDate = false;
  else if (ctx.hasFault('reset-expiry-ignored-late-date') && reply.status === 401)
    res.setHeader('Date', formatHttpDate(ctx.clock.now() + 60_000));
  else res.setHeader('Date', formatHttpDate(ctx.clock.now()));
  res.setHeader('Cache-Control', 'no-store');
  for (const [k, v] of Object.entries({ ...extraHeaders, ...reply.headers })) res.setHeader(k, v);
  const text = reply.rawBody ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  if (text === undefined || reply.status === 204) {
    res.end();
    return;
  }
  if (ctx.hasFault('html-error-page') && reply.status === 404) {
    const html = '<!doctype html><html><body><h1>404 Not Found</h1></body></html>';
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(html));
    res.end(html);
    return;
  }
  res.setHeader('Content-Type', ctx.hasFault('content-type-text-plain') ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
