import type { APIRequestContext } from '@playwright/test';
import type { SuiteConfig } from '../config/suite-config';
import { ApiClient } from './api-client';
import type { CleanupLedger } from './cleanup-ledger';
import { deleteTokenEnsured, listOwnTokens, selectByPrefix } from './token-sweeper';

export interface RunCleanupReport {
  /** Distinct tokens the ledger says this run created. */
  created: number;
  /** Of those plus any found by the sweep: confirmed gone (by the tests or by this cleanup). */
  deleted: number;
  deletedByTests: number;
  deletedByCleanup: number;
  /** Tokens with the run's prefix found by the sweep that were not in the ledger (e.g. a killed worker). */
  sweptUnrecorded: number;
  /** Ids still present (or whose deletion could not be confirmed), with why. */
  leaked: { id: string; name?: string; reason: string }[];
  /**
   * The last listing of the caller's tokens, taken after every deletion of this cleanup (H1 judged from the
   * outside): how many tokens it held and how many of them carry the run's prefix. When the sweep deleted
   * nothing, its own listing is the last one (no request is added to a clean run).
   */
  finalListing: { tokens: number; prefixed: number };
}

/**
 * The end-of-run cleanup (H1): delete every ledgered token not yet deleted, then sweep the caller's own
 * tokens for the run's name prefix and delete those too, then confirm nothing is left. Idempotent: a
 * second run finds everything gone (404 counts as deleted).
 */
export async function cleanUpRun(request: APIRequestContext, config: SuiteConfig, ledger: CleanupLedger): Promise<RunCleanupReport> {
  // Cleanup may wait longer on 429s than a test: leaking is worse than a slow teardown.
  const client = new ApiClient({ request, config: { ...config, rateLimitBudgetMs: Math.max(config.rateLimitBudgetMs, 120_000) } });
  const before = ledger.summarize();
  const leaked = new Map<string, { id: string; name?: string; reason: string }>();
  let deletedByCleanup = 0;

  for (const { id, name } of before.pending) {
    const outcome = await deleteTokenEnsured(client, id);
    if (outcome.outcome === 'failed') {
      leaked.set(id, { id, ...(name !== undefined ? { name } : {}), reason: outcome.reason });
    } else {
      ledger.recordDeleted(id);
      deletedByCleanup++;
    }
  }

  const ledgered = ledger.createdIds();
  let sweptUnrecorded = 0;
  const listing = await listOwnTokens(client);
  const leftovers = selectByPrefix(listing.tokens, config.tokenNamePrefix);
  let finalListing = { tokens: listing.tokens.length, prefixed: leftovers.length };
  for (const token of leftovers) {
    const outcome = await deleteTokenEnsured(client, token.id);
    if (outcome.outcome === 'failed') {
      leaked.set(token.id, { id: token.id, ...(token.name !== undefined ? { name: token.name } : {}), reason: outcome.reason });
      continue;
    }
    leaked.delete(token.id);
    if (ledgered.has(token.id)) {
      ledger.recordDeleted(token.id);
      deletedByCleanup++;
    } else {
      sweptUnrecorded++;
    }
  }

  // Trust but verify: whatever the sweep touched or failed on is checked against a fresh listing.
  if (leftovers.length > 0 || leaked.size > 0) {
    const relisted = (await listOwnTokens(client)).tokens;
    const after = selectByPrefix(relisted, config.tokenNamePrefix);
    finalListing = { tokens: relisted.length, prefixed: after.length };
    for (const token of after) {
      if (!leaked.has(token.id))
        leaked.set(token.id, {
          id: token.id,
          ...(token.name !== undefined ? { name: token.name } : {}),
          reason: 'still listed after deletion',
        });
    }
  }

  const deletedByTests = before.deleted;
  return {
    created: before.created,
    deleted: deletedByTests + deletedByCleanup + sweptUnrecorded,
    deletedByTests,
    deletedByCleanup,
    sweptUnrecorded,
    leaked: [...leaked.values()],
    finalListing,
  };
}

export function formatCleanupSummary(report: RunCleanupReport): string {
  return (
    `cleanup: created ${report.created}, deleted ${report.deleted}, leaked ${report.leaked.length}` +
    ` (deleted by tests ${report.deletedByTests}, by teardown ${report.deletedByCleanup}, swept without a ledger entry ${report.sweptUnrecorded})`
  );
}
