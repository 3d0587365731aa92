import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runScript } from './cli-runner';
import { copyVendoredSpec, property, schema } from '../../support/spec-mutations';

/** `npm run spec:diff` as a user runs it: exit codes, table, --json, and one-line bad input. */

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'spec-diff-cli-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

function breakingSpec(): string {
  const spec = copyVendoredSpec();
  delete schema(spec, 'Token').properties?.name;
  property(spec, 'Token', 'description').description = 'reworded';
  return JSON.stringify(spec);
}

test('a breaking change: the table names it, exit 1', async () => {
  const result = await runScript('spec-diff.ts', ['--against', write('breaking.json', breakingSpec())]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(1);
  const lines = result.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^SEVERITY\s+OPERATIONS\s+SIDE\s+CHANGE\s+LOCATION\s+OLD → NEW$/);
  expect(lines[1]).toMatch(
    /^BREAKING\s+getTokens,postToken,getToken,patchToken,resetToken\s+response\s+property removed\s+\/components\/schemas\/Token\/properties\/name\s+"name" → \(none\)$/,
  );
  expect(lines[2]).toMatch(/^non-breaking\s+.*text changed\s+\/components\/schemas\/Token\/properties\/description\/description/);
  expect(lines.at(-1)).toMatch(/^1 breaking, 1 non-breaking change\(s\) to the six operations \(BREAKING for clients\)/);
});

test('--json for CI, and only non-breaking changes exit 0', async () => {
  const spec = copyVendoredSpec();
  property(spec, 'Token', 'name').maxLength = 200;
  const result = await runScript('spec-diff.ts', ['--json', '--against', write('tighter.json', JSON.stringify(spec))]);
  expect(result.status).toBe(0);
  const parsed = JSON.parse(result.stdout) as {
    breaking: number;
    nonBreaking: number;
    changes: { kind: string; severity: string; title: string; location: string }[];
  };
  expect(parsed).toMatchObject({ breaking: 0, nonBreaking: 1 });
  expect(parsed.changes).toEqual([
    expect.objectContaining({
      kind: 'constraint-tightened',
      severity: 'non-breaking',
      title: 'constraint tightened',
      location: '/components/schemas/Token/properties/name/maxLength',
    }),
  ]);
});

test('a spec served over HTTP is fetched and compared; the same spec is no change', async () => {
  const body = JSON.stringify(copyVendoredSpec());
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/api/v2/openapi.json' ? body : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await runScript('spec-diff.ts', ['--against', `http://127.0.0.1:${port}/api/v2/openapi.json`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^no changes to the six operations between .*launchdarkly-openapi\.json and http:\/\/127\.0\.0\.1:\d+\/api\/v2\/openapi\.json\n$/,
    );
  } finally {
    server.close();
  }
});

let closedPort = 0;
let servedBase = '';

const badInput: { given: string; args: () => string[]; want: RegExp }[] = [
  { given: 'no --against', args: () => [], want: /^spec:diff: --against <file or URL> is required$/ },
  { given: 'an unknown flag', args: () => ['--against', 'x.json', '--frob'], want: /^spec:diff: unknown argument "--frob"$/ },
  {
    given: 'a missing file',
    args: () => ['--against', path.join(dir, 'nope.json')],
    want: /^spec:diff: .*nope\.json: file does not exist$/,
  },
  {
    given: 'a file that is not JSON',
    args: () => ['--against', write('broken.json', '{"openapi": oops}')],
    want: /^spec:diff: .*broken\.json: (line \d+ column \d+: )?not valid JSON \(/,
  },
  {
    given: 'a Swagger 2.0 file',
    args: () => ['--against', write('swagger.json', '{"swagger":"2.0","paths":{}}')],
    want: /^spec:diff: .*swagger\.json: openapi: expected an OpenAPI 3\.x document, found openapi=undefined$/,
  },
  {
    given: 'an unreachable URL',
    args: () => ['--against', `http://127.0.0.1:${closedPort}/api/v2/openapi.json`, '--timeout-ms', '3000'],
    want: /^spec:diff: http:\/\/127\.0\.0\.1:\d+\/api\/v2\/openapi\.json: unreachable \(ECONNREFUSED\)$/,
  },
  {
    given: 'a URL that answers 404',
    args: () => ['--against', `${servedBase}/missing.json`],
    want: /^spec:diff: http:\/\/127\.0\.0\.1:\d+\/missing\.json: the server answered HTTP 404, not the spec$/,
  },
];

test.describe('bad input: exit 2, one line, no stack trace', () => {
  let server: Server | undefined;
  test.beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    server = createServer((_req, res) => {
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    servedBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => server?.close());

  for (const row of badInput) {
    test(row.given, async () => {
      const result = await runScript('spec-diff.ts', row.args());
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      const [first] = result.stderr.split('\n');
      expect(first).toMatch(row.want);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
