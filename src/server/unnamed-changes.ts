import { ApiError } from './api-error';
import type { HandlerResult } from './api-call';

/**
 * Changes no behaviour rule names, for the differential run's tests (`npm run diff`, docs/differential.md): a
 * release could make any of them and the conformance suite would stay green or not say what changed. Not faults:
 * they are not in the fault catalogue and the self-check does not run them.
 */
export const UNNAMED_CHANGES = {
  'renamed-error-code': 'every error code gets an "_error" suffix (not_found → not_found_error)',
  'extra-field': 'every token gains an undocumented "tokenKind": "personal" field',
  'list-order': "a token's inline role statements are listed in reverse order",
  'number-as-string': 'a token\'s defaultApiVersion is sent as a string ("20240415")',
} as const;

export type UnnamedChange = keyof typeof UNNAMED_CHANGES;
export const UNNAMED_CHANGE_IDS = Object.keys(UNNAMED_CHANGES) as UnnamedChange[];

export function isUnnamedChange(value: string): value is UnnamedChange {
  return (UNNAMED_CHANGE_IDS as string[]).includes(value);
}

/** The answer with the change applied; unchanged when the change does not concern it. */
export function applyUnnamedChange(change: UnnamedChange | null, result: HandlerResult): HandlerResult {
  if (change === null || result === 'hang') return result;
  if (result instanceof ApiError) {
    return change === 'renamed-error-code' ? new ApiError(result.status, `${result.code}_error`, result.message, result.headers) : result;
  }
  if (result.body === undefined || change === 'renamed-error-code') return result;
  return { ...result, body: changeTokens(result.body, change) };
}

function changeTokens(body: unknown, change: Exclude<UnnamedChange, 'renamed-error-code'>): unknown {
  if (!isRecord(body)) return body;
  if (Array.isArray(body.items)) return { ...body, items: body.items.map((item) => changeTokens(item, change)) };
  if (typeof body._id !== 'string' || !('token' in body)) return body;
  if (change === 'extra-field') return { ...body, tokenKind: 'personal' };
  if (change === 'list-order')
    return Array.isArray(body.inlineRole) ? { ...body, inlineRole: [...(body.inlineRole as unknown[])].reverse() } : body;
  return typeof body.defaultApiVersion === 'number' ? { ...body, defaultApiVersion: String(body.defaultApiVersion) } : body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
