import { expect, test } from '@playwright/test';
import { parseBenchArgs, type BenchOptions } from '../../../src/bench/bench-options';

test.describe('parseBenchArgs', () => {
  const defaults: BenchOptions = {
    quick: false,
    jsonFile: 'reports/bench.json',
    phases: ['validation', 'overhead', 'budget', 'latency', 'concurrency'],
    runs: 3,
    latencyWorkers: [1, 2, 4],
  };
  const rows: { given: string[]; want: BenchOptions }[] = [
    { given: [], want: defaults },
    { given: ['--quick'], want: { ...defaults, quick: true, runs: 1 } },
    { given: ['--quick', '--runs', '2'], want: { ...defaults, quick: true, runs: 2 } },
    { given: ['--json', 'out/b.json'], want: { ...defaults, jsonFile: 'out/b.json' } },
    { given: ['--json=out/c.json', '--only=validation'], want: { ...defaults, jsonFile: 'out/c.json', phases: ['validation'] } },
    { given: ['--latency-workers', '4'], want: { ...defaults, latencyWorkers: [4] } },
  ];
  for (const { given, want } of rows) {
    test(`[${given.join(' ')}]`, () => expect(parseBenchArgs(given)).toEqual(want));
  }

  const errors: { given: string[]; want: RegExp }[] = [
    { given: ['--json'], want: /--json needs a value/ },
    { given: ['--only', 'everything'], want: /--only: unknown phase everything/ },
    { given: ['--runs', '0'], want: /--runs: "0" is not an integer >= 1/ },
    { given: ['--latency-workers', '1,x'], want: /--latency-workers: "x" is not an integer >= 1/ },
    { given: ['--fast'], want: /unknown argument "--fast"/ },
  ];
  for (const { given, want } of errors) {
    test(`rejects [${given.join(' ')}] with one clear line`, () => expect(() => parseBenchArgs(given)).toThrow(want));
  }
});
