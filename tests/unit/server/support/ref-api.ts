import { checkExchange, renderContractReport, type HttpExchange } from '../../../../src/contract';
import type { OperationId } from '../../../../src/domain/operations';

/**
 * A tiny fetch-based client for the reference server's own unit tests. Independent of the
 * suite's ApiClient on purpose: these tests pin the server down, including requests the real
 * client would never send (no header, wrong content types, raw bytes).
 *
 * With `checkContract` on (the default for the clean server), every response of an API
 * operation is run through the contract library, and a non-conformant one fails the test.
 */

export interface RefResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body, or undefined when there is none or it is not JSON. */
  json: unknown;
}

export interface TokenBody {
  _id: string;
  ownerId: string;
  memberId: string;
  name?: string;
  description?: string;
  role?: string;
  token: string;
  creationDate: number;
  lastModified: number;
  customRoleIds: string[];
  inlineRole: { effect?: string; actions?: string[]; resources?: string[] }[];
  serviceToken: boolean;
  defaultApiVersion: number;
  _links: Record<string, { href: string; type: string }>;
  _member?: { _id: string; email?: string };
}

export interface TokensBody {
  items: TokenBody[];
  totalCount: number;
  _links: Record<string, { href: string }>;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string | Buffer;
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Per-request timeout, default 10 s. */
  timeoutMs?: number;
}

export class RefApi {
  constructor(
    readonly url: string,
    readonly token: string | null,
    readonly checkContract = true,
  ) {}

  as(token: string | null): RefApi {
    return new RefApi(this.url, token, this.checkContract);
  }

  async call(operationId: OperationId | null, method: string, path: string, opts: CallOptions = {}): Promise<RefResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? this.token : opts.token;
    if (token !== null) headers.Authorization = token;
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    const contentType = opts.contentType === undefined ? (body === undefined ? null : 'application/json') : opts.contentType;
    if (contentType !== null) headers['Content-Type'] = contentType;

    const payload = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
    const res = await fetch(this.url + path, { method, headers, body: payload, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    const text = await res.text();
    const resHeaders: Record<string, string> = {};
    res.headers.forEach((v, k) => (resHeaders[k] = v));
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    const result: RefResponse = { status: res.status, headers: resHeaders, text, json };
    if (this.checkContract && operationId !== null) this.assertConforms(operationId, method, path, body, result);
    return result;
  }

  /** Request headers are never copied into the exchange: they hold the secret. */
  private assertConforms(operationId: OperationId, method: string, path: string, body: string | Buffer | undefined, r: RefResponse): void {
    const exchange: HttpExchange = {
      operationId,
      request: { method, url: this.url + path, headers: {}, bodyText: typeof body === 'string' ? body.slice(0, 2000) : undefined },
      response: { status: r.status, headers: r.headers, bodyText: r.text },
    };
    const report = checkExchange(exchange, { strict: true });
    if (!report.ok) throw new Error(`reference server broke the contract:\n${renderContractReport(report, exchange)}`);
  }

  getTokens(query = '', opts: CallOptions = {}): Promise<RefResponse> {
    return this.call('getTokens', 'GET', `/api/v2/tokens${query}`, opts);
  }

  postToken(body: unknown, opts: CallOptions = {}): Promise<RefResponse> {
    return this.call('postToken', 'POST', '/api/v2/tokens', { body, ...opts });
  }

  getToken(id: string, opts: CallOptions = {}): Promise<RefResponse> {
    return this.call('getToken', 'GET', `/api/v2/tokens/${encodeURIComponent(id)}`, opts);
  }

  patchToken(id: string, patch: unknown, opts: CallOptions = {}): Promise<RefResponse> {
    return this.call('patchToken', 'PATCH', `/api/v2/tokens/${encodeURIComponent(id)}`, { body: patch, ...opts });
  }

  deleteToken(id: string, opts: CallOptions = {}): Promise<RefResponse> {
    return this.call('deleteToken', 'DELETE', `/api/v2/tokens/${encodeURIComponent(id)}`, opts);
  }

  resetToken(id: string, expiry?: number | string, opts: CallOptions = {}): Promise<RefResponse> {
    const q = expiry === undefined ? '' : `?expiry=${encodeURIComponent(String(expiry))}`;
    return this.call('resetToken', 'POST', `/api/v2/tokens/${encodeURIComponent(id)}/reset${q}`, opts);
  }

  /** Create a token and return its body; fails loudly if creation did not answer 201. */
  async createToken(body: Record<string, unknown> = {}): Promise<TokenBody> {
    const r = await this.postToken({ name: 'unit-test token', role: 'writer', ...body });
    if (r.status !== 201) throw new Error(`postToken answered ${r.status}: ${r.text}`);
    return r.json as TokenBody;
  }
}

export function asToken(r: RefResponse): TokenBody {
  return r.json as TokenBody;
}

export function asTokens(r: RefResponse): TokensBody {
  return r.json as TokensBody;
}

/** Epoch ms of the server's clock, from its Date header (second precision). */
export function serverDate(r: RefResponse): number {
  const d = r.headers.date;
  if (d === undefined) throw new Error('response has no Date header');
  return Date.parse(d);
}
