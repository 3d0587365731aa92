import { expect, test } from '@playwright/test';
import { isWaitStep, waitStepTitle } from '../../../src/harness/wait-step';

test.describe('wait steps: the title the suite writes is the one the bench reads', () => {
  const rows: { given: string; want: boolean }[] = [
    { given: waitStepTitle(4512.6, 'until the server clock passes the expiry'), want: true },
    { given: waitStepTitle(-3, 'a negative remainder sleeps 0'), want: true },
    { given: 'contract: getToken GET → 404', want: false },
    { given: 'waiting for nothing', want: false },
    { given: 'wait a bit', want: false },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given)} → ${want}`, () => {
      expect(isWaitStep(given)).toBe(want);
    });
  }
  test('the title says the rounded duration and why', () => {
    expect(waitStepTitle(4512.6, 'why')).toBe('wait 4513 ms: why');
  });
});
