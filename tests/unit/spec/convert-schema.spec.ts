import { expect, test } from '@playwright/test';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { convertSchema, type ConvertContext, type JsonSchema, type OpenApiSchema } from '../../../src/spec/convert-schema';

class ConvertFailure extends Error {}

const ctx: ConvertContext = {
  resolveRef: (ref) => `${ref.replace('#/components/schemas/', '')}.schema.json`,
  fail: (place, problem) => {
    throw new ConvertFailure(`${place}: ${problem}`);
  },
};

function convert(given: unknown): JsonSchema {
  return convertSchema(given as OpenApiSchema, ctx, 'S');
}

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = Number.MIN_SAFE_INTEGER;

const rows: { name: string; given: unknown; want: JsonSchema }[] = [
  // nullable
  { name: 'nullable string → type union with null', given: { type: 'string', nullable: true }, want: { type: ['string', 'null'] } },
  {
    name: 'nullable enum → null added to the enum',
    given: { type: 'string', enum: ['a', 'b'], nullable: true },
    want: { type: ['string', 'null'], enum: ['a', 'b', null] },
  },
  { name: 'nullable: false → dropped', given: { type: 'integer', nullable: false }, want: { type: 'integer' } },
  {
    name: 'nullable without type → dropped (no effect in OpenAPI 3.0.3)',
    given: { nullable: true, description: 'd' },
    want: { description: 'd' },
  },
  // annotations and OpenAPI-only keywords
  { name: 'example → dropped', given: { type: 'string', example: 'x' }, want: { type: 'string' } },
  {
    name: 'string example on an integer field → dropped',
    given: { type: 'integer', format: 'int64', example: '1628001602644' },
    want: { type: 'integer', minimum: MIN, maximum: MAX },
  },
  {
    name: 'xml, externalDocs, x-* → dropped',
    given: { type: 'object', xml: { name: 'n' }, externalDocs: { url: 'u' }, 'x-go-name': 'N' },
    want: { type: 'object' },
  },
  {
    name: 'discriminator → dropped, oneOf kept',
    given: { oneOf: [{ $ref: '#/components/schemas/A' }], discriminator: { propertyName: 'kind' } },
    want: { oneOf: [{ $ref: 'A.schema.json' }] },
  },
  { name: 'deprecated → kept as annotation', given: { type: 'string', deprecated: true }, want: { type: 'string', deprecated: true } },
  {
    name: 'readOnly / writeOnly → kept as annotations',
    given: { type: 'string', readOnly: true, writeOnly: false },
    want: { type: 'string', readOnly: true, writeOnly: false },
  },
  {
    name: 'title, description, default → kept',
    given: { title: 'T', description: 'D', type: 'integer', default: 25 },
    want: { title: 'T', description: 'D', type: 'integer', default: 25 },
  },
  // formats
  { name: 'format "string" (unknown) → dropped', given: { type: 'string', format: 'string' }, want: { type: 'string' } },
  {
    name: 'format int32 → ±2^31 range',
    given: { type: 'integer', format: 'int32' },
    want: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
  },
  {
    name: 'format int64 → safe-integer range',
    given: { type: 'integer', format: 'int64' },
    want: { type: 'integer', minimum: MIN, maximum: MAX },
  },
  {
    name: 'format int64 never loosens a tighter minimum',
    given: { type: 'integer', format: 'int64', minimum: 0 },
    want: { type: 'integer', minimum: 0, maximum: MAX },
  },
  {
    name: 'format int32 with exclusiveMaximum keeps the exclusive bound',
    given: { type: 'integer', format: 'int32', maximum: 10, exclusiveMaximum: true },
    want: { type: 'integer', exclusiveMaximum: 10, minimum: -2147483648 },
  },
  { name: 'format float / double → dropped', given: { type: 'number', format: 'double' }, want: { type: 'number' } },
  { name: 'format password → dropped (a UI hint)', given: { type: 'string', format: 'password' }, want: { type: 'string' } },
  {
    name: 'format date-time → kept (ajv-formats validates it)',
    given: { type: 'string', format: 'date-time' },
    want: { type: 'string', format: 'date-time' },
  },
  // numeric bounds
  {
    name: 'boolean exclusiveMinimum → numeric form',
    given: { type: 'number', minimum: 0, exclusiveMinimum: true },
    want: { type: 'number', exclusiveMinimum: 0 },
  },
  {
    name: 'exclusiveMinimum: false → plain minimum',
    given: { type: 'number', minimum: 1, exclusiveMinimum: false },
    want: { type: 'number', minimum: 1 },
  },
  // $ref
  { name: '$ref alone', given: { $ref: '#/components/schemas/Link' }, want: { $ref: 'Link.schema.json' } },
  {
    name: '$ref with description and example siblings → $ref + description only',
    given: { description: 'When created', example: '1628001602644', $ref: '#/components/schemas/UnixMillis' },
    want: { $ref: 'UnixMillis.schema.json', description: 'When created' },
  },
  {
    name: '$ref with a validating sibling → sibling ignored, as OpenAPI 3.0 says',
    given: { $ref: '#/components/schemas/ObjectId', maxLength: 3 },
    want: { $ref: 'ObjectId.schema.json' },
  },
  // structure
  {
    name: 'additionalProperties with $ref (the _links maps)',
    given: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Link' }, example: { self: { href: '/x' } } },
    want: { type: 'object', additionalProperties: { $ref: 'Link.schema.json' } },
  },
  {
    name: 'additionalProperties: false kept',
    given: { type: 'object', additionalProperties: false },
    want: { type: 'object', additionalProperties: false },
  },
  {
    name: 'properties, items and required converted recursively',
    given: {
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'array', items: { type: 'string', format: 'string', nullable: true }, example: [] } },
    },
    want: { type: 'object', required: ['a'], properties: { a: { type: 'array', items: { type: ['string', 'null'] } } } },
  },
  {
    name: 'allOf / anyOf / not converted recursively',
    given: { allOf: [{ type: 'string', example: 'x' }], anyOf: [{ type: 'integer', format: 'int32' }], not: { type: 'boolean', 'x-a': 1 } },
    want: {
      allOf: [{ type: 'string' }],
      anyOf: [{ type: 'integer', minimum: -2147483648, maximum: 2147483647 }],
      not: { type: 'boolean' },
    },
  },
  {
    name: 'an empty schema (PatchOperation.value) stays open',
    given: { description: 'any JSON', example: 'x' },
    want: { description: 'any JSON' },
  },
];

test.describe('convertSchema', () => {
  for (const { name, given, want } of rows) {
    test(name, () => {
      expect(convert(given)).toEqual(want);
    });
  }

  const badRows: { name: string; given: unknown; want: RegExp }[] = [
    {
      name: 'an unknown keyword',
      given: { type: 'string', patternProperties: {} },
      want: /S\.patternProperties: unsupported schema keyword "patternProperties"/,
    },
    {
      name: 'a misspelt keyword deep inside',
      given: { properties: { a: { tpye: 'string' } } },
      want: /S\.properties\.a\.tpye: unsupported schema keyword/,
    },
    { name: 'a non-numeric minimum', given: { type: 'integer', minimum: '0' }, want: /S\.minimum: expected a number/ },
    { name: 'a schema that is not an object', given: { items: 'string' }, want: /S\.items: expected a schema object/ },
  ];
  for (const { name, given, want } of badRows) {
    test(`fails on ${name}`, () => {
      expect(() => convert(given)).toThrow(want);
    });
  }
});

test('a converted int64 with a string example validates integers and rejects the example string', () => {
  // creationDate in the spec: UnixMillis (int64) with example "1628001602644".
  const ajv = new Ajv2019({ strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(convert({ type: 'integer', format: 'int64', example: '1628001602644' }));
  expect(validate(1628001602644)).toBe(true);
  expect(validate('1628001602644')).toBe(false);
  expect(validate(2 ** 60)).toBe(false);
});

test('every converted row compiles under strict ajv (no unknown keyword or format leaks)', () => {
  const ajv = new Ajv2019({ strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const { name, want } of rows) {
    if (JSON.stringify(want).includes('$ref')) continue; // refs need the sibling files; covered by the registry test
    expect(() => ajv.compile(want), name).not.toThrow();
  }
});
