import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadSpec } from '../../../src/spec/load-spec';
import { generateSchemaFiles } from '../../../src/spec/generate-schemas';
import { OPERATION_IDS } from '../../../src/domain/operations';
import { DEFAULT_SPEC_PATH, generatedMarker } from '../../../src/spec/schema-ids';
import { buildExpectedFiles, checkSchemas, compareSchemaFiles, describeDrift, writeSchemas } from '../../../src/spec/sync-schemas';
import { REPO_ROOT, runSchemasCli } from './cli-runner';

const SPEC_FILE = path.join(REPO_ROOT, DEFAULT_SPEC_PATH);
const SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas');
const location = { specFile: SPEC_FILE, specLabel: DEFAULT_SPEC_PATH };

function withTempCopy(run: (dir: string) => void): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'schemas-copy-'));
  try {
    cpSync(SCHEMAS_DIR, dir, { recursive: true });
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the committed schemas/ matches what the spec generates', () => {
  const report = checkSchemas({ ...location, schemasDir: SCHEMAS_DIR });
  expect(describeDrift(report, 'schemas')).toEqual([]);
  expect(report.inSync).toBe(true);
});

test('generation is deterministic', () => {
  const spec = loadSpec(SPEC_FILE);
  const first = generateSchemaFiles(spec, OPERATION_IDS, { specLabel: DEFAULT_SPEC_PATH });
  const second = generateSchemaFiles(loadSpec(SPEC_FILE), [...OPERATION_IDS], { specLabel: DEFAULT_SPEC_PATH });
  expect([...second.entries()]).toEqual([...first.entries()]);
});

test('every generated file carries the marker, parses, and ends with one newline', () => {
  const files = buildExpectedFiles(location);
  expect(files.size).toBe(26); // 19 components + 6 operations + index
  for (const [file, text] of files) {
    const json = JSON.parse(text) as { $comment?: string };
    expect(json.$comment, file).toBe(generatedMarker(DEFAULT_SPEC_PATH));
    expect(text.endsWith('}\n') && !text.endsWith('\n\n'), file).toBe(true);
  }
});

test('no example from the spec reaches a generated file', () => {
  for (const [file, text] of buildExpectedFiles(location)) {
    expect(text, file).not.toMatch(/"examples?"\s*:/);
    expect(text, file).not.toContain('"x-');
    expect(text, file).not.toContain('"format": "string"');
    expect(text, file).not.toContain('"nullable"');
  }
});

test.describe('operation files', () => {
  const rows: { given: string; want: { method: string; pathTemplate: string; statuses: string[]; requestSchema: string | null } }[] = [
    {
      given: 'getTokens',
      want: { method: 'GET', pathTemplate: '/api/v2/tokens', statuses: ['200', '401', '403', '429'], requestSchema: null },
    },
    {
      given: 'postToken',
      want: {
        method: 'POST',
        pathTemplate: '/api/v2/tokens',
        statuses: ['201', '400', '401', '403', '429'],
        requestSchema: '../components/AccessTokenPost.schema.json',
      },
    },
    {
      given: 'patchToken',
      want: {
        method: 'PATCH',
        pathTemplate: '/api/v2/tokens/{id}',
        statuses: ['200', '400', '401', '403', '404', '409', '422', '429'],
        requestSchema: '../components/JSONPatch.schema.json',
      },
    },
    {
      given: 'deleteToken',
      want: { method: 'DELETE', pathTemplate: '/api/v2/tokens/{id}', statuses: ['204', '401', '403', '404', '429'], requestSchema: null },
    },
    {
      given: 'resetToken',
      want: {
        method: 'POST',
        pathTemplate: '/api/v2/tokens/{id}/reset',
        statuses: ['200', '401', '403', '404', '429'],
        requestSchema: null,
      },
    },
  ];
  for (const { given, want } of rows) {
    test(given, () => {
      const op = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, `operations/${given}.json`), 'utf8')) as {
        method: string;
        pathTemplate: string;
        responses: Record<string, unknown>;
        requestBody: { schemaRef: string } | null;
      };
      expect({
        method: op.method,
        pathTemplate: op.pathTemplate,
        statuses: Object.keys(op.responses),
        requestSchema: op.requestBody?.schemaRef ?? null,
      }).toEqual(want);
    });
  }

  test('a 204 says no body; the int64 query parameter becomes a bounded integer', () => {
    const del = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'operations/deleteToken.json'), 'utf8')) as {
      responses: Record<string, unknown>;
    };
    expect(del.responses['204']).toEqual({ description: 'Action succeeded', hasBody: false });
    const reset = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, 'operations/resetToken.json'), 'utf8')) as {
      parameters: { name: string; schema: unknown }[];
    };
    expect(reset.parameters.find((p) => p.name === 'expiry')?.schema).toMatchObject({
      type: 'integer',
      minimum: Number.MIN_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
    });
    expect(reset.parameters.find((p) => p.name === 'id')?.schema).toEqual({
      type: 'string',
      description: 'The ID of the access token to update',
    });
  });
});

test.describe('drift check against a temp copy', () => {
  test('an edited file is reported as drifted, by name', () => {
    withTempCopy((dir) => {
      const file = path.join(dir, 'components/Token.schema.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"_links"\n  ]', '"_links",\n    "name"\n  ]'));
      const report = checkSchemas({ ...location, schemasDir: dir });
      expect(report).toMatchObject({ inSync: false, drifted: ['components/Token.schema.json'], missing: [], extra: [] });
      expect(describeDrift(report, 'schemas')).toEqual([
        'drifted: schemas/components/Token.schema.json differs from what the spec generates',
      ]);
    });
  });

  test('a deleted file is missing and a stray file is extra', () => {
    withTempCopy((dir) => {
      rmSync(path.join(dir, 'operations/resetToken.json'));
      writeFileSync(path.join(dir, 'components/Flag.schema.json'), '{}\n');
      const report = compareSchemaFiles(dir, buildExpectedFiles(location));
      expect(report).toMatchObject({
        inSync: false,
        drifted: [],
        missing: ['operations/resetToken.json'],
        extra: ['components/Flag.schema.json'],
      });
    });
  });

  test('writeSchemas repairs the copy and removes stray files', () => {
    withTempCopy((dir) => {
      writeFileSync(path.join(dir, 'index.json'), '{}');
      writeFileSync(path.join(dir, 'stray.json'), '{}');
      const result = writeSchemas({ ...location, schemasDir: dir });
      expect(result).toEqual({ written: 26, removed: ['stray.json'] });
      expect(checkSchemas({ ...location, schemasDir: dir }).inSync).toBe(true);
    });
  });

  test('the CLI --check exits 1 naming the drifted file, and 0 with one line when in sync', () => {
    withTempCopy((dir) => {
      const inSync = runSchemasCli(['--check', '--out', dir]);
      expect(inSync.status).toBe(0);
      expect(inSync.stdout.trim().split('\n')).toHaveLength(1);
      expect(inSync.stdout).toContain('is in sync with specs/launchdarkly-openapi.json (26 files)');

      const file = path.join(dir, 'operations/getToken.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"GET"', '"POST"'));
      const drifted = runSchemasCli(['--check', '--out', dir]);
      expect(drifted.status).toBe(1);
      expect(drifted.stderr).toContain('drifted: ');
      expect(drifted.stderr).toContain('/operations/getToken.json differs from what the spec generates');
      expect(drifted.stderr).toContain('run npm run schemas');
    });
  });
});
