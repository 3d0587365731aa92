import type { OperationId } from '../domain/operations';

/**
 * One request/response pair as the contract checks see it. Plain data, so it can be
 * built from a Playwright APIResponse, a fetch Response or a unit-test table row, and
 * serialised into a report attachment (after redaction).
 */
export interface HttpExchange {
  operationId: OperationId;
  request: {
    method: string;
    /** Full URL including query string. */
    url: string;
    headers: Record<string, string>;
    /** Body as sent, if any (already serialised). */
    bodyText?: string;
  };
  response: {
    status: number;
    /** The reason phrase of the status line, when the transport gives one (rule H3 scans it too). */
    statusText?: string;
    /** Header names lower-cased. */
    headers: Record<string, string>;
    /** Raw body text; '' when the response had no body. */
    bodyText: string;
  };
}
