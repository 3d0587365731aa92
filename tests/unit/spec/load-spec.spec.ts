import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { generateSchemaFiles } from '../../../src/spec/generate-schemas';
import { loadSpec } from '../../../src/spec/load-spec';
import { OPERATION_IDS } from '../../../src/domain/operations';
import { describeFormat, PROVENANCE_FILE, readProvenanceRow, readRecordedSha256 } from '../../../src/spec/provenance';
import { DEFAULT_SPEC_PATH } from '../../../src/spec/schema-ids';
import { SpecError } from '../../../src/spec/spec-error';
import { REPO_ROOT, runSchemasCli } from './cli-runner';

/** A minimal valid spec with the six operations, to break one piece at a time. */
function minimalSpec(): Record<string, unknown> {
  const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } } } };
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/api/v2/tokens': { get: { operationId: 'getTokens', responses: ok }, post: { operationId: 'postToken', responses: ok } },
      '/api/v2/tokens/{id}': {
        get: { operationId: 'getToken', responses: ok },
        patch: { operationId: 'patchToken', responses: ok },
        delete: { operationId: 'deleteToken', responses: { '204': { description: 'gone' } } },
      },
      '/api/v2/tokens/{id}/reset': { post: { operationId: 'resetToken', responses: ok } },
    },
    components: { schemas: { Token: { type: 'object', properties: { _id: { type: 'string' } } } } },
  };
}

let dir = '';
test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'spec-input-'));
});
test.afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeSpec(content: string): string {
  const file = path.join(dir, 'spec.json');
  writeFileSync(file, content);
  return file;
}

function generateFrom(file: string): void {
  generateSchemaFiles(loadSpec(file), OPERATION_IDS, { specLabel: 'spec.json' });
}

test('the minimal spec itself generates (so the rows below fail for their own reason)', () => {
  expect(() => generateFrom(writeSpec(JSON.stringify(minimalSpec())))).not.toThrow();
});

const rows: { name: string; given: (spec: Record<string, unknown>) => string | null; want: RegExp }[] = [
  { name: 'a file that does not exist', given: () => null, want: /missing\.json: file does not exist$/ },
  {
    name: 'a file that is not JSON',
    given: () => '{\n  "openapi": "3.0.3",\n  oops\n}',
    want: /spec\.json: line 3 column 3: not valid JSON \(/,
  },
  { name: 'a JSON array', given: () => '[]', want: /spec\.json: expected a JSON object at the top level/ },
  {
    name: 'a Swagger 2.0 file',
    given: () => '{"swagger":"2.0","paths":{}}',
    want: /spec\.json: openapi: expected an OpenAPI 3\.0\.x document/,
  },
  {
    name: 'a spec lacking an operationId',
    given: (spec) => {
      const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
      delete paths['/api/v2/tokens/{id}/reset']?.post?.operationId;
      return JSON.stringify(spec);
    },
    want: /spec\.json: paths: no operation has operationId "resetToken"/,
  },
  {
    name: 'an operationId used twice',
    given: (spec) => {
      const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
      const post = paths['/api/v2/tokens']?.post;
      if (post) post.operationId = 'getTokens';
      return JSON.stringify(spec);
    },
    want: /spec\.json: paths\["\/api\/v2\/tokens"\]\.post: operationId "getTokens" is also used at paths\["\/api\/v2\/tokens"\]\.get/,
  },
  {
    name: 'a $ref to a schema that does not exist',
    given: (spec) => JSON.stringify(spec).replace('"#/components/schemas/Token"', '"#/components/schemas/Tokenn"'),
    want: /spec\.json: paths\["\/api\/v2\/tokens"\]\.get\.responses\.200\.content\.application\/json\.schema: \$ref "#\/components\/schemas\/Tokenn" names no schema/,
  },
  {
    name: 'a schema keyword the converter does not know',
    given: (spec) => JSON.stringify(spec).replace('"_id":{"type":"string"}', '"_id":{"type":"string","contentEncoding":"base64"}'),
    want: /spec\.json: components\.schemas\.Token\.properties\._id\.contentEncoding: unsupported schema keyword "contentEncoding"/,
  },
];

test.describe('bad input is a one-line SpecError naming the file and the place', () => {
  for (const { name, given, want } of rows) {
    test(name, () => {
      const content = given(minimalSpec());
      const file = content === null ? path.join(dir, 'missing.json') : writeSpec(content);
      let caught: unknown;
      try {
        generateFrom(file);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SpecError);
      const message = (caught as SpecError).message;
      expect(message).toMatch(want);
      expect(message).toContain(file);
      expect(message).not.toContain('\n');
    });
  }
});

test('the CLI turns bad input into exit code 2 and one line, no stack trace', () => {
  const missing = runSchemasCli(['--check', '--spec', path.join(dir, 'nope.json'), '--out', dir]);
  expect(missing.status).toBe(2);
  expect(missing.stderr.trim()).toBe(`schemas: ${path.join(dir, 'nope.json')}: file does not exist`);

  const broken = runSchemasCli(['--spec', writeSpec('{"openapi": "3.0.3", "paths": {'), '--out', dir]);
  expect(broken.status).toBe(2);
  expect(broken.stderr.trim().split('\n')).toHaveLength(1);
  expect(broken.stderr).toMatch(/^schemas: .*spec\.json: line 1 column \d+: not valid JSON/);
  expect(broken.stderr).not.toMatch(/\n\s+at /);

  const usage = runSchemasCli(['--frobnicate']);
  expect(usage.status).toBe(2);
  expect(usage.stderr.split('\n')[0]).toBe('schemas: unknown argument "--frobnicate"');
  expect(usage.stderr).toContain('usage: npm run schemas -- [options]');
});

test('the vendored spec loads, with the sha256 and format recorded in specs/README.md', () => {
  // The expected values come from the provenance table, which npm run spec:update rewrites: an
  // edited spec fails here until the README records it, and an update by the command passes.
  const readme = readFileSync(path.join(REPO_ROOT, PROVENANCE_FILE), 'utf8');
  const spec = loadSpec(path.join(REPO_ROOT, DEFAULT_SPEC_PATH));
  expect(readRecordedSha256(readme)).toMatch(/^[0-9a-f]{64}$/);
  expect(spec.sha256).toBe(readRecordedSha256(readme));
  expect(describeFormat(spec.document)).toBe(readProvenanceRow(readme, 'Format'));
  expect(spec.document.openapi).toMatch(/^3\.0\./);
});
