/** Command-line flags of `npm run flake-check`. */
import { readInteger } from '../cli/flag-values';
import { defineCommand, parseFlags } from '../cli/parse-flags';

export interface FlakeCheckOptions {
  /** --repeat-each of the first run (every test that many times, zero retries). */
  repeatEach: number;
  help?: true;
}

export const FLAKE_CHECK_FLAGS = defineCommand({
  name: 'flake-check',
  command: 'npm run flake-check',
  flags: {
    'repeat-each': { type: 'string', value: '<n>', description: 'runs of every test in the repeat run (default 5)' },
  },
});

export function parseFlakeCheckArgs(argv: readonly string[]): FlakeCheckOptions {
  const { help, values } = parseFlags(FLAKE_CHECK_FLAGS, argv);
  const options: FlakeCheckOptions = {
    repeatEach: values['repeat-each'] === undefined ? 5 : readInteger(values['repeat-each'], '--repeat-each', { min: 1 }),
  };
  return help ? { ...options, help } : options;
}
