import { expect, test } from '@playwright/test';
import { UsageError } from '../../../src/cli/parse-flags';
import { parseCleanupArgs, parseDuration } from '../../../src/client/cleanup-args';

test.describe('parseDuration', () => {
  const rows: { given: string; want: number }[] = [
    { given: '0s', want: 0 },
    { given: '90s', want: 90_000 },
    { given: '30m', want: 1_800_000 },
    { given: '2h', want: 7_200_000 },
    { given: '1.5h', want: 5_400_000 },
    { given: '1d', want: 86_400_000 },
    { given: '250ms', want: 250 },
  ];
  for (const { given, want } of rows) test(`${given} → ${want}`, () => expect(parseDuration(given)).toBe(want));
});

test.describe('parseCleanupArgs', () => {
  const ok: { given: string[]; want: Record<string, unknown> }[] = [
    { given: ['--prefix', 'ldct', '--older-than', '2h', '--dry-run'], want: { prefix: 'ldct', olderThanMs: 7_200_000, dryRun: true } },
    { given: ['--older-than=30m'], want: { prefix: undefined, olderThanMs: 1_800_000, dryRun: false } },
    { given: ['--prefix=ldct-abc', '--older-than', '0s'], want: { prefix: 'ldct-abc', olderThanMs: 0 } },
    { given: ['--help'], want: { help: true } },
  ];
  for (const { given, want } of ok) test(`${given.join(' ')} → ok`, () => expect(parseCleanupArgs(given)).toMatchObject(want));

  const bad: { given: string[]; want: RegExp }[] = [
    { given: [], want: /--older-than is required/ },
    { given: ['--prefix', 'ldct'], want: /--older-than is required/ },
    { given: ['--older-than', '2 hours'], want: /--older-than "2 hours" is not a duration/ },
    { given: ['--older-than', '2'], want: /is not a duration: use a number with a unit/ },
    { given: ['--older-than'], want: /--older-than needs a value/ },
    { given: ['--older-than', '--dry-run'], want: /--older-than needs a value/ },
    { given: ['--older-than', '2h', '--prefix', 'ld ct'], want: /--prefix "ld ct" is not a run prefix/ },
    { given: ['--older-than', '2h', '--prefix', ''], want: /--prefix needs a value/ },
    { given: ['--older-than', '2h', '--force'], want: /unknown argument "--force"/ },
  ];
  for (const { given, want } of bad) {
    test(`${JSON.stringify(given)} → ${want.source}`, () => {
      expect(() => parseCleanupArgs(given)).toThrow(UsageError);
      expect(() => parseCleanupArgs(given)).toThrow(want);
    });
  }
});
