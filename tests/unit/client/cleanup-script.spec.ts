import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { ApiClient } from '../../../src/client/api-client';
import { startReferenceServer, type RunningReferenceServer } from '../../../src/server';
import { makeConfig } from './stub-server';

const run = promisify(execFile);
// Each case starts scripts/cleanup.ts in a fresh tsx process (≈1 s idle, several seconds on a busy
// 2-core machine); five of them in one test outgrew the default 30 s under load once.
test.describe.configure({ timeout: 90_000 });
const REPO = path.resolve(__dirname, '../../..');

async function cleanup(
  server: RunningReferenceServer,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LD_BASE_URL: server.url, LD_ACCESS_TOKEN: server.adminToken, ...extraEnv };
  delete env.LD_RUN_PREFIX;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/cleanup.ts', ...args], { cwd: REPO, env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('scripts/cleanup.ts judges age by the SERVER clock, honours --dry-run and never touches unprefixed names', async () => {
  // The server's clock runs two hours behind the client's: by the local clock every token looks 2 h old.
  const server = await startReferenceServer({ clockSkewMs: -2 * 3_600_000, log: () => undefined });
  const context = await playwrightRequest.newContext();
  try {
    const client = new ApiClient({ request: context, config: makeConfig(server.url, { accessToken: server.adminToken }) });
    const ids: Record<string, string> = {};
    for (const name of ['ldct-old-a', 'ldct-old-b', 'ldctx-not-ours', 'production reader']) {
      const created = await client.send('postToken', { body: { name, role: 'reader' } });
      expect(created.status).toBe(201);
      ids[name] = (created.json() as { _id: string })._id;
    }
    const stillThere = async (name: string): Promise<boolean> => (await client.send('getToken', { id: ids[name] ?? '' })).status === 200;

    const young = await cleanup(server, ['--older-than', '1h']);
    expect(young.code).toBe(0);
    expect(young.out).toContain('2 named ldct-…, 0 older than 60m by the server clock');
    expect(await stillThere('ldct-old-a')).toBe(true);

    const dry = await cleanup(server, ['--prefix', 'ldct', '--older-than', '0s', '--dry-run']);
    expect(dry.out).toMatch(/would delete \S+ ldct-old-a/);
    expect(dry.out).toContain('cleanup: dry run: would delete 2, kept 0 younger');
    expect(await stillThere('ldct-old-a')).toBe(true);

    const real = await cleanup(server, ['--prefix', 'ldct', '--older-than', '0s']);
    expect(real.code).toBe(0);
    expect(real.out).toContain('cleanup: deleted 2, failed 0, kept 0 younger');
    expect([
      await stillThere('ldct-old-a'),
      await stillThere('ldct-old-b'),
      await stillThere('ldctx-not-ours'),
      await stillThere('production reader'),
    ]).toEqual([false, false, true, true]);
    expect(real.out).not.toContain(server.adminToken);
  } finally {
    await context.dispose();
    await server.close();
  }
});

test('scripts/cleanup.ts: bad flags, bad config and production exit 2 with one clear line', async () => {
  const server = await startReferenceServer({ log: () => undefined });
  try {
    const rows: { given: string[]; env?: Record<string, string>; want: RegExp }[] = [
      { given: [], want: /^cleanup: --older-than is required/ },
      { given: ['--older-than', 'two hours'], want: /^cleanup: --older-than "two hours" is not a duration/ },
      { given: ['--older-than', '1h', '--yes'], want: /^cleanup: unknown argument "--yes"/ },
      { given: ['--older-than', '1h'], env: { LD_ACCESS_TOKEN: 'sdk-abc-def' }, want: /this is an SDK key/ },
      {
        given: ['--older-than', '1h'],
        env: { LD_BASE_URL: 'https://app.launchdarkly.com' },
        want: /^cleanup: refusing to delete tokens on production host app\.launchdarkly\.com: set LD_ALLOW_PRODUCTION=1, or add --dry-run/,
      },
    ];
    for (const { given, env, want } of rows) {
      const result = await cleanup(server, given, env);
      expect(result.code, given.join(' ')).toBe(2);
      expect(result.out, given.join(' ')).toMatch(want);
    }
  } finally {
    await server.close();
  }
});
