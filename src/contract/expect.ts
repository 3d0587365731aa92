import { expect as baseExpect } from '@playwright/test';
import { contractMatchers } from './matcher';

/**
 * Playwright's expect with the contract matchers: `expect(result).toConformTo('getToken')`
 * type-checks because expect.extend returns an expect typed with the added matchers.
 */
export const expect = baseExpect.extend(contractMatchers);
