import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parseServeArgs } from '../../../src/server/cli-args';
import { ReferenceServerOptionsError, startReferenceServer, type ReferenceServerOptions } from '../../../src/server';
import { SERVED_SPEC_PATH } from '../../../src/server/served-spec';
import { DEFAULT_SPEC_PATH } from '../../../src/spec/schema-ids';

/** GET /api/v2/openapi.json on the reference server, as LaunchDarkly's API serves its own spec. */

const REPO = path.resolve(__dirname, '../../..');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function fetchSpec(
  options: ReferenceServerOptions,
  init: RequestInit = {},
): Promise<{ status: number; contentType: string | null; bytes: Buffer; allow: string | null }> {
  const server = await startReferenceServer({ log: () => undefined, ...options });
  try {
    const response = await fetch(`${server.url}${SERVED_SPEC_PATH}`, init);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
      allow: response.headers.get('allow'),
    };
  } finally {
    await server.close();
  }
}

test('serves the vendored spec byte for byte, as JSON, without a token', async () => {
  const served = await fetchSpec({});
  expect(served.status).toBe(200);
  expect(served.contentType).toBe('application/json; charset=utf-8');
  expect(sha256(served.bytes)).toBe(sha256(readFileSync(path.join(REPO, DEFAULT_SPEC_PATH))));
});

test('is not rate limited with the API: a spent window still serves the spec', async () => {
  const server = await startReferenceServer({ log: () => undefined, rateLimit: { max: 1, windowMs: 60_000 } });
  try {
    const api = await fetch(`${server.url}/api/v2/tokens`, { headers: { authorization: server.adminToken } });
    const limited = await fetch(`${server.url}/api/v2/tokens`, { headers: { authorization: server.adminToken } });
    const spec = await fetch(`${server.url}${SERVED_SPEC_PATH}`);
    expect([api.status, limited.status, spec.status]).toEqual([200, 429, 200]);
  } finally {
    await server.close();
  }
});

test.describe('what it serves can be swapped, for drift tests', () => {
  let dir = '';
  test.beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'served-spec-'));
  });
  test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('another file', async () => {
    const file = path.join(dir, 'edited.json');
    writeFileSync(file, '{"openapi":"3.0.3","paths":{}}');
    const served = await fetchSpec({ servedSpecFile: file });
    expect(served.status).toBe(200);
    expect(served.bytes.toString()).toBe('{"openapi":"3.0.3","paths":{}}');
  });

  test('no spec at all: 404, as a target that publishes none', async () => {
    const served = await fetchSpec({ servedSpecFile: null });
    expect(served.status).toBe(404);
    expect(JSON.parse(served.bytes.toString())).toEqual({ code: 'not_found', message: 'Unknown route' });
  });

  test('a file that does not exist stops the start', async () => {
    await expect(startReferenceServer({ log: () => undefined, servedSpecFile: path.join(dir, 'nope.json') })).rejects.toThrow(
      ReferenceServerOptionsError,
    );
  });

  test('npm run serve: --served-spec <file|none> and REF_SERVED_SPEC', () => {
    expect(parseServeArgs(['--served-spec', 'none'], {})).toMatchObject({ options: { servedSpecFile: null } });
    expect(parseServeArgs([], { REF_SERVED_SPEC: 'x/edited.json' })).toMatchObject({
      options: { servedSpecFile: path.resolve('x/edited.json') },
    });
    expect(parseServeArgs([], { REF_SERVED_SPEC: '' })).toEqual({
      kind: 'serve',
      options: {},
      adminTokenFromEnv: false,
      otherMemberTokenFromEnv: false,
    });
  });
});

test('other methods: 405 naming GET and HEAD', async () => {
  const served = await fetchSpec({}, { method: 'POST' });
  expect(served.status).toBe(405);
  expect(served.allow).toBe('GET, HEAD');
});
