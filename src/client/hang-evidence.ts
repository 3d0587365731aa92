import type { APIRequestContext, APIResponse } from '@playwright/test';
import { OPERATIONS, READ_OPERATIONS, type OperationId } from '../domain/operations';
import { getRoute } from './routes';

/**
 * The evidence behind an A7 "never a hang" verdict (docs/leniency.md): after a request got no answer, one cheap
 * read of ANOTHER operation says whether the target answers at all, and after a write, the token read back says
 * what the unanswered write did. Both are the harness's own reads: sent unjudged, never retried.
 */
export interface HarnessReader {
  request: APIRequestContext;
  baseUrl: string;
  /** The caller's Authorization value; null sends none. */
  token: string | null;
  /** The caller's `LD-API-Version`; null sends none. */
  apiVersion: string | null;
  timeoutMs: number;
}

/** Returns what answered ("getTokens answered 200 in 12 ms"), or null when the target answered nothing. Any status is an answer. */
export async function probeOtherRequest(reader: HarnessReader, hungOp: OperationId): Promise<string | null> {
  const probeOp: OperationId = READ_OPERATIONS.find((op) => op !== hungOp) ?? 'getTokens';
  const path = getRoute(probeOp).path.replace('{id}', '000000000000000000000000') + (probeOp === 'getTokens' ? '?limit=1' : '');
  const started = Date.now();
  const answer = await harnessGet(reader, path, () => Promise.resolve(''));
  return answer === null ? null : `${probeOp} answered ${answer.status} in ${Date.now() - started} ms`;
}

/** After a write hung while the target answers: the token's status and lastModified now, as one clause of the verdict. */
export async function readBackToken(reader: HarnessReader, op: OperationId, id: string | undefined): Promise<string> {
  if (id === undefined) return OPERATIONS[op].effect === 'create' ? '; a token it may have created is removed by the final sweep (H1)' : '';
  const answer = await harnessGet(reader, getRoute('getToken').path.replace('{id}', encodeURIComponent(id)), describeLastModified);
  if (answer === null) return `; read back after it: getToken ${id} got no answer either`;
  return `; read back after it: getToken ${id} answered ${answer.status}${answer.status === 404 ? ' (no such token)' : answer.detail}`;
}

async function describeLastModified(response: APIResponse): Promise<string> {
  if (response.status() !== 200) return '';
  const body = (await response.json().catch(() => null)) as { lastModified?: unknown } | null;
  return typeof body?.lastModified === 'number' ? `, lastModified ${new Date(body.lastModified).toISOString()}` : '';
}

/** One GET of the harness: its status and what `describe` read from it, or null when nothing answered. */
async function harnessGet(
  reader: HarnessReader,
  path: string,
  describe: (response: APIResponse) => Promise<string>,
): Promise<{ status: number; detail: string } | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (reader.token !== null) headers.authorization = reader.token;
  if (reader.apiVersion !== null) headers['ld-api-version'] = reader.apiVersion;
  try {
    const response = await reader.request.fetch(`${reader.baseUrl}${path}`, {
      method: 'GET',
      headers,
      failOnStatusCode: false,
      timeout: reader.timeoutMs,
      maxRedirects: 0,
      maxRetries: 0,
    });
    const status = response.status();
    const detail = await describe(response);
    await response.dispose().catch(() => undefined);
    return { status, detail };
  } catch {
    return null;
  }
}
