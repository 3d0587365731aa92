/**
 * A GET of a public document on the target (today: its OpenAPI spec at /api/v2/openapi.json),
 * through the same pacing and timeout as the suite's API calls. It sends NO Authorization header:
 * LaunchDarkly publishes its spec without one, so a token has no business travelling with it,
 * and nothing about the answer can echo a secret. Never throws: a transport failure is data.
 */
import type { APIRequestContext } from '@playwright/test';
import type { SuiteConfig } from '../config/suite-config';
import { redactSecrets } from '../contract/secrets';
import type { DocumentResult } from '../spec/spec-drift';
import { describeRequestFailure } from './errors';
import { getProcessPacer } from './pacer';

export async function fetchDocument(request: APIRequestContext, config: SuiteConfig, pathname: string): Promise<DocumentResult> {
  const url = `${config.baseUrl}${pathname}`;
  const pacer = getProcessPacer(config.maxRps);
  if (pacer) await pacer.take();
  try {
    const response = await request.get(url, {
      headers: {
        accept: 'application/json',
        'user-agent': `ld-access-tokens-conformance (run ${config.tokenNamePrefix})`,
        // Like every request of the suite (api-client.ts): the document may differ by version too.
        'ld-api-version': config.apiVersion,
      },
      failOnStatusCode: false,
      timeout: config.requestTimeoutMs,
      maxRedirects: 3,
      maxRetries: 0,
    });
    const body = await response.body().catch(() => Buffer.alloc(0));
    const contentType = response.headers()['content-type'] ?? '';
    await response.dispose().catch(() => undefined);
    return { kind: 'answered', url, status: response.status(), contentType, body };
  } catch (error) {
    return { kind: 'unreachable', url, reason: redactSecrets(describeRequestFailure(error)) };
  }
}
