import path from 'node:path';
import { KNOWN_API_VERSIONS } from './api-version';
import { isFaultId, type FaultId } from './faults';
import type { ReferenceServerOptions } from './index';
import { readInteger } from '../cli/flag-values';
import { defineCommand, parseFlags, UsageError } from '../cli/parse-flags';

export const SERVE_FLAGS = defineCommand({
  name: 'serve',
  command: 'npm run serve',
  flags: {
    port: { type: 'string', value: '<n>', description: 'port on 127.0.0.1 (env REF_PORT; default: a free port)' },
    'rate-limit': {
      type: 'string',
      value: '<max>/<win>',
      description: 'account-wide limit, e.g. 50/10s, 5/500ms, 100/1m (env REF_RATE_LIMIT; default off)',
    },
    'rate-limit-every': {
      type: 'string',
      value: '<n>/<reset>',
      description: 'every n-th API request answered 429, reset that far ahead, e.g. 9/1s (env REF_RATE_LIMIT_EVERY)',
    },
    'retry-after-scale': {
      type: 'string',
      value: '<n>',
      description: "a 429's Retry-After n times too long, sent without X-Ratelimit-Reset, e.g. 1000 (env REF_RETRY_AFTER_SCALE; default 1)",
    },
    'latency-ms': { type: 'string', value: '<n>', description: 'injected latency per response (env REF_LATENCY_MS)' },
    'latency-jitter-ms': { type: 'string', value: '<n>', description: 'extra uniform latency 0..n (env REF_LATENCY_JITTER_MS)' },
    'clock-skew-ms': { type: 'string', value: '<n>', description: 'server clock = now + n, may be negative (env REF_CLOCK_SKEW_MS)' },
    'admin-default-api-version': {
      type: 'string',
      value: '<yyyymmdd>',
      description: "the admin token's defaultApiVersion, e.g. 20220603 (env REF_ADMIN_DEFAULT_API_VERSION; default 20240415)",
    },
    'interleave-ms': {
      type: 'string',
      value: '<n>',
      description:
        "the store's round trip between a write's read and its write: a random pause up to n ms, so overlapping requests to one token overlap (env REF_INTERLEAVE_MS; default one event-loop turn)",
    },
    'patch-conflict': {
      type: 'boolean',
      description:
        'a patchToken overlapping another write to its token gets 409 StatusConflictErrorRep, rule E7 (env REF_PATCH_CONFLICT=1; default: writes queue)',
    },
    fault: { type: 'string', value: '<id>', description: 'inject one named fault (env REF_FAULT); see --list-faults' },
    'served-spec': {
      type: 'string',
      value: '<file|none>',
      description: 'what GET /api/v2/openapi.json serves (env REF_SERVED_SPEC; default the vendored spec)',
    },
    'list-faults': { type: 'boolean', description: 'print the fault catalogue and exit' },
  },
  notes: [
    'The admin token is read from env REF_ADMIN_TOKEN (never a flag: flags show up in process lists);',
    "when absent one is generated and printed. The second member's admin token (LD_OTHER_MEMBER_TOKEN",
    'for the suite) likewise from env REF_OTHER_MEMBER_TOKEN.',
  ],
});

export type ServeCommand =
  | { kind: 'help' }
  | { kind: 'list-faults' }
  | { kind: 'serve'; options: ReferenceServerOptions; adminTokenFromEnv: boolean; otherMemberTokenFromEnv: boolean };

type ValueFlag = Exclude<keyof typeof SERVE_FLAGS.flags, 'list-faults' | 'patch-conflict'>;

const FLAG_ENV: Record<ValueFlag, string> = {
  port: 'REF_PORT',
  'rate-limit': 'REF_RATE_LIMIT',
  'rate-limit-every': 'REF_RATE_LIMIT_EVERY',
  'retry-after-scale': 'REF_RETRY_AFTER_SCALE',
  'latency-ms': 'REF_LATENCY_MS',
  'latency-jitter-ms': 'REF_LATENCY_JITTER_MS',
  'clock-skew-ms': 'REF_CLOCK_SKEW_MS',
  'admin-default-api-version': 'REF_ADMIN_DEFAULT_API_VERSION',
  'interleave-ms': 'REF_INTERLEAVE_MS',
  fault: 'REF_FAULT',
  'served-spec': 'REF_SERVED_SPEC',
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

export function parseRateLimit(text: string, source: string): { max: number; windowMs: number } {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const max = Number(m?.[1]);
  const windowMs = Number(m?.[2]) * (UNIT_MS[m?.[3] ?? 'ms'] ?? 1);
  if (!m || max < 1 || !(windowMs >= 1))
    throw new UsageError(`${source}: "${text}" is not a rate limit like 50/10s (max >= 1 requests per window)`);
  return { max, windowMs };
}

/** `9/1s`: every 9th request is answered 429, its reset 1 s ahead. */
export function parseRateLimitEvery(text: string, source: string): { every: number; resetMs: number } {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const every = Number(m?.[1]);
  const resetMs = Number(m?.[2]) * (UNIT_MS[m?.[3] ?? 'ms'] ?? 1);
  if (!m || every < 2 || !(resetMs >= 0))
    throw new UsageError(`${source}: "${text}" is not like 9/1s (every n-th request answered 429, n >= 2, reset that far ahead)`);
  return { every, resetMs };
}

/** Flags win over environment variables; empty environment values count as unset. */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeCommand {
  const { help, values: flags } = parseFlags(SERVE_FLAGS, argv);
  if (help) return { kind: 'help' };
  if (flags['list-faults']) return { kind: 'list-faults' };
  const get = (flag: ValueFlag): { text: string; source: string } | undefined => {
    const fromFlag = flags[flag];
    if (fromFlag !== undefined) return { text: fromFlag, source: `--${flag}` };
    const fromEnv = env[FLAG_ENV[flag]];
    return fromEnv !== undefined && fromEnv !== '' ? { text: fromEnv, source: FLAG_ENV[flag] } : undefined;
  };

  const options: ReferenceServerOptions = {};
  const port = get('port');
  if (port) {
    if (!/^\d+$/.test(port.text.trim())) throw new UsageError(`${port.source}: "${port.text}" is not an integer >= 0`);
    if (Number(port.text) > 65535) throw new UsageError(`${port.source}: "${port.text}" is not a port (0..65535)`);
    options.port = Number(port.text);
  }
  const rate = get('rate-limit');
  if (rate) options.rateLimit = parseRateLimit(rate.text, rate.source);
  const every = get('rate-limit-every');
  if (every) {
    if (rate) throw new UsageError(`${every.source} and ${rate.source} exclude each other: pick one`);
    options.rateLimitEvery = parseRateLimitEvery(every.text, every.source);
  }
  const scale = get('retry-after-scale');
  if (scale) options.retryAfterScale = readInteger(scale.text, scale.source, { min: 1 });
  const latency = get('latency-ms');
  if (latency) options.latencyMs = readInteger(latency.text, latency.source, { min: 0 });
  const jitter = get('latency-jitter-ms');
  if (jitter) options.latencyJitterMs = readInteger(jitter.text, jitter.source, { min: 0 });
  const skew = get('clock-skew-ms');
  if (skew) options.clockSkewMs = readInteger(skew.text, skew.source, { min: Number.MIN_SAFE_INTEGER });
  const version = get('admin-default-api-version');
  if (version) {
    if (!KNOWN_API_VERSIONS.includes(Number(version.text.trim())) || !/^\d{8}$/.test(version.text.trim()))
      throw new UsageError(`${version.source}: "${version.text}" is not a documented API version (${KNOWN_API_VERSIONS.join(', ')})`);
    options.adminDefaultApiVersion = Number(version.text.trim());
  }
  const interleave = get('interleave-ms');
  if (interleave) options.interleaveMs = readInteger(interleave.text, interleave.source, { min: 0 });
  const conflictEnv = env.REF_PATCH_CONFLICT;
  if (conflictEnv !== undefined && conflictEnv !== '' && conflictEnv !== '0' && conflictEnv !== '1')
    throw new UsageError(`REF_PATCH_CONFLICT: "${conflictEnv}" is not 0 or 1`);
  if (flags['patch-conflict'] || conflictEnv === '1') options.patchConflict = true;
  const fault = get('fault');
  if (fault) {
    if (!isFaultId(fault.text)) throw new UsageError(`${fault.source}: unknown fault id "${fault.text}" (see --list-faults)`);
    options.fault = fault.text satisfies FaultId;
  }
  const served = get('served-spec');
  if (served) options.servedSpecFile = served.text === 'none' ? null : path.resolve(served.text);
  const adminToken = env.REF_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken !== '') {
    if (adminToken.length < 8) throw new UsageError('REF_ADMIN_TOKEN must be at least 8 characters');
    options.adminToken = adminToken;
  }
  const otherMemberToken = env.REF_OTHER_MEMBER_TOKEN;
  if (otherMemberToken !== undefined && otherMemberToken !== '') {
    if (otherMemberToken.length < 8) throw new UsageError('REF_OTHER_MEMBER_TOKEN must be at least 8 characters');
    if (otherMemberToken === options.adminToken) throw new UsageError('REF_OTHER_MEMBER_TOKEN must differ from REF_ADMIN_TOKEN');
    options.otherMemberToken = otherMemberToken;
  }
  return {
    kind: 'serve',
    options,
    adminTokenFromEnv: options.adminToken !== undefined,
    otherMemberTokenFromEnv: options.otherMemberToken !== undefined,
  };
}
