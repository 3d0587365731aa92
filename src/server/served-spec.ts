/**
 * `GET /api/v2/openapi.json`: the spec this server implements, as LaunchDarkly's API serves its
 * own (public, no token). By default the vendored file; `servedSpecFile` swaps in another file
 * (a drift test serves an edited spec) or `null` serves none (404, like a target without one).
 * Never read from anywhere but the path given: the default is the repository's specs/ file.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Reply } from './api-call';
import { methodNotAllowed, routeNotFound, type ApiError } from './api-error';

export const SERVED_SPEC_PATH = '/api/v2/openapi.json';
export const VENDORED_SPEC_FILE = path.resolve(__dirname, '..', '..', 'specs', 'launchdarkly-openapi.json');

export interface SpecResponder {
  answer(method: string): Reply | ApiError;
}

/** Checks the file at start (a bad option fails the start, not the first request); reads it once, lazily. */
export function createSpecResponder(servedSpecFile: string | null | undefined, fail: (message: string) => never): SpecResponder {
  const file = servedSpecFile === undefined ? VENDORED_SPEC_FILE : servedSpecFile;
  if (file !== null) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) fail(`servedSpecFile ${file} is not a readable file`);
  }
  let text: string | undefined;
  return {
    answer(method) {
      if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(['GET', 'HEAD']);
      if (file === null) return routeNotFound();
      text ??= readFileSync(file, 'utf8');
      return { status: 200, rawBody: text };
    },
  };
}
