import { expect } from '../../src/contract';
import type { SuiteApi } from '../../src/session/suite-api';
import { expectWalkEnded, findInList } from './token-list';

/**
 * Rule C5 (and B1, A7): a rejected postToken created nothing. The request carried a marker — a fresh run name,
 * as `name` or, where the name was the bad field, as `description` — and no token in the caller's list may
 * carry it. A walk that does not end within its stated bound fails D2 (token-list.ts expectWalkEnded).
 */
export async function expectNoTokenMarked(api: SuiteApi, marker: string, what: string): Promise<void> {
  await expectNoTokensMarked(api, [{ marker, what }]);
}

/**
 * The same check for several rejected requests at once: ONE walk of the list after all of them (request
 * budget), each marker looked for and reported under its own request's name.
 */
export async function expectNoTokensMarked(api: SuiteApi, rejected: readonly { marker: string; what: string }[]): Promise<void> {
  if (rejected.length === 0) return;
  const walk = await findInList(api, []);
  // A walk that never ends fails D2: "created nothing" is never passed on a list that was not read to its end.
  expectWalkEnded(walk, rejected.map((r) => r.what).join('; '));
  for (const { marker, what } of rejected) {
    const marked = walk.items.filter((item) => item.name === marker || item.description === marker).map((item) => item._id);
    expect.soft(marked, `${what} must create nothing: ids of tokens carrying its marker`).toEqual([]);
  }
}
