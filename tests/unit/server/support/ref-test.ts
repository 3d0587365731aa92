import { test as base } from '@playwright/test';
import { startReferenceServer, type ReferenceServerOptions, type RunningReferenceServer } from '../../../../src/server';
import { RefApi } from './ref-api';

/**
 * A fresh reference server per test (a few milliseconds to start): no test sees another's
 * tokens, so counts, pages and totals are exact. `test.use({ refOptions: {...} })` configures it.
 * The admin client checks every response against the contract, except on a faulty server.
 */
export const test = base.extend<{ refOptions: ReferenceServerOptions; ref: RunningReferenceServer; api: RefApi }>({
  refOptions: [{}, { option: true }],
  ref: async ({ refOptions }, use) => {
    const server = await startReferenceServer({ log: () => undefined, ...refOptions });
    await use(server);
    await server.close();
  },
  api: async ({ ref, refOptions }, use) => {
    await use(new RefApi(ref.url, ref.adminToken, !refOptions.fault));
  },
});

export { expect } from '@playwright/test';

/** A rule annotation, as the suite's coverage report reads them. */
export function rules(...ids: string[]): { annotation: { type: string; description: string }[] } {
  return { annotation: ids.map((description) => ({ type: 'rule', description })) };
}
