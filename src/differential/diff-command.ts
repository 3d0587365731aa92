import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { registerSecret, redactSecrets } from '../contract/secrets';
import { ConfigError, loadConfig, loadDiffSideConfig, readEnvironment, readReportsDir } from '../config/load-config';
import { assertWritesAllowed, ProductionGuardError } from '../config/production-guard';
import { generateRunId } from '../config/run-id';
import type { SuiteConfig } from '../config/suite-config';
import { buildPlan } from './build-plan';
import type { DiffArgs } from './diff-args';
import { DiffInputError } from './diff-input-error';
import { buildReport, exitCodeOf } from './diff-report';
import { readIgnoreFile, type IgnoreEntry } from './ignore-file';
import { readPlan, writePlan, type Plan } from './plan';
import { renderDiffConsole } from './render-diff-console';
import { runDifferential, type DiffTarget } from './run-differential';
import { writeDiffArtifacts } from './write-diff-artifacts';

/** An embedded reference server the script started (the script may import the servers; this folder may not). */
export interface EmbeddedServer {
  url: string;
  adminToken: string;
  otherMemberToken: string;
  close(): Promise<void>;
}

/** `change`: what followed `embedded:` (null for plain `embedded`); the script checks it against the server's list. */
export type StartEmbedded = (change: string | null) => Promise<EmbeddedServer>;

export interface DiffCommandIo {
  startEmbedded: StartEmbedded;
  signal: AbortSignal;
  out: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** `npm run diff`: resolve both sides, build or read the plan, run it, report, scan the artifacts; the exit code. */
export async function runDiffCommand(args: DiffArgs, io: DiffCommandIo): Promise<number> {
  const env = { ...(io.env ?? readEnvironment()), LD_RUN_ID: readEnvironment().LD_RUN_ID ?? generateRunId(), LD_WORKERS: '1' };
  const servers: EmbeddedServer[] = [];
  try {
    let ignores: IgnoreEntry[] = [];
    let a: DiffTarget;
    let b: DiffTarget;
    let plan: Plan;
    try {
      a = await resolveSide('A', args.a, env, io.startEmbedded, servers);
      b = await resolveSide('B', args.b, env, io.startEmbedded, servers);
      ignores = args.ignore === null ? [] : readIgnoreFile(args.ignore);
      const bothEmbedded = args.a.startsWith('embedded') && args.b.startsWith('embedded');
      plan =
        args.plan !== null
          ? readPlan(args.plan)
          : buildPlan(args.seed ?? crypto.randomInt(0, 2 ** 31 - 1), args.budget ?? (bothEmbedded ? 30 : 12));
    } catch (error) {
      if (error instanceof ConfigError || error instanceof ProductionGuardError || error instanceof DiffInputError)
        throw new DiffInputError(error.message);
      throw error;
    }
    const outDir = args.out ?? path.join(readReportsDir(env), 'diff');
    const planFile = path.join(outDir, 'plan.json');
    // An embedded A is calibrated against a second instance of itself (same change), a remote A against itself.
    const aEmbedded = args.a === 'embedded' || args.a.startsWith('embedded:');
    const a2 = aEmbedded ? await resolveSide('A', args.a, env, io.startEmbedded, servers) : args.calibrate ? a : null;
    io.out(
      `diff: sending ${plan.steps.length} step(s) to A (${a.label}), B (${b.label})${a2 === null ? '' : ' and A again (calibration)'}; Ctrl-C stops and cleans up\n`,
    );
    const outcome = await runDifferential({ plan, a, b, a2, signal: io.signal });
    writePlanFile(outDir, planFile, plan);
    const report = buildReport({
      outcome,
      a: a.label,
      b: b.label,
      plan: { seed: plan.seed, budget: plan.budget, file: args.plan },
      ignores,
    });
    const secrets = [a.config.accessToken, b.config.accessToken, ...outcome.issuedSecrets];
    const written = writeDiffArtifacts(outDir, report, planFile, secrets);
    io.out(redactSecrets(renderDiffConsole(report, written.files)));
    io.out(`diff: replay with --plan ${planFile}\n`);
    if (written.leaks.length > 0) {
      io.out(`diff: H2 FAILED: ${written.leaks.join('; ')}\n`);
      return 1;
    }
    return exitCodeOf(report);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

function writePlanFile(outDir: string, planFile: string, plan: Plan): void {
  fs.mkdirSync(outDir, { recursive: true });
  writePlan(planFile, plan);
}

async function resolveSide(
  side: 'A' | 'B',
  value: string,
  env: NodeJS.ProcessEnv,
  startEmbedded: StartEmbedded,
  servers: EmbeddedServer[],
): Promise<DiffTarget> {
  const tokenVariable = `LD_ACCESS_TOKEN_${side}`;
  const urlName = `--${side.toLowerCase()}`;
  if (value === 'embedded' || value.startsWith('embedded:')) {
    const change = value === 'embedded' ? null : value.slice('embedded:'.length);
    const server = await startEmbedded(change);
    servers.push(server);
    const port = new URL(server.url).port;
    const config: SuiteConfig = loadConfig({
      ...env,
      LD_BASE_URL: undefined,
      LD_EMBEDDED_PORT: port,
      LD_EMBEDDED_ADMIN_TOKEN: server.adminToken,
      LD_EMBEDDED_OTHER_MEMBER_TOKEN: server.otherMemberToken,
    });
    registerSecret(config.accessToken);
    return { label: value, config, tokenVariable };
  }
  const config = loadDiffSideConfig({ urlName, url: value, tokenName: tokenVariable }, env);
  try {
    assertWritesAllowed(config);
  } catch (error) {
    if (!(error instanceof ProductionGuardError)) throw error;
    throw new ProductionGuardError(
      `refusing to write to production host ${new URL(config.baseUrl).host} (${urlName}): a differential run creates and deletes tokens; set LD_ALLOW_PRODUCTION=1 to allow it.`,
    );
  }
  registerSecret(config.accessToken);
  return { label: config.baseUrl, config, tokenVariable };
}
