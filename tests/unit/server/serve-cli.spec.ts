import { spawn } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { UsageError } from '../../../src/cli/parse-flags';
import { parseServeArgs, type ServeCommand } from '../../../src/server/cli-args';

const REPO = path.resolve(__dirname, '../../..');

test.describe('parseServeArgs', () => {
  const good: { given: string; argv: string[]; env?: Record<string, string>; want: ServeCommand }[] = [
    { given: 'nothing', argv: [], want: { kind: 'serve', options: {}, adminTokenFromEnv: false, otherMemberTokenFromEnv: false } },
    {
      given: 'every flag',
      argv: [
        '--port',
        '4010',
        '--rate-limit',
        '50/10s',
        '--latency-ms',
        '100',
        '--latency-jitter-ms',
        '20',
        '--clock-skew-ms',
        '-3600000',
        '--fault',
        'patch-ignored',
      ],
      want: {
        kind: 'serve',
        adminTokenFromEnv: false,
        otherMemberTokenFromEnv: false,
        options: {
          port: 4010,
          rateLimit: { max: 50, windowMs: 10_000 },
          latencyMs: 100,
          latencyJitterMs: 20,
          clockSkewMs: -3_600_000,
          fault: 'patch-ignored',
        },
      },
    },
    {
      given: '--flag=value form',
      argv: ['--rate-limit=5/500ms'],
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { rateLimit: { max: 5, windowMs: 500 } } },
    },
    {
      given: 'every n-th request a 429, and a scaled Retry-After',
      argv: ['--rate-limit-every', '9/1s', '--retry-after-scale', '1000'],
      want: {
        kind: 'serve',
        adminTokenFromEnv: false,
        otherMemberTokenFromEnv: false,
        options: { rateLimitEvery: { every: 9, resetMs: 1000 }, retryAfterScale: 1000 },
      },
    },
    {
      given: 'every n-th request a 429 from the environment',
      argv: [],
      env: { REF_RATE_LIMIT_EVERY: '4/250ms', REF_RETRY_AFTER_SCALE: '2' },
      want: {
        kind: 'serve',
        adminTokenFromEnv: false,
        otherMemberTokenFromEnv: false,
        options: { rateLimitEvery: { every: 4, resetMs: 250 }, retryAfterScale: 2 },
      },
    },
    {
      given: 'minutes',
      argv: ['--rate-limit', '100/1m'],
      want: {
        kind: 'serve',
        adminTokenFromEnv: false,
        otherMemberTokenFromEnv: false,
        options: { rateLimit: { max: 100, windowMs: 60_000 } },
      },
    },
    {
      given: 'environment variables',
      argv: [],
      env: {
        REF_PORT: '5000',
        REF_RATE_LIMIT: '3/2s',
        REF_LATENCY_MS: '7',
        REF_FAULT: 'get-token-hangs',
        REF_ADMIN_TOKEN: 'api-given-secret',
        REF_CLOCK_SKEW_MS: '60000',
      },
      want: {
        kind: 'serve',
        adminTokenFromEnv: true,
        otherMemberTokenFromEnv: false,
        options: {
          port: 5000,
          rateLimit: { max: 3, windowMs: 2000 },
          latencyMs: 7,
          fault: 'get-token-hangs',
          adminToken: 'api-given-secret',
          clockSkewMs: 60_000,
        },
      },
    },
    {
      given: 'empty environment values (as playwright.config passes them)',
      argv: [],
      env: { REF_PORT: '', REF_ADMIN_TOKEN: '' },
      want: { kind: 'serve', options: {}, adminTokenFromEnv: false, otherMemberTokenFromEnv: false },
    },
    {
      given: "the second member's admin token from the environment",
      argv: [],
      env: { REF_OTHER_MEMBER_TOKEN: 'api-other-member-secret' },
      want: {
        kind: 'serve',
        adminTokenFromEnv: false,
        otherMemberTokenFromEnv: true,
        options: { otherMemberToken: 'api-other-member-secret' },
      },
    },
    {
      given: 'a flag beats the environment',
      argv: ['--port', '6000'],
      env: { REF_PORT: '5000' },
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { port: 6000 } },
    },
    {
      given: 'overlapping writes: a wider round trip and 409 on overlapping patches, by flag',
      argv: ['--interleave-ms', '40', '--patch-conflict'],
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { interleaveMs: 40, patchConflict: true } },
    },
    {
      given: 'overlapping writes, by environment',
      argv: [],
      env: { REF_INTERLEAVE_MS: '5', REF_PATCH_CONFLICT: '1' },
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { interleaveMs: 5, patchConflict: true } },
    },
    {
      given: 'REF_PATCH_CONFLICT=0',
      argv: [],
      env: { REF_PATCH_CONFLICT: '0' },
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: {} },
    },
    { given: '--list-faults', argv: ['--list-faults'], want: { kind: 'list-faults' } },
    { given: '--help', argv: ['--help'], want: { kind: 'help' } },
    {
      given: 'an older default API version for the admin token, by flag',
      argv: ['--admin-default-api-version', '20220603'],
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { adminDefaultApiVersion: 20220603 } },
    },
    {
      given: 'an older default API version for the admin token, by environment',
      argv: [],
      env: { REF_ADMIN_DEFAULT_API_VERSION: '20210729' },
      want: { kind: 'serve', adminTokenFromEnv: false, otherMemberTokenFromEnv: false, options: { adminDefaultApiVersion: 20210729 } },
    },
  ];
  for (const row of good) {
    test(row.given, () => {
      expect(parseServeArgs(row.argv, row.env ?? {})).toEqual(row.want);
    });
  }

  const bad: { given: string; argv: string[]; env?: Record<string, string>; want: string }[] = [
    { given: 'an unknown flag', argv: ['--bogus'], want: 'unknown argument "--bogus"' },
    { given: 'a bad rate limit', argv: ['--rate-limit', 'abc'], want: '--rate-limit: "abc" is not a rate limit' },
    { given: 'a zero rate limit', argv: ['--rate-limit', '0/10s'], want: 'is not a rate limit' },
    { given: 'every request a 429', argv: ['--rate-limit-every', '1/1s'], want: '--rate-limit-every: "1/1s" is not like 9/1s' },
    { given: 'both kinds of rate limit', argv: ['--rate-limit', '5/1s', '--rate-limit-every', '9/1s'], want: 'exclude each other' },
    { given: 'a zero Retry-After scale', argv: ['--retry-after-scale', '0'], want: '--retry-after-scale: "0" is not an integer >= 1' },
    { given: 'a missing value', argv: ['--port'], want: '--port needs a value' },
    { given: 'a flag as a value', argv: ['--fault', '--port'], want: '--fault needs a value' },
    { given: 'a non-numeric port', argv: ['--port', 'http'], want: '--port: "http" is not an integer' },
    { given: 'a port out of range', argv: ['--port', '70000'], want: 'is not a port' },
    { given: 'a negative latency', argv: ['--latency-ms', '-5'], want: 'is not an integer >= 0' },
    { given: 'an unknown fault', argv: ['--fault', 'nope'], want: 'unknown fault id "nope"' },
    { given: 'a negative round trip', argv: ['--interleave-ms', '-1'], want: '--interleave-ms: "-1" is not an integer >= 0' },
    {
      given: 'a patch-conflict switch that is not 0 or 1',
      argv: [],
      env: { REF_PATCH_CONFLICT: 'yes' },
      want: 'REF_PATCH_CONFLICT: "yes" is not 0 or 1',
    },
    { given: 'an unknown fault in the environment', argv: [], env: { REF_FAULT: 'nope' }, want: 'REF_FAULT: unknown fault id' },
    { given: 'a bad rate limit in the environment', argv: [], env: { REF_RATE_LIMIT: 'fast' }, want: 'REF_RATE_LIMIT: "fast"' },
    {
      given: 'an admin default API version that is no documented version',
      argv: ['--admin-default-api-version', '20230101'],
      want: '--admin-default-api-version: "20230101" is not a documented API version',
    },
    {
      given: 'an admin default API version that is no version in the environment',
      argv: [],
      env: { REF_ADMIN_DEFAULT_API_VERSION: 'beta' },
      want: 'REF_ADMIN_DEFAULT_API_VERSION: "beta" is not a documented API version',
    },
    { given: 'a too short admin token', argv: [], env: { REF_ADMIN_TOKEN: 'abc' }, want: 'REF_ADMIN_TOKEN must be at least 8 characters' },
    {
      given: "a too short other member's token",
      argv: [],
      env: { REF_OTHER_MEMBER_TOKEN: 'abc' },
      want: 'REF_OTHER_MEMBER_TOKEN must be at least 8 characters',
    },
    {
      given: "the other member's token equal to the admin token",
      argv: [],
      env: { REF_ADMIN_TOKEN: 'api-same-secret', REF_OTHER_MEMBER_TOKEN: 'api-same-secret' },
      want: 'REF_OTHER_MEMBER_TOKEN must differ from REF_ADMIN_TOKEN',
    },
  ];
  for (const row of bad) {
    test(`refuses ${row.given}`, () => {
      expect(() => parseServeArgs(row.argv, row.env ?? {})).toThrow(UsageError);
      expect(() => parseServeArgs(row.argv, row.env ?? {})).toThrow(row.want);
    });
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run scripts/serve.ts; `whenListening` runs once it prints its URL (then we stop it with SIGTERM). */
function runServe(args: string[], env: Record<string, string>, whenListening?: (url: string) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, REF_PORT: '', REF_FAULT: '', REF_ADMIN_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /listening on (\S+)/.exec(stdout);
      if (m?.[1] && whenListening && !started) {
        started = true;
        whenListening(m[1]).then(
          () => child.kill('SIGTERM'),
          (e: unknown) => {
            child.kill('SIGKILL');
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test.describe('scripts/serve.ts', () => {
  test('bad flags: one error line + usage, exit 2, no stack trace', async () => {
    for (const args of [['--rate-limit', 'abc'], ['--bogus'], ['--fault', 'nope']]) {
      const run = await runServe(args, {});
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^serve: /);
      expect(run.stderr).toContain('usage: npm run serve');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('serves, hides an admin token given via the environment, stops on SIGTERM', async () => {
    const secret = 'api-from-env-0123456789';
    const run = await runServe(['--port', '0'], { REF_ADMIN_TOKEN: secret }, async (url) => {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const list = await fetch(`${url}/api/v2/tokens`, { headers: { Authorization: secret } });
      expect(list.status).toBe(200);
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('admin token: (from REF_ADMIN_TOKEN)');
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  test('prints a generated admin token, and the fault banner on stderr', async () => {
    const run = await runServe(['--fault', 'patch-ignored'], {}, async () => Promise.resolve());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/admin token: api-[0-9a-f-]{36}/);
    expect(run.stderr).toContain('!!! FAULT INJECTED: patch-ignored');
  });

  test('--list-faults prints the catalogue', async () => {
    const run = await runServe(['--list-faults'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('get-token-hangs');
    expect(run.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(32);
  });
});
