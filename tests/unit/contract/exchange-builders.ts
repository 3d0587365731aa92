import type { ApiResult } from '../../../src/client/api-client';
import type { HttpExchange } from '../../../src/contract/exchange';
import type { OperationId } from '../../../src/domain/operations';

/** Test data for the contract checks: a valid Token as the spec describes it, and an exchange builder. */

export const VALID_TOKEN = {
  _id: '61095542756dba551110ae21',
  ownerId: '569f514156e003339cfd3917',
  memberId: '569f514183f2164430000002',
  _member: {
    _links: { self: { href: '/api/v2/members/569f514183f2164430000002', type: 'application/json' } },
    _id: '569f514183f2164430000002',
    role: 'admin',
    email: 'ariel@acme.com',
  },
  name: 'Example reader token',
  creationDate: 1628001602644,
  lastModified: 1628001602644,
  customRoleIds: [],
  inlineRole: [{ effect: 'allow', resources: ['proj/*'], actions: ['*'] }],
  role: 'reader',
  token: 'ae21',
  serviceToken: false,
  _links: {
    parent: { href: '/api/v2/tokens', type: 'application/json' },
    self: { href: '/api/v2/tokens/61095542756dba551110ae21', type: 'application/json' },
  },
  defaultApiVersion: 20240415,
};

const PATHS: Record<OperationId, { method: string; path: string }> = {
  getTokens: { method: 'GET', path: '/api/v2/tokens' },
  postToken: { method: 'POST', path: '/api/v2/tokens' },
  getToken: { method: 'GET', path: '/api/v2/tokens/61095542756dba551110ae21' },
  patchToken: { method: 'PATCH', path: '/api/v2/tokens/61095542756dba551110ae21' },
  deleteToken: { method: 'DELETE', path: '/api/v2/tokens/61095542756dba551110ae21' },
  resetToken: { method: 'POST', path: '/api/v2/tokens/61095542756dba551110ae21/reset' },
};

export interface ExchangeSpec {
  op: OperationId;
  status: number;
  /** Serialised with JSON.stringify unless `bodyText` is given; omitted → empty body. */
  body?: unknown;
  bodyText?: string;
  /** Response headers; default `content-type: application/json` when there is a body. */
  headers?: Record<string, string>;
  requestHeaders?: Record<string, string>;
}

export function buildExchange(spec: ExchangeSpec): HttpExchange {
  const bodyText = spec.bodyText ?? (spec.body === undefined ? '' : JSON.stringify(spec.body));
  const headers = spec.headers ?? (bodyText === '' ? {} : { 'content-type': 'application/json' });
  const { method, path } = PATHS[spec.op];
  return {
    operationId: spec.op,
    request: {
      method,
      url: `http://127.0.0.1:4010${path}`,
      headers: spec.requestHeaders ?? { authorization: 'api-test-admin-token-0001' },
    },
    response: { status: spec.status, headers, bodyText },
  };
}

/** The client's result for an exchange built from `spec`, as the session's recorders receive it. */
export function resultOf(spec: ExchangeSpec): ApiResult {
  const exchange = buildExchange(spec);
  return {
    operationId: spec.op,
    status: spec.status,
    headers: exchange.response.headers,
    bodyText: exchange.response.bodyText,
    json: () => JSON.parse(exchange.response.bodyText || 'null') as unknown,
    exchange,
    waits: [],
    serverDate: null,
    durationMs: 3,
  };
}
