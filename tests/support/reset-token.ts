import { expect } from '../../src/contract';
import { expectStatus } from './assertions';
import { fingerprintSecret, isWholeSecret } from '../../src/session/secret-compare';
import type { SuiteApi } from '../../src/session/suite-api';
import type { CreatedToken } from '../../src/session/token-factory';
import { asToken } from '../../src/session/token-types';

/** Resets `created` and checks G1: 200, same _id, a new whole secret different from the old one. */
export async function resetAndCheck(api: SuiteApi, created: CreatedToken, query?: { expiry: number }) {
  const result = await api.send('resetToken', { id: created.id, ...(query ? { query } : {}) });
  expectStatus(result, 200, `resetToken${query ? ' with expiry' : ''}`);
  const reset = asToken(result.json(), 'resetToken 200');
  expect(reset._id, 'resetToken keeps the _id').toBe(created.id);
  const secret = reset.token;
  expect(isWholeSecret(secret), 'resetToken 200 "token" holds a whole new secret (more than four characters)').toBe(true);
  if (!isWholeSecret(secret)) throw new Error('unreachable: asserted above');
  expect(secret !== created.secret, `resetToken must issue a new secret; it returned the old one (${fingerprintSecret(secret)})`).toBe(
    true,
  );
  return { result, secret };
}
