/**
 * Run the embedded reference server from the command line (also Playwright's webServer):
 *   npm run serve -- --port 4010 --rate-limit 50/10s --latency-ms 100 --fault <id>
 * Bad flags → one error line + usage, exit 2. SIGINT/SIGTERM → graceful close, exit 0.
 */
import { FAULT_IDS, FAULTS } from '../src/server/faults';
import { ReferenceServerOptionsError, startReferenceServer } from '../src/server';
import { exitOnUsageError, formatUsage } from '../src/cli/parse-flags';
import { parseServeArgs, SERVE_FLAGS } from '../src/server/cli-args';
import { runCommand } from '../src/cli/run-command';

function listFaults(): string {
  const width = Math.max(...FAULT_IDS.map((id) => id.length));
  return FAULT_IDS.map(
    (id) => `${id.padEnd(width)}  ${FAULTS[id].family.padEnd(9)} ${FAULTS[id].rule.padEnd(6)} ${FAULTS[id].description}`,
  ).join('\n');
}

async function main(): Promise<number> {
  const command = exitOnUsageError(SERVE_FLAGS, () => parseServeArgs(process.argv.slice(2), process.env));
  if (command.kind === 'help') {
    process.stdout.write(`${formatUsage(SERVE_FLAGS)}\n`);
    return 0;
  }
  if (command.kind === 'list-faults') {
    process.stdout.write(`${listFaults()}\n`);
    return 0;
  }

  // Listen for signals before announcing the URL: a supervisor may stop us as soon as it sees it.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stdout.write(`${signal}: closing the reference server\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  let server;
  try {
    server = await startReferenceServer({ ...command.options, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (e: unknown) {
    // A bad option only the start can judge (e.g. --served-spec naming no file): bad input, exit 2.
    if (!(e instanceof ReferenceServerOptionsError)) throw e;
    process.stderr.write(`serve: ${e.message}\n`);
    return 2;
  }
  process.stdout.write(`Reference server listening on ${server.url}\n`);
  // Print the admin secret only when we made it up: one given via the environment stays secret.
  process.stdout.write(command.adminTokenFromEnv ? 'admin token: (from REF_ADMIN_TOKEN)\n' : `admin token: ${server.adminToken}\n`);
  process.stdout.write(
    command.otherMemberTokenFromEnv
      ? 'other member token: (from REF_OTHER_MEMBER_TOKEN)\n'
      : `other member token: ${server.otherMemberToken}\n`,
  );

  await stopped;
  await server.close();
  return 0;
}

runCommand('serve', main, { errorExitCode: 1, exitAtOnce: true });
