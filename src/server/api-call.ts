import type { OperationId } from '../domain/operations';
import type { ApiError } from './api-error';
import type { Principal } from './model';

/** One authenticated API call, as the operation handlers see it. */
export interface ApiCall {
  operationId: OperationId;
  principal: Principal;
  /** Decoded `{id}` path parameter, for the four id operations. */
  id: string;
  query: URLSearchParams;
  /** The API version the call is served under: a documented LD-API-Version, else the caller's defaultApiVersion. */
  apiVersion: number;
  contentType: string | undefined;
  body: Buffer;
  /** The body was over the size cap; `body` holds nothing useful. */
  bodyTooLarge: boolean;
}

/** What a handler answers. `rawBody` bypasses JSON serialisation (only faults use it). */
export interface Reply {
  status: number;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A handler's answer: a reply, an error, or (a fault) no answer at all. */
export type HandlerResult = Reply | ApiError | 'hang';
