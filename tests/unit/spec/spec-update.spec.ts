import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROVENANCE_FILE, readProvenanceRow, readRecordedSha256 } from '../../../src/spec/provenance';
import { DEFAULT_SPEC_PATH } from '../../../src/spec/schema-ids';
import { checkSchemas, describeDrift } from '../../../src/spec/sync-schemas';
import { REPO_ROOT, runScript } from './cli-runner';
import { copyVendoredSpec, operation, COLLECTION, schema, VENDORED_SPEC_FILE } from '../../support/spec-mutations';

/**
 * `npm run spec:update` in a temporary git repository holding a copy of specs/ and schemas/
 * (`--root`), never the real tree: update to an edited spec, check what moved, update back, and
 * `git status` must be clean — the round trip the issue asks for.
 */

let root = '';
let scratch = '';

function git(...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=test@example.invalid', '-c', 'user.name=test', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function changedFiles(): string[] {
  return git('status', '--porcelain')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

const readme = (): string => readFileSync(path.join(root, PROVENANCE_FILE), 'utf8');
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function editedSpecFile(): string {
  const spec = copyVendoredSpec();
  delete schema(spec, 'Token').properties?.name;
  operation(spec, COLLECTION, 'get').parameters?.push({ name: 'filter', in: 'query', schema: { type: 'string' } });
  const file = path.join(scratch, 'edited.json');
  writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  return file;
}

test.beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'spec-update-root-'));
  scratch = mkdtempSync(path.join(tmpdir(), 'spec-update-input-'));
  mkdirSync(path.join(root, 'specs'));
  cpSync(VENDORED_SPEC_FILE, path.join(root, DEFAULT_SPEC_PATH));
  cpSync(path.join(REPO_ROOT, PROVENANCE_FILE), path.join(root, PROVENANCE_FILE));
  cpSync(path.join(REPO_ROOT, 'schemas'), path.join(root, 'schemas'), { recursive: true });
  // The way back: the vendored file as it is now, from outside the temp repository.
  cpSync(VENDORED_SPEC_FILE, path.join(scratch, 'original.json'));
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'vendored');
});
test.afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

test('update to an edited file and back: git diff is clean; on the way, spec, schemas and provenance moved together', async () => {
  const edited = editedSpecFile();
  const there = await runScript('spec-update.ts', [edited, '--root', root]);
  expect(there.stderr).toBe('');
  expect(there.status).toBe(0);
  expect(there.stdout).toMatch(
    /BREAKING\s+getTokens,postToken,getToken,patchToken,resetToken\s+response\s+property removed\s+\/components\/schemas\/Token\/properties\/name/,
  );
  expect(there.stdout).toMatch(/non-breaking\s+getTokens\s+request\s+optional parameter added/);
  expect(there.stdout).toContain(
    '1 breaking, 1 non-breaking change(s) to the six operations (BREAKING for clients): specs/launchdarkly-openapi.json → ',
  );
  expect(there.stdout).toContain('note: the Source/Commit rows of specs/README.md were kept as they were');

  expect(changedFiles()).toEqual([
    'schemas/components/Token.schema.json',
    'schemas/index.json',
    'schemas/operations/getTokens.json',
    'specs/README.md',
    DEFAULT_SPEC_PATH,
  ]);
  expect(sha256(path.join(root, DEFAULT_SPEC_PATH)), 'the new file is vendored byte for byte').toBe(sha256(edited));
  expect(readRecordedSha256(readme())).toBe(sha256(edited));
  const location = { specFile: path.join(root, DEFAULT_SPEC_PATH), specLabel: DEFAULT_SPEC_PATH, schemasDir: path.join(root, 'schemas') };
  expect(describeDrift(checkSchemas(location), 'schemas')).toEqual([]);

  const back = await runScript('spec-update.ts', [path.join(scratch, 'original.json'), '--root', root]);
  expect(back.status).toBe(0);
  expect(back.stdout).toMatch(/non-breaking\s+getTokens,postToken,getToken,patchToken,resetToken\s+response\s+optional property added/);
  expect(changedFiles(), 'the round trip leaves git diff clean').toEqual([]);
});

test('from a URL: Source and Commit rows say so; back with --source/--commit restores them', async () => {
  const original = { source: readProvenanceRow(readme(), 'Source'), commit: readProvenanceRow(readme(), 'Commit') };
  const body = readFileSync(editedSpecFile());
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/openapi.json`;
    const there = await runScript('spec-update.ts', [url, '--root', root]);
    expect(there.status, there.stderr).toBe(0);
    expect(readProvenanceRow(readme(), 'Source')).toBe(url);
    expect(readProvenanceRow(readme(), 'Commit')).toMatch(/^none: downloaded \d{4}-\d{2}-\d{2} by npm run spec:update$/);
  } finally {
    server.close();
  }
  const back = await runScript('spec-update.ts', [
    path.join(scratch, 'original.json'),
    '--root',
    root,
    '--source',
    original.source,
    '--commit',
    original.commit,
  ]);
  expect(back.status, back.stderr).toBe(0);
  expect(back.stdout).not.toContain('note: the Source/Commit rows');
  expect(changedFiles()).toEqual([]);
});

const badInput: { given: string; content: () => string; want: RegExp }[] = [
  {
    given: 'a Swagger 2.0 file',
    content: () => '{"swagger":"2.0","paths":{}}',
    want: /^spec:update: .*new\.json: openapi: expected an OpenAPI 3\.x document/,
  },
  {
    given: 'an OpenAPI 3.1 file (the generator speaks 3.0)',
    content: () => '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}',
    want: /^spec:update: .*new\.json: openapi: expected an OpenAPI 3\.0\.x document, found openapi="3\.1\.0"$/,
  },
  {
    given: 'a spec without one of the six operations',
    content: () => {
      const spec = copyVendoredSpec();
      delete spec.paths['/api/v2/tokens/{id}/reset'];
      return JSON.stringify(spec);
    },
    want: /^spec:update: .*new\.json: paths: no operation has operationId "resetToken"$/,
  },
];

test.describe('bad input: exit 2, one line, and nothing written', () => {
  for (const row of badInput) {
    test(row.given, async () => {
      const file = path.join(scratch, 'new.json');
      writeFileSync(file, row.content());
      const result = await runScript('spec-update.ts', [file, '--root', root]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toMatch(row.want);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(changedFiles()).toEqual([]);
    });
  }

  test('no file named', async () => {
    const result = await runScript('spec-update.ts', ['--root', root]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('spec:update: the new spec (a file or URL) is required');
  });
});
