import { expect, test } from '@playwright/test';
import { AccessTokensApi, Configuration, type Token } from 'launchdarkly-api-typescript';
import { validateComponent } from '../../src/contract';
import { startReferenceServer, type RunningReferenceServer } from '../../src/server';
import { assertProvingValue } from '../support/field-defaults';
import { startRecordingProxy, type RecordingProxy } from './support/recording-proxy';

/**
 * LaunchDarkly's own TypeScript client (npm `launchdarkly-api-typescript`, generated from the same API
 * description) against the embedded reference server: create → read → list → patch → reset → delete. Each
 * answer is what the client hands its caller, so this proves the server speaks the API the way the official
 * client expects; each body is also judged against the spec's schemas. A recording proxy in between shows
 * what the client really sent (specs/clients.md: no body and no Content-Type on reads, reset and delete).
 */

const RULES = { annotation: ['C1', 'C2', 'D1', 'D2', 'E1', 'G1', 'G2', 'F1'].map((id) => ({ type: 'rule', description: id })) };

let server: RunningReferenceServer;
let proxy: RecordingProxy;

test.beforeAll(async () => {
  server = await startReferenceServer({ log: () => undefined });
  proxy = await startRecordingProxy(server.url);
});

test.afterAll(async () => {
  await proxy.close();
  await server.close();
});

function client(apiKey: string): AccessTokensApi {
  return new AccessTokensApi(new Configuration({ apiKey, basePath: proxy.url }));
}

function expectSchema(component: string, body: unknown, what: string): void {
  expect(validateComponent(component, body), `${what}: the body matches the spec's ${component}`).toEqual([]);
}

/** The status of a call the client rejects (axios throws on 4xx), or 'resolved'. */
async function statusOfRejection(call: Promise<unknown>): Promise<number | 'resolved'> {
  try {
    await call;
    return 'resolved';
  } catch (error) {
    const status = (error as { response?: { status?: unknown } }).response?.status;
    return typeof status === 'number' ? status : -1;
  }
}

test('launchdarkly-api-typescript drives the reference server: create, read, list, patch, reset, delete', RULES, async () => {
  const admin = client(server.adminToken);
  const name = `official-client-${Date.now().toString(36)}`;
  const defaultApiVersion = 20191212;
  assertProvingValue('role', 'writer', 'official client create');
  assertProvingValue('defaultApiVersion', defaultApiVersion, 'official client create');

  const created = await admin.postToken({ name, role: 'writer', defaultApiVersion });
  expect(created.status, 'postToken').toBe(201);
  expectSchema('Token', created.data, 'postToken 201');
  const token: Token = created.data;
  expect({ name: token.name, role: token.role, defaultApiVersion: token.defaultApiVersion }, 'postToken echoes what it was sent').toEqual({
    name,
    role: 'writer',
    defaultApiVersion,
  });
  const firstSecret = token.token ?? '';
  expect(firstSecret.length, 'postToken returns the whole secret').toBeGreaterThan(4);

  const read = await client(firstSecret).getToken(token._id);
  expect(read.status, 'getToken with the new secret').toBe(200);
  expectSchema('Token', read.data, 'getToken 200');
  expect(read.data.token, 'getToken shows only the last four characters').toBe(firstSecret.slice(-4));

  const listed = await admin.getTokens(undefined, 5, 0);
  expect(listed.status, 'getTokens').toBe(200);
  expectSchema('Tokens', listed.data, 'getTokens 200');
  expect(listed.data.items?.length ?? 0, 'limit 5 caps the page').toBeLessThanOrEqual(5);
  const ids: string[] = [];
  for (let offset = 0; offset < 200; offset += 5) {
    const page = (await admin.getTokens(undefined, 5, offset)).data.items ?? [];
    ids.push(...page.map((item) => item._id));
    if (page.length < 5) break;
  }
  expect(ids, 'the new token is on a page of the list').toContain(token._id);

  const description = `patched through the official client ${Date.now()}`;
  const patched = await admin.patchToken(token._id, [{ op: 'replace', path: '/description', value: description }]);
  expect(patched.status, 'patchToken').toBe(200);
  expectSchema('Token', patched.data, 'patchToken 200');
  expect(patched.data.description, 'patchToken 200 shows the change').toBe(description);
  expect((await admin.getToken(token._id)).data.description, 'getToken after the patch').toBe(description);

  const reset = await admin.resetToken(token._id);
  expect(reset.status, 'resetToken').toBe(200);
  expectSchema('Token', reset.data, 'resetToken 200');
  const newSecret = reset.data.token ?? '';
  expect(reset.data._id, 'resetToken keeps the _id').toBe(token._id);
  expect(newSecret.length > 4 && newSecret !== firstSecret, 'resetToken returns a new whole secret').toBe(true);
  expect((await client(newSecret).getToken(token._id)).status, 'the new secret authenticates').toBe(200);
  expect(await statusOfRejection(client(firstSecret).getToken(token._id)), 'the old secret, reset without expiry').toBe(401);

  const deleted = await admin.deleteToken(token._id);
  expect(deleted.status, 'deleteToken').toBe(204);
  expect(await statusOfRejection(admin.getToken(token._id)), 'getToken after deleteToken').toBe(404);

  // What the client put on the wire (specs/clients.md). Bodies only on create and patch; the Content-Type
  // of the body-less reset is axios' choice (application/x-www-form-urlencoded in axios 1.x), so it is
  // recorded, not pinned: rule A9 asks the server to ignore it either way.
  const sent = proxy.requests.map(
    (r) => `${r.method} ${r.path.split('?')[0]?.replace(token._id, '{id}') ?? ''} ${r.bodyBytes > 0 ? 'body' : 'no-body'}`,
  );
  expect(new Set(sent)).toEqual(
    new Set([
      'POST /api/v2/tokens body',
      'GET /api/v2/tokens/{id} no-body',
      'GET /api/v2/tokens no-body',
      'PATCH /api/v2/tokens/{id} body',
      'POST /api/v2/tokens/{id}/reset no-body',
      'DELETE /api/v2/tokens/{id} no-body',
    ]),
  );
  const bodied = proxy.requests.filter((r) => r.bodyBytes > 0).map((r) => r.contentType);
  expect(bodied, 'create and patch bodies are sent as application/json').toEqual(['application/json', 'application/json']);
  // specs/clients.md "API version": the generated clients send no LD-API-Version (the token's version applies),
  // which is why the suite's replay of this client (clients.spec.ts) sends none either.
  expect(
    proxy.requests.filter((r) => r.apiVersion !== null).map((r) => `${r.method} ${r.path}: ${r.apiVersion ?? ''}`),
    'launchdarkly-api-typescript sends no LD-API-Version header',
  ).toEqual([]);
  expect(proxy.requests.length, 'the client went through the proxy').toBeGreaterThan(0);
  const resetContentType = proxy.requests.find((r) => r.path.endsWith('/reset'))?.contentType ?? '(none)';
  test
    .info()
    .annotations.push({ type: 'note', description: `the client's body-less resetToken carried Content-Type: ${resetContentType}` });
});
