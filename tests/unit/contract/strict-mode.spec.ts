import { expect, test } from '@playwright/test';
import { parseStrictFlag } from '../../../src/contract/strict-mode';

const rows: { given: string | undefined; want: boolean }[] = [
  { given: undefined, want: false },
  { given: '', want: false },
  { given: '0', want: false },
  { given: 'false', want: false },
  { given: '1', want: true },
  { given: 'true', want: true },
  { given: ' YES ', want: true },
];

for (const { given, want } of rows) {
  test(`CONTRACT_STRICT=${JSON.stringify(given)} → strict ${want}`, () => {
    expect(parseStrictFlag(given)).toBe(want);
  });
}
