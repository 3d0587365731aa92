import { expect, test } from '@playwright/test';
import { capabilityOf, countByCapability } from '../../../src/bench/capabilities';
import type { Observation } from '../../../src/bench/run-report';

const get: Observation = { operationId: 'getToken', method: 'GET', status: 200 };

test.describe('capabilityOf', () => {
  const rows = [
    { given: 'no capability tag', tags: ['destructive'], want: 'example' },
    { given: 'no tags', tags: [], want: 'example' },
    { given: 'explore', tags: ['explore', 'destructive'], want: 'explore' },
    { given: 'the authorization matrix', tags: ['destructive', 'authz'], want: 'authz' },
    { given: 'hostile inputs', tags: ['hostile'], want: 'hostile' },
    { given: 'concurrency (another helper adds these tests)', tags: ['concurrency'], want: 'concurrency' },
    { given: 'two capability tags: the first of CAPABILITY_TAGS wins', tags: ['hostile', 'explore'], want: 'explore' },
    { given: 'a tag that only contains a capability name', tags: ['authzish'], want: 'example' },
  ] as const;
  for (const { given, tags, want } of rows) {
    test(given, () => expect(capabilityOf(tags)).toBe(want));
  }
});

test('countByCapability: requests per capability, every capability present', () => {
  expect(
    countByCapability([
      { tags: ['destructive'], observations: [get, get] },
      { tags: ['smoke'], observations: [get] },
      { tags: ['explore'], observations: [get, get, get] },
      { tags: ['authz'], observations: [get] },
    ]),
  ).toEqual({ example: 3, explore: 3, concurrency: 0, authz: 1, hostile: 0 });
});
