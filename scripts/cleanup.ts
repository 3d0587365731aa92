/**
 * Removes leftovers of earlier interrupted runs: the caller's own tokens whose name starts with
 * `<prefix>-` and whose creationDate is older than --older-than by the SERVER's clock.
 *   npm run cleanup -- --prefix ldct --older-than 2h --dry-run
 * Uses the suite's configuration (LD_BASE_URL, LD_ACCESS_TOKEN, .env). Exit codes: 0 done, 1 failures,
 * 2 bad arguments or configuration.
 */
import type { SuiteConfig } from '../src/config/suite-config';
import { request } from '@playwright/test';
import { ApiClient } from '../src/client/api-client';
import { exitOnUsageError } from '../src/cli/parse-flags';
import { CLEANUP_FLAGS, parseCleanupArgs } from '../src/client/cleanup-args';
import { deleteTokenEnsured, listOwnTokens, selectByPrefix } from '../src/client/token-sweeper';
import { ConfigError, loadConfig } from '../src/config/load-config';
import { assertWritesAllowed, ProductionGuardError } from '../src/config/production-guard';
import { redactSecrets, registerSecret } from '../src/contract/secrets';
import { runCommand } from '../src/cli/run-command';

async function main(argv: readonly string[]): Promise<number> {
  const args = exitOnUsageError(CLEANUP_FLAGS, () => parseCleanupArgs(argv));
  let config: SuiteConfig;
  try {
    config = { ...loadConfig(), runDeadline: null }; // a clean-up finishes whatever a run's deadline said
    if (config.target !== 'remote') {
      throw new ConfigError(
        'cleanup needs a remote target: set LD_BASE_URL and LD_ACCESS_TOKEN (the embedded server keeps nothing between runs).',
      );
    }
    registerSecret(config.accessToken);
    if (!args.dryRun) {
      try {
        assertWritesAllowed(config);
      } catch (error) {
        if (!(error instanceof ProductionGuardError)) throw error;
        throw new ProductionGuardError(
          `refusing to delete tokens on production host ${new URL(config.baseUrl).host}: set LD_ALLOW_PRODUCTION=1, or add --dry-run to only list them.`,
        );
      }
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProductionGuardError) {
      console.error(`cleanup: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const prefix = args.prefix ?? config.runPrefix;
  const host = new URL(config.baseUrl).host;

  const context = await request.newContext();
  try {
    const client = new ApiClient({
      request: context,
      config: { ...config, rateLimitBudgetMs: Math.max(config.rateLimitBudgetMs, 120_000) },
    });
    const listing = await listOwnTokens(client);
    if (listing.serverDate === null) {
      console.error(`cleanup: ${host} sent no Date header, so token ages cannot be judged by the server clock; nothing deleted.`);
      return 1;
    }
    const serverNow = listing.serverDate;
    const matching = selectByPrefix(listing.tokens, prefix);
    const old = matching.filter((t) => t.creationDate !== undefined && serverNow - t.creationDate >= args.olderThanMs);
    const skipped = matching.length - old.length;
    console.log(
      `cleanup: ${host}: ${listing.tokens.length} own token(s), ${matching.length} named ${prefix}-…, ${old.length} older than ${formatAge(args.olderThanMs)} by the server clock${args.dryRun ? ' (dry run: nothing is deleted)' : ''}`,
    );
    let deleted = 0;
    const failed: string[] = [];
    for (const token of old) {
      const age = formatAge(serverNow - (token.creationDate ?? serverNow));
      if (args.dryRun) {
        console.log(`  would delete ${token.id} ${token.name ?? ''} (age ${age})`);
        continue;
      }
      const outcome = await deleteTokenEnsured(client, token.id);
      if (outcome.outcome === 'failed') {
        failed.push(`${token.id}: ${outcome.reason}`);
        console.log(`  FAILED ${token.id} ${token.name ?? ''}: ${outcome.reason}`);
      } else {
        deleted++;
        console.log(`  deleted ${token.id} ${token.name ?? ''} (age ${age})`);
      }
    }
    console.log(
      args.dryRun
        ? `cleanup: dry run: would delete ${old.length}, kept ${skipped} younger`
        : `cleanup: deleted ${deleted}, failed ${failed.length}, kept ${skipped} younger`,
    );
    return failed.length > 0 ? 1 : 0;
  } finally {
    await context.dispose();
  }
}

function formatAge(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  return `${(ms / 3_600_000).toFixed(1)}h`;
}

runCommand('cleanup', () => main(process.argv.slice(2)), { errorExitCode: 1, redact: redactSecrets });
