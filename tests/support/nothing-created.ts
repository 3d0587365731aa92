import { test } from '@playwright/test';
import { expect } from '../../src/contract';
import type { SuiteApi } from './suite-api';
import { findInList } from './token-list';

/**
 * Rule C5 (and B1, A7): a rejected postToken created nothing. The request carried a marker — a fresh run name,
 * as `name` or, where the name was the bad field, as `description` — and no token in the caller's list may
 * carry it. A list longer than the walk bound makes the check inconclusive (annotated), never a failure.
 */
export async function expectNoTokenMarked(api: SuiteApi, marker: string, what: string): Promise<void> {
  const walk = await findInList(api, []);
  const marked = walk.items.filter((item) => item.name === marker || item.description === marker).map((item) => item._id);
  if (marked.length === 0 && !walk.reachedEnd) {
    test.info().annotations.push({ type: 'inconclusive', description: `${what}: the list is longer than the walk bound; "created nothing" not fully checked` });
    return;
  }
  expect.soft(marked, `${what} must create nothing: ids of tokens carrying its marker`).toEqual([]);
}
