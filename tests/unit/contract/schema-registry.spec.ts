import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ContractLookupError, SchemaRegistryError } from '../../../src/contract/contract-errors';
import {
  getOperationContract,
  getSchemaRegistry,
  SchemaRegistry,
  toStrictSchema,
  validateComponent,
  validateRequestBody,
} from '../../../src/contract/schema-registry';
import type { OperationId } from '../../../src/domain/operations';
import { VALID_TOKEN } from './exchange-builders';

test.describe('getOperationContract', () => {
  const rows: { given: OperationId; want: { method: string; pathTemplate: string; documentedStatuses: number[] } }[] = [
    { given: 'getTokens', want: { method: 'GET', pathTemplate: '/api/v2/tokens', documentedStatuses: [200, 401, 403, 429] } },
    { given: 'postToken', want: { method: 'POST', pathTemplate: '/api/v2/tokens', documentedStatuses: [201, 400, 401, 403, 429] } },
    { given: 'getToken', want: { method: 'GET', pathTemplate: '/api/v2/tokens/{id}', documentedStatuses: [200, 401, 403, 404, 429] } },
    {
      given: 'patchToken',
      want: { method: 'PATCH', pathTemplate: '/api/v2/tokens/{id}', documentedStatuses: [200, 400, 401, 403, 404, 409, 422, 429] },
    },
    {
      given: 'deleteToken',
      want: { method: 'DELETE', pathTemplate: '/api/v2/tokens/{id}', documentedStatuses: [204, 401, 403, 404, 429] },
    },
    {
      given: 'resetToken',
      want: { method: 'POST', pathTemplate: '/api/v2/tokens/{id}/reset', documentedStatuses: [200, 401, 403, 404, 429] },
    },
  ];
  for (const { given, want } of rows) {
    test(given, () => {
      expect(getOperationContract(given)).toMatchObject({ operationId: given, ...want });
    });
  }

  test('responses say whether there is a body, its content type and schema', () => {
    const { responses } = getOperationContract('deleteToken');
    expect(responses['204']).toEqual({ description: 'Action succeeded', hasBody: false });
    expect(responses['404']).toEqual({
      description: 'Invalid resource identifier',
      hasBody: true,
      contentType: 'application/json',
      schemaRef: 'components/NotFoundErrorRep.schema.json',
    });
  });

  test('parameters and request bodies come from the spec', () => {
    const reset = getOperationContract('resetToken');
    expect(reset.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['expiry', 'query', false],
    ]);
    expect(getOperationContract('getTokens').parameters.map((p) => p.name)).toEqual(['showAll', 'limit', 'offset']);
    expect(getOperationContract('postToken').requestBody).toEqual({
      required: true,
      contentType: 'application/json',
      schemaRef: 'components/AccessTokenPost.schema.json',
    });
    expect(getOperationContract('patchToken').requestBody?.schemaRef).toBe('components/JSONPatch.schema.json');
  });

  test('an unknown operationId is a ContractLookupError naming the known ones', () => {
    expect(() => getOperationContract('getFlags' as OperationId)).toThrow(ContractLookupError);
    expect(() => getOperationContract('getFlags' as OperationId)).toThrow(/unknown operationId "getFlags".*getTokens, postToken/);
  });
});

test.describe('validateComponent and validateRequestBody', () => {
  const rows: { name: string; given: () => unknown[]; want: string[] }[] = [
    { name: 'a valid Token', given: () => validateComponent('Token', VALID_TOKEN), want: [] },
    {
      name: 'a Token whose lastUsed is null',
      given: () => validateComponent('Token', { ...VALID_TOKEN, lastUsed: null }),
      want: ['/lastUsed type'],
    },
    {
      name: 'a Token with creationDate beyond 2^53',
      given: () => validateComponent('Token', { ...VALID_TOKEN, creationDate: 2 ** 60 }),
      want: ['/creationDate maximum'],
    },
    {
      name: 'a Token with an extra property, strict',
      given: () => validateComponent('Token', { ...VALID_TOKEN, x: 1 }, { strict: true }),
      want: [' additionalProperties'],
    },
    {
      name: 'a MemberSummary without email',
      given: () => validateComponent('MemberSummary', { _links: {}, _id: 'm', role: 'admin' }),
      want: [' required'],
    },
    { name: 'postToken body with a valid role', given: () => validateRequestBody('postToken', { role: 'writer', name: 'n' }), want: [] },
    { name: 'postToken body with role "owner"', given: () => validateRequestBody('postToken', { role: 'owner' }), want: ['/role enum'] },
    {
      name: 'postToken inlineRole statement without effect (rule C5)',
      given: () => validateRequestBody('postToken', { inlineRole: [{ actions: ['*'] }] }),
      want: ['/inlineRole/0 required'],
    },
    {
      name: 'patchToken body that is not an array (rule E3)',
      given: () => validateRequestBody('patchToken', { op: 'replace' }),
      want: [' type'],
    },
    {
      name: 'patchToken element without path (rule E3)',
      given: () => validateRequestBody('patchToken', [{ op: 'replace', value: 'x' }]),
      want: ['/0 required'],
    },
    {
      name: 'a valid JSON Patch',
      given: () => validateRequestBody('patchToken', [{ op: 'replace', path: '/role', value: 'writer' }]),
      want: [],
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const violations = given() as { instancePath: string; keyword: string }[];
      expect(violations.map((v) => `${v.instancePath} ${v.keyword}`)).toEqual(want);
    });
  }

  test('unknown component and body-less operations are typed errors', () => {
    expect(() => validateComponent('Flag', {})).toThrow(ContractLookupError);
    expect(() => validateComponent('Flag', {})).toThrow(/unknown component schema "Flag"/);
    expect(() => validateRequestBody('getToken', {})).toThrow(/getToken takes no request body/);
    expect(() => getSchemaRegistry().validateResponseBody('getToken', 418, {})).toThrow(/getToken documents no response 418/);
    expect(() => getSchemaRegistry().validateResponseBody('deleteToken', 204, {})).toThrow(/documented without a body/);
  });
});

test('every generated schema compiles with ajv, lenient and strict', () => {
  const registry = getSchemaRegistry();
  const files = registry.listSchemaFiles();
  expect(files.length).toBeGreaterThanOrEqual(19);
  for (const file of files) {
    expect(typeof registry.getValidator(file, false)).toBe('function');
    expect(typeof registry.getValidator(file, true)).toBe('function');
  }
});

test('validators are compiled once and cached', () => {
  const registry = getSchemaRegistry();
  expect(registry.getValidator('components/Token.schema.json', true)).toBe(registry.getValidator('components/Token.schema.json', true));
  expect(registry.getValidator('components/Token.schema.json', true)).not.toBe(
    registry.getValidator('components/Token.schema.json', false),
  );
});

test('a missing schemas directory is a SchemaRegistryError telling you to run npm run schemas', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'no-schemas-'));
  try {
    expect(() => new SchemaRegistry(dir)).toThrow(SchemaRegistryError);
    expect(() => new SchemaRegistry(dir)).toThrow(/index\.json not found — run npm run schemas/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('strict composition accepts properties from every branch and rejects others', () => {
  // Proves the unevaluatedProperties choice with ajv itself, not only the transformed shape.
  const dir = mkdtempSync(path.join(tmpdir(), 'strict-allof-'));
  try {
    const base = 'https://ld-access-tokens-conformance.invalid/schemas/';
    const schema = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $id: `${base}components/C.schema.json`,
      type: 'object',
      properties: { a: { type: 'string' } },
      allOf: [{ properties: { b: { type: 'string' } } }],
    };
    mkdirSync(path.join(dir, 'components'));
    writeFileSync(path.join(dir, 'components/C.schema.json'), JSON.stringify(schema));
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ operations: {}, components: { C: 'components/C.schema.json' } }));
    const registry = new SchemaRegistry(dir);
    expect(registry.validateComponent('C', { a: 'x', b: 'y' }, { strict: true })).toEqual([]);
    expect(registry.validateComponent('C', { a: 'x', b: 'y', z: 1 }, { strict: true }).map((v) => v.keyword)).toEqual([
      'unevaluatedProperties',
    ]);
    expect(registry.validateComponent('C', { a: 'x', z: 1 }, { strict: false })).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a generated file with an unknown keyword fails to compile with an error naming the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bad-schema-'));
  try {
    const base = 'https://ld-access-tokens-conformance.invalid/schemas/';
    mkdirSync(path.join(dir, 'components'));
    writeFileSync(
      path.join(dir, 'components/B.schema.json'),
      JSON.stringify({ $id: `${base}components/B.schema.json`, type: 'string', example: 'x' }),
    );
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ operations: {}, components: { B: 'components/B.schema.json' } }));
    const registry = new SchemaRegistry(dir);
    expect(() => registry.validateComponent('B', 'x')).toThrow(SchemaRegistryError);
    expect(() => registry.validateComponent('B', 'x')).toThrow(
      /cannot compile .*components\/B\.schema\.json: strict mode: unknown keyword: "example"/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('toStrictSchema', () => {
  const rows: { name: string; given: Record<string, unknown>; want: Record<string, unknown> }[] = [
    {
      name: 'closes objects that list properties, nested too',
      given: {
        $id: 'https://ld-access-tokens-conformance.invalid/schemas/components/A.schema.json',
        type: 'object',
        properties: { a: { type: 'object', properties: { b: {} } } },
      },
      want: {
        $id: 'https://ld-access-tokens-conformance.invalid/schemas-strict/components/A.schema.json',
        type: 'object',
        properties: { a: { type: 'object', properties: { b: {} }, additionalProperties: false } },
        additionalProperties: false,
      },
    },
    {
      name: 'leaves maps (additionalProperties schema) open but closes their values',
      given: { type: 'object', additionalProperties: { type: 'object', properties: { href: {} } } },
      want: { type: 'object', additionalProperties: { type: 'object', properties: { href: {} }, additionalProperties: false } },
    },
    {
      name: 'keeps an explicit additionalProperties',
      given: { type: 'object', properties: { a: {} }, additionalProperties: true },
      want: { type: 'object', properties: { a: {} }, additionalProperties: true },
    },
    {
      name: 'uses unevaluatedProperties on a composing node and leaves its branches open',
      given: { properties: { a: {} }, allOf: [{ properties: { b: { properties: { c: {} } } } }] },
      want: {
        properties: { a: {} },
        allOf: [{ properties: { b: { properties: { c: {} }, additionalProperties: false } } }],
        unevaluatedProperties: false,
      },
    },
    {
      name: 'goes into array items',
      given: { type: 'array', items: { properties: { a: {} } } },
      want: { type: 'array', items: { properties: { a: {} }, additionalProperties: false } },
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(toStrictSchema(given)).toEqual(want);
    });
  }
});
