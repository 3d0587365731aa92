import { isFaultId, type FaultId } from './faults';
import type { ReferenceServerOptions } from './index';

/** A bad flag or environment value for `npm run serve`: one line, shown with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const SERVE_USAGE = `usage: npm run serve -- [options]
  --port <n>                 port on 127.0.0.1 (env REF_PORT; default: a free port)
  --rate-limit <max>/<win>   account-wide limit, e.g. 50/10s, 5/500ms, 100/1m (env REF_RATE_LIMIT; default off)
  --latency-ms <n>           injected latency per response (env REF_LATENCY_MS)
  --latency-jitter-ms <n>    extra uniform latency 0..n (env REF_LATENCY_JITTER_MS)
  --clock-skew-ms <n>        server clock = now + n, may be negative (env REF_CLOCK_SKEW_MS)
  --fault <id>               inject one named fault (env REF_FAULT); see --list-faults
  --list-faults              print the fault catalogue and exit
  --help                     print this help and exit
  The admin token is read from env REF_ADMIN_TOKEN (never a flag: flags show up in process lists);
  when absent one is generated and printed.`;

export type ServeCommand =
  | { kind: 'help' }
  | { kind: 'list-faults' }
  | { kind: 'serve'; options: ReferenceServerOptions; adminTokenFromEnv: boolean };

const FLAG_ENV: Record<string, string> = {
  '--port': 'REF_PORT',
  '--rate-limit': 'REF_RATE_LIMIT',
  '--latency-ms': 'REF_LATENCY_MS',
  '--latency-jitter-ms': 'REF_LATENCY_JITTER_MS',
  '--clock-skew-ms': 'REF_CLOCK_SKEW_MS',
  '--fault': 'REF_FAULT',
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

export function parseRateLimit(text: string, source: string): { max: number; windowMs: number } {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const max = Number(m?.[1]);
  const windowMs = Number(m?.[2]) * (UNIT_MS[m?.[3] ?? 'ms'] ?? 1);
  if (!m || max < 1 || !(windowMs >= 1)) throw new UsageError(`${source}: "${text}" is not a rate limit like 50/10s (max >= 1 requests per window)`);
  return { max, windowMs };
}

function parseInteger(text: string, source: string, min: number): number {
  if (!/^-?\d+$/.test(text.trim()) || Number(text) < min) throw new UsageError(`${source}: "${text}" is not an integer >= ${min}`);
  return Number(text);
}

/** Flags win over environment variables; empty environment values count as unset. */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeCommand {
  const values: Record<string, { text: string; source: string }> = {};
  for (const [flag, name] of Object.entries(FLAG_ENV)) {
    const v = env[name];
    if (v !== undefined && v !== '') values[flag] = { text: v, source: name };
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--list-faults') return { kind: 'list-faults' };
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(flag in FLAG_ENV)) throw new UsageError(`unknown argument "${arg}"`);
    const text = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (text === undefined || (eq < 0 && text.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    values[flag] = { text, source: flag };
  }

  const options: ReferenceServerOptions = {};
  const get = (flag: string): { text: string; source: string } | undefined => values[flag];
  const port = get('--port');
  if (port) {
    options.port = parseInteger(port.text, port.source, 0);
    if (options.port > 65535) throw new UsageError(`${port.source}: "${port.text}" is not a port (0..65535)`);
  }
  const rate = get('--rate-limit');
  if (rate) options.rateLimit = parseRateLimit(rate.text, rate.source);
  const latency = get('--latency-ms');
  if (latency) options.latencyMs = parseInteger(latency.text, latency.source, 0);
  const jitter = get('--latency-jitter-ms');
  if (jitter) options.latencyJitterMs = parseInteger(jitter.text, jitter.source, 0);
  const skew = get('--clock-skew-ms');
  if (skew) options.clockSkewMs = parseInteger(skew.text, skew.source, Number.MIN_SAFE_INTEGER);
  const fault = get('--fault');
  if (fault) {
    if (!isFaultId(fault.text)) throw new UsageError(`${fault.source}: unknown fault id "${fault.text}" (see --list-faults)`);
    options.fault = fault.text satisfies FaultId;
  }
  const adminToken = env.REF_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken !== '') {
    if (adminToken.length < 8) throw new UsageError('REF_ADMIN_TOKEN must be at least 8 characters');
    options.adminToken = adminToken;
  }
  return { kind: 'serve', options, adminTokenFromEnv: options.adminToken !== undefined };
}
