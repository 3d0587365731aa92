/** Command-line flags of `npm run self-check`. */
import { readInteger, readList } from '../cli/flag-values';
import { defineCommand, parseFlags, UsageError } from '../cli/parse-flags';
import { FAULTS, isFaultId, type FaultId } from '../server/faults';

export interface SelfCheckOptions {
  faults: FaultId[];
  concurrency: number;
  /** Hard stop of each suite run. */
  timeoutMs: number;
  list: boolean;
  help?: true;
}

export const SELF_CHECK_FLAGS = defineCommand({
  name: 'self-check',
  command: 'npm run self-check',
  flags: {
    faults: { type: 'string', value: 'id,id', description: 'only these faults (default: every fault in the catalogue; see --list)' },
    concurrency: { type: 'string', value: '<n>', description: 'suite runs at a time (default 2)' },
    'timeout-ms': { type: 'string', value: '<n>', description: 'hard stop of each run (default 240000)' },
    list: { type: 'boolean', description: 'print the fault catalogue and exit' },
  },
});

export function parseSelfCheckArgs(argv: readonly string[]): SelfCheckOptions {
  const { help, values } = parseFlags(SELF_CHECK_FLAGS, argv);
  const options: SelfCheckOptions = {
    faults: values.faults === undefined ? (Object.keys(FAULTS) as FaultId[]) : readFaultIds(values.faults),
    concurrency: values.concurrency === undefined ? 2 : readInteger(values.concurrency, '--concurrency', { min: 1 }),
    timeoutMs: values['timeout-ms'] === undefined ? 240_000 : readInteger(values['timeout-ms'], '--timeout-ms', { min: 1 }),
    list: values.list ?? false,
  };
  return help ? { ...options, help } : options;
}

function readFaultIds(text: string): FaultId[] {
  const ids = readList(text);
  const unknown = ids.filter((id) => !isFaultId(id));
  if (unknown.length) throw new UsageError(`--faults: unknown fault id(s) ${unknown.join(', ')} (see --list)`);
  if (!ids.length) throw new UsageError('--faults needs at least one fault id');
  return ids as FaultId[];
}
