import { parseArgs } from 'node:util';
import type { SuiteConfig } from './suite-config';

/**
 * LaunchDarkly's production API hosts (commercial US, federal, EU). Their subdomains count too
 * (`*.app.launchdarkly.com`): they are the same production service behind another name. Other
 * `launchdarkly.com` hosts (e.g. a staging host) are not production for this guard.
 */
export const PRODUCTION_HOSTS = ['app.launchdarkly.com', 'app.launchdarkly.us', 'app.eu.launchdarkly.com'] as const;

/** Tag of every test that writes (creates, patches, resets or deletes tokens). */
export const DESTRUCTIVE_TAG = '@destructive';
/** Tag of the read-only tests that may run against production. */
export const SMOKE_TAG = '@smoke';

export class ProductionGuardError extends Error {
  override readonly name = 'ProductionGuardError';
}

export function isProductionHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return PRODUCTION_HOSTS.some((prod) => host === prod || host.endsWith(`.${prod}`));
}

/**
 * Defence in depth for the fixtures: call before any write. Throws unless the target is not production
 * or LD_ALLOW_PRODUCTION=1.
 */
export function assertWritesAllowed(config: Pick<SuiteConfig, 'baseUrl' | 'productionHost' | 'allowProduction'>): void {
  if (config.productionHost && !config.allowProduction) {
    throw new ProductionGuardError(
      `Refusing to write to production host ${new URL(config.baseUrl).host}: set LD_ALLOW_PRODUCTION=1 to allow writes, or run only the read-only tests with --grep ${SMOKE_TAG}.`,
    );
  }
}

export interface RunScopeInput {
  /** `FullConfig.grep` / `grepInvert` (from the config file) and every project's. */
  configGrep: readonly RegExp[];
  configGrepInvert: readonly RegExp[];
  /** The Playwright CLI arguments (process.argv): `--grep`/`-g` and `--grep-invert`/`-G` live only there. */
  argv: readonly string[];
}

export interface RunScope {
  readOnly: boolean;
  /** Why, in words, for the guard's message. */
  reason: string;
}

/**
 * Decides whether a run can only contain read-only tests, from its grep filters alone (global setup cannot
 * see the test list). Conservative: read-only only when every grep that applies requires `@smoke` and
 * cannot match `@destructive`, or a grep-invert excludes `@destructive`. Anything unclear counts as writing.
 * Convention it relies on: a test tagged `@smoke` is never also `@destructive`.
 */
export function detectRunScope(input: RunScopeInput): RunScope {
  const cli = parseGrepArgs(input.argv);
  const greps = [...input.configGrep, ...cli.grep].filter((re) => !matchesEverything(re));
  const inverts = [...input.configGrepInvert, ...cli.grepInvert];

  if (inverts.some((re) => re.test(DESTRUCTIVE_TAG))) {
    return { readOnly: true, reason: `grep-invert excludes ${DESTRUCTIVE_TAG}` };
  }
  if (greps.length > 0 && greps.every((re) => re.test(SMOKE_TAG) && !re.test(DESTRUCTIVE_TAG) && !matchesTitlesFreely(re))) {
    return { readOnly: true, reason: `grep selects only ${SMOKE_TAG}` };
  }
  return { readOnly: false, reason: greps.length ? 'grep does not restrict the run to @smoke' : 'no grep: the full suite runs' };
}

/**
 * Refuses a production run that may write. Called by global setup; the message says how to proceed.
 */
export function assertRunAllowed(config: Pick<SuiteConfig, 'baseUrl' | 'productionHost' | 'allowProduction'>, scope: RunScope): void {
  if (!config.productionHost || config.allowProduction || scope.readOnly) return;
  throw new ProductionGuardError(
    `Refusing to run write tests against production host ${new URL(config.baseUrl).host} (${scope.reason}). ` +
      `Run only the read-only tests with \`npx playwright test --grep ${SMOKE_TAG}\`, or set LD_ALLOW_PRODUCTION=1 to allow writes.`,
  );
}

/** Playwright's own `--grep`/`-g` and `--grep-invert`/`-G` flags, read with node's parseArgs; every other flag is ignored. */
function parseGrepArgs(argv: readonly string[]): { grep: RegExp[]; grepInvert: RegExp[] } {
  const { values } = parseArgs({
    args: [...argv],
    options: { grep: { type: 'string', short: 'g', multiple: true }, 'grep-invert': { type: 'string', short: 'G', multiple: true } },
    strict: false,
    allowPositionals: true,
  });
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : []);
  return { grep: strings(values.grep).map(toRegExp), grepInvert: strings(values['grep-invert']).map(toRegExp) };
}

/** Playwright turns a CLI grep string into a case-insensitive RegExp the same way; an invalid one is literal. */
function toRegExp(source: string): RegExp {
  try {
    return new RegExp(source, 'i');
  } catch {
    return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  }
}

function matchesEverything(re: RegExp): boolean {
  return re.source === '.*' || re.source === '(?:)' || re.source === '';
}

/**
 * A grep like `@smoke|delete` also matches titles; treat an alternation or wildcard that still matches
 * a plain write title as unrestricted.
 */
function matchesTitlesFreely(re: RegExp): boolean {
  return ['deleteToken', 'postToken creates a token', 'patch', 'reset', 'x'].some((title) => re.test(title));
}
