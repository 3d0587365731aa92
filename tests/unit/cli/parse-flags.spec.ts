import { expect, test } from '@playwright/test';
import { readChoices, readInteger } from '../../../src/cli/flag-values';
import { defineCommand, formatUsage, formatUsageError, parseFlags, UsageError } from '../../../src/cli/parse-flags';
import { parseFlakeCheckArgs } from '../../../src/harness/flake-check-options';
import { parseSelfCheckArgs } from '../../../src/harness/self-check-options';

const DEMO = defineCommand({
  name: 'demo',
  command: 'npm run demo',
  flags: {
    port: { type: 'string', value: '<n>', description: 'a port' },
    'dry-run': { type: 'boolean', description: 'change nothing' },
  },
  positionals: [{ name: 'file', description: 'a file' }],
  notes: ['Reads DEMO_ENV.'],
});

test.describe('parseFlags', () => {
  const good: { given: string[]; want: ReturnType<typeof parseFlags<typeof DEMO.flags>> }[] = [
    { given: [], want: { help: false, values: {}, positionals: [] } },
    { given: ['--port', '80', '--dry-run'], want: { help: false, values: { port: '80', 'dry-run': true }, positionals: [] } },
    { given: ['--port=80'], want: { help: false, values: { port: '80' }, positionals: [] } },
    { given: ['--port', '1', '--port', '2'], want: { help: false, values: { port: '2' }, positionals: [] } },
    { given: ['--port', '-5'], want: { help: false, values: { port: '-5' }, positionals: [] } },
    { given: ['x.md'], want: { help: false, values: {}, positionals: ['x.md'] } },
    { given: ['--bogus', '-h'], want: { help: true, values: {}, positionals: [] } },
    { given: ['--help'], want: { help: true, values: {}, positionals: [] } },
  ];
  for (const { given, want } of good) test(`[${given.join(' ')}] → ok`, () => expect(parseFlags(DEMO, given)).toEqual(want));

  const bad: { given: string[]; want: string }[] = [
    { given: ['--bogus'], want: 'unknown argument "--bogus"' },
    { given: ['--bogus=1'], want: 'unknown argument "--bogus=1"' },
    { given: ['-x'], want: 'unknown argument "-x"' },
    { given: ['--port'], want: '--port needs a value' },
    { given: ['--port='], want: '--port needs a value' },
    { given: ['--port', '--dry-run'], want: '--port needs a value' },
    { given: ['--dry-run=yes'], want: '--dry-run takes no value' },
    { given: ['a', 'b'], want: 'unexpected argument "b"' },
  ];
  for (const { given, want } of bad) {
    test(`[${given.join(' ')}] → ${want}`, () => {
      expect(() => parseFlags(DEMO, given)).toThrow(UsageError);
      expect(() => parseFlags(DEMO, given)).toThrow(want);
    });
  }
});

test('one usage format: command, aligned flags, help, positionals, notes; the error is one line before it', () => {
  expect(formatUsage(DEMO)).toBe(
    [
      'usage: npm run demo -- [options] [file]',
      '  --port <n>  a port',
      '  --dry-run   change nothing',
      '  -h, --help  print this help and exit',
      '  [file]      a file',
      '  Reads DEMO_ENV.',
    ].join('\n'),
  );
  expect(formatUsageError(DEMO, new UsageError('--port needs a value')).split('\n')[0]).toBe('demo: --port needs a value');
});

test.describe('value readers', () => {
  const ints: { given: [string, { min: number; max?: number }]; want: number | string }[] = [
    { given: ['5', { min: 1 }], want: 5 },
    { given: ['-3', { min: -10 }], want: -3 },
    { given: ['0', { min: 1 }], want: '--n: "0" is not an integer >= 1' },
    { given: ['1.5', { min: 1 }], want: '--n: "1.5" is not an integer >= 1' },
    { given: ['abc', { min: 0 }], want: '--n: "abc" is not an integer >= 0' },
    { given: ['11', { min: 1, max: 10 }], want: '--n: "11" is not an integer in 1..10' },
  ];
  for (const { given, want } of ints) {
    test(`readInteger ${given[0]} → ${want}`, () => {
      if (typeof want === 'number') expect(readInteger(given[0], '--n', given[1])).toBe(want);
      else expect(() => readInteger(given[0], '--n', given[1])).toThrow(want);
    });
  }
  test('readChoices names the unknown items and the allowed ones', () => {
    expect(readChoices('a, b', '--only', ['a', 'b', 'c'], 'phase')).toEqual(['a', 'b']);
    expect(() => readChoices('a,z', '--only', ['a', 'b'], 'phase')).toThrow('--only: unknown phase z (phases: a, b)');
    expect(() => readChoices(',', '--only', ['a'], 'phase')).toThrow('--only needs at least one phase');
  });
});

test.describe('self-check and flake-check flags', () => {
  test('defaults and values', () => {
    expect(parseSelfCheckArgs(['--faults', 'patch-ignored', '--concurrency=1', '--timeout-ms', '1000'])).toEqual({
      faults: ['patch-ignored'],
      concurrency: 1,
      timeoutMs: 1000,
      list: false,
    });
    expect(parseSelfCheckArgs([]).faults.length).toBeGreaterThan(30);
    expect(parseFlakeCheckArgs([])).toEqual({ repeatEach: 5 });
    expect(parseFlakeCheckArgs(['--repeat-each', '2'])).toEqual({ repeatEach: 2 });
  });
  const bad: { given: () => unknown; want: string }[] = [
    { given: () => parseSelfCheckArgs(['--faults', 'nope,patch-ignored']), want: '--faults: unknown fault id(s) nope (see --list)' },
    { given: () => parseSelfCheckArgs(['--concurrency', '0']), want: '--concurrency: "0" is not an integer >= 1' },
    { given: () => parseFlakeCheckArgs(['--repeat-each', 'x']), want: '--repeat-each: "x" is not an integer >= 1' },
    { given: () => parseFlakeCheckArgs(['--repeat']), want: 'unknown argument "--repeat"' },
  ];
  for (const { given, want } of bad) test(`refuses: ${want}`, () => expect(given).toThrow(want));
});
