import { randomUUID } from 'node:crypto';

/**
 * An error answer of the alternative server. Error bodies carry `{code, message, id}` (the API prose's
 * common error format, `id` included) with wording deliberately unlike the reference server's.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  toBody(): { code: string; message: string; id: string } {
    return { code: this.code, message: this.message, id: randomUUID() };
  }
}

export const badRequest = (message: string): ApiProblem => new ApiProblem(400, 'invalid_request', message);
export const unauthorized = (): ApiProblem =>
  new ApiProblem(401, 'unauthorized', 'Authentication failed: the credential presented is not an active access token');
export const forbidden = (message: string): ApiProblem => new ApiProblem(403, 'forbidden', message);
export const notFound = (message = 'No access token with that identifier exists'): ApiProblem => new ApiProblem(404, 'not_found', message);
export const methodNotAllowed = (allow: string): ApiProblem =>
  new ApiProblem(405, 'method_not_allowed', `This resource only answers ${allow}`, { Allow: allow });
export const patchFailed = (message: string): ApiProblem => new ApiProblem(422, 'patch_failed', message);

/** A well-formed patch that cannot be applied but is answered 400 by default (failing test, wrong type). */
export class UnappliablePatch extends ApiProblem {
  constructor(message: string) {
    super(400, 'invalid_request', message);
  }
}

/** The same problem with another status (variant `patchUnappliableStatus`). */
export function withStatus(problem: ApiProblem, status: number): ApiProblem {
  return new ApiProblem(status, status === 422 ? 'patch_failed' : 'invalid_request', problem.message, problem.headers);
}
