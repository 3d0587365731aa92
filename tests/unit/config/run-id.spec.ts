import { expect, test } from '@playwright/test';
import { ensureRunId, nameHasRunPrefix, SAFE_NAME_PART } from '../../../src/config/run-id';

test.describe('nameHasRunPrefix: the sweep claims only its own run', () => {
  const rows: { given: [string, string]; want: boolean }[] = [
    { given: ['ldct-abc1-get token', 'ldct-abc1'], want: true },
    { given: ['ldct-abc1', 'ldct-abc1'], want: true },
    { given: ['ldct-abc1 reader', 'ldct-abc1'], want: true },
    { given: ['ldct-abc12-x', 'ldct-abc1'], want: false },
    { given: ['my-ldct-abc1-x', 'ldct-abc1'], want: false },
    { given: ['production reader', 'ldct'], want: false },
    { given: ['anything', ''], want: false },
  ];
  for (const { given, want } of rows) {
    test(`${JSON.stringify(given)} → ${want}`, () => expect(nameHasRunPrefix(...given)).toBe(want));
  }
});

test('ensureRunId sets LD_RUN_ID once and keeps an existing one', () => {
  const env: NodeJS.ProcessEnv = {};
  const first = ensureRunId(env);
  expect(first).toMatch(SAFE_NAME_PART);
  expect(env.LD_RUN_ID).toBe(first);
  expect(ensureRunId(env)).toBe(first);
  expect(ensureRunId({ LD_RUN_ID: 'ci-42' })).toBe('ci-42');
});
