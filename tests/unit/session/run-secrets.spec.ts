import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { ApiResult } from '../../../src/client/api-client';
import type { OperationId } from '../../../src/domain/operations';
import { appendSecret, createSecretStore, removeSecretStore, SecretStoreTail } from '../../../src/secrets/secret-store';
import { RunSecrets } from '../../../src/session/run-secrets';

/** Rule H3's input: which secrets a session knows before each response, and when it learns a new one. */

const CONFIGURED = 'api-configured-0000-4000-8000-00000000c0de';

function result(operationId: OperationId, status: number, body: unknown): ApiResult {
  const bodyText = JSON.stringify(body);
  return {
    operationId,
    status,
    headers: {},
    bodyText,
    json: () => body,
    exchange: {
      operationId,
      request: { method: 'GET', url: 'http://x/api/v2/tokens', headers: {} },
      response: { status, headers: {}, bodyText },
    },
    waits: [],
    serverDate: null,
    durationMs: 1,
  };
}

const values = (secrets: RunSecrets): string[] => secrets.known().map((s) => `${s.kind}:${s.value}`);

const rows: { given: { op: OperationId; status: number; token: string }; want: string[] }[] = [
  { given: { op: 'postToken', status: 201, token: 'api-new-one-0001' }, want: [`configured:${CONFIGURED}`, 'issued:api-new-one-0001'] },
  { given: { op: 'resetToken', status: 200, token: 'api-new-two-0002' }, want: [`configured:${CONFIGURED}`, 'reset:api-new-two-0002'] },
  // Only an issuing operation's success issues; four characters are what reads show.
  { given: { op: 'postToken', status: 400, token: 'api-not-issued-03' }, want: [`configured:${CONFIGURED}`] },
  { given: { op: 'getToken', status: 200, token: 'api-not-issued-04' }, want: [`configured:${CONFIGURED}`] },
  { given: { op: 'postToken', status: 201, token: '0005' }, want: [`configured:${CONFIGURED}`] },
];

for (const { given, want } of rows) {
  test(`learns after judging: ${given.op} ${given.status} → ${want.length - 1} new`, () => {
    const secrets = new RunSecrets(CONFIGURED, null);
    // Before the response: only the configured token (the secret this response issues is no hit in itself).
    expect(values(secrets)).toEqual([`configured:${CONFIGURED}`]);
    secrets.learn(result(given.op, given.status, { token: given.token }));
    expect(values(secrets)).toEqual(want);
  });
}

test("another worker's secrets come from the run's store, read as it grows (a half-written line waits)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'run-secrets-'));
  const dir = createSecretStore('unit', tmp);
  try {
    const secrets = new RunSecrets(CONFIGURED, dir);
    appendSecret(dir, 'issued', 'api-other-worker-01');
    // Not yet: the store is read when the session learns (after a judgement), never in the middle of one.
    expect(values(secrets)).toEqual([`configured:${CONFIGURED}`]);
    secrets.learn(result('getTokens', 200, { items: [] }));
    expect(values(secrets)).toEqual([`configured:${CONFIGURED}`, 'issued:api-other-worker-01']);

    const tail = new SecretStoreTail(dir);
    fs.appendFileSync(path.join(dir, 'secrets.jsonl'), '{"kind":"reset","secret":"api-half');
    expect(tail.secrets().map((s) => s.secret)).toEqual(['api-other-worker-01']);
    fs.appendFileSync(path.join(dir, 'secrets.jsonl'), '-written-02"}\n');
    expect(tail.secrets()).toEqual([
      { kind: 'issued', secret: 'api-other-worker-01' },
      { kind: 'reset', secret: 'api-half-written-02' },
    ]);
  } finally {
    removeSecretStore(dir);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
