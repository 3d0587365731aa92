import type { OpenAPIV3 } from 'openapi-types';

/**
 * OpenAPI 3.0 Schema Object → JSON Schema 2019-09, one keyword at a time.
 *
 * OpenAPI 3.0 schemas are a dialect of their own: `nullable`, boolean `exclusiveMinimum`,
 * `example`, `format` values that are hints rather than checks, and `$ref` whose siblings must
 * be ignored. Every keyword the spec may use is listed in KEYWORD_RULES below with what happens
 * to it; a keyword not in the table is an error (SpecError via the caller's `fail`), so a spec
 * update that starts using something new is noticed at generation time instead of being
 * silently ignored or silently enforced.
 *
 * Decisions (also in specs/README.md):
 * - `nullable: true` → `"null"` added to `type` (and to `enum` when there is one). Without a
 *   `type` it is dropped: OpenAPI 3.0.3 says it has no effect there.
 * - `example`, `xml`, `externalDocs`, `discriminator`, `x-*` → dropped. They never validate,
 *   and the spec's examples are not always valid (`creationDate` has the string example
 *   "1628001602644" on an integer field), so nothing that validates or generates data may
 *   see them. `discriminator` is only a hint in 3.0: the `oneOf`/`anyOf` it sits on still
 *   validates.
 * - `title`, `description`, `default`, `readOnly`, `writeOnly`, `deprecated` → kept: they are
 *   annotation keywords of 2019-09's meta-data vocabulary, which ajv knows, so strict ajv
 *   compiles them without custom keyword registration.
 * - `format`: int32 → `minimum`/`maximum` of ±2^31 (−2147483648..2147483647); int64 →
 *   Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER (a JSON number beyond 2^53 cannot be
 *   read back exactly in JavaScript, so such a value is treated as invalid). Bounds never
 *   loosen a tighter `minimum`/`maximum`. Formats ajv-formats validates (VALIDATED_FORMATS)
 *   are kept; hints (`float`, `double`, `password`, `binary`) and unknown values such as
 *   `format: "string"` are dropped.
 * - `$ref` with siblings → `{ $ref, description? }`: OpenAPI 3.0 ignores a `$ref`'s siblings,
 *   so no sibling may validate; `description` (and `title`) are kept as harmless annotations
 *   (legal next to `$ref` in 2019-09), `example` and everything else are dropped.
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` → the numeric 2019-09 form.
 * - `additionalProperties` (boolean or schema, e.g. the `_links` maps of `Link`) → converted
 *   recursively; absent stays absent (extra properties allowed, as the spec allows them).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonSchema = { [key: string]: JsonValue };

export type OpenApiSchema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;

export interface ConvertContext {
  /** Turns an OpenAPI `$ref` (e.g. `#/components/schemas/Token`) into the output `$ref`. */
  resolveRef: (ref: string, place: string) => string;
  /** Reports an unsupported construct; must throw (the generator throws a SpecError). */
  fail: (place: string, problem: string) => never;
}

/** Formats that ajv-formats checks and that mean the same thing in OpenAPI 3.0. */
export const VALIDATED_FORMATS: ReadonlySet<string> = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uri-template',
  'uuid',
  'regex',
  'json-pointer',
  'relative-json-pointer',
  'byte',
]);

export const INTEGER_FORMAT_RANGES: Readonly<Record<string, { minimum: number; maximum: number }>> = {
  int32: { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
};

type KeywordRule =
  | 'copy' // validation keyword with a plain JSON value
  | 'annotation' // kept, never validates
  | 'drop' // OpenAPI-only, never validates
  | 'schema' // value is a schema
  | 'schema-list' // value is an array of schemas
  | 'schema-map' // value is a map name → schema
  | 'special'; // handled explicitly below

const KEYWORD_RULES: Readonly<Record<string, KeywordRule>> = {
  type: 'special',
  format: 'special',
  nullable: 'special',
  enum: 'special',
  minimum: 'special',
  maximum: 'special',
  exclusiveMinimum: 'special',
  exclusiveMaximum: 'special',
  additionalProperties: 'special',
  multipleOf: 'copy',
  maxLength: 'copy',
  minLength: 'copy',
  pattern: 'copy',
  maxItems: 'copy',
  minItems: 'copy',
  uniqueItems: 'copy',
  maxProperties: 'copy',
  minProperties: 'copy',
  required: 'copy',
  items: 'schema',
  not: 'schema',
  properties: 'schema-map',
  allOf: 'schema-list',
  oneOf: 'schema-list',
  anyOf: 'schema-list',
  title: 'annotation',
  description: 'annotation',
  default: 'annotation',
  readOnly: 'annotation',
  writeOnly: 'annotation',
  deprecated: 'annotation',
  example: 'drop',
  xml: 'drop',
  externalDocs: 'drop',
  discriminator: 'drop',
};

/** Siblings of `$ref` that survive (as annotations); see the header comment. */
const REF_SIBLINGS_KEPT = ['description', 'title'] as const;

function isReference(schema: OpenApiSchema): schema is OpenAPIV3.ReferenceObject {
  return typeof (schema as { $ref?: unknown }).$ref === 'string';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The spec was parsed from JSON, so every value is JSON; this only narrows the type. */
function asJson(value: unknown): JsonValue {
  return value as JsonValue;
}

export function convertSchema(schema: OpenApiSchema, ctx: ConvertContext, place: string): JsonSchema {
  if (!isPlainObject(schema)) {
    return ctx.fail(place, `expected a schema object, got ${JSON.stringify(schema)}`);
  }
  if (isReference(schema)) {
    return convertReference(schema, ctx, place);
  }
  const source: Record<string, unknown> = schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('x-')) continue;
    const rule = KEYWORD_RULES[key];
    const at = `${place}.${key}`;
    switch (rule) {
      case undefined:
        return ctx.fail(at, `unsupported schema keyword "${key}" (add it to KEYWORD_RULES in src/spec/convert-schema.ts)`);
      case 'drop':
      case 'special':
        break;
      case 'copy':
      case 'annotation':
        out[key] = asJson(value);
        break;
      case 'schema':
        out[key] = convertSchema(value as OpenApiSchema, ctx, at);
        break;
      case 'schema-list':
        if (!Array.isArray(value)) return ctx.fail(at, 'expected an array of schemas');
        out[key] = value.map((item, i) => convertSchema(item as OpenApiSchema, ctx, `${at}[${i}]`));
        break;
      case 'schema-map': {
        if (!isPlainObject(value)) return ctx.fail(at, 'expected a map of schemas');
        const map: JsonSchema = {};
        for (const [name, sub] of Object.entries(value)) {
          map[name] = convertSchema(sub as OpenApiSchema, ctx, `${at}.${name}`);
        }
        out[key] = map;
        break;
      }
    }
  }
  applyType(source, out);
  applyNumericBounds(source, out, ctx, place);
  applyFormat(source, out);
  applyAdditionalProperties(source, out, ctx, place);
  return orderKeys(source, out);
}

function convertReference(schema: OpenAPIV3.ReferenceObject, ctx: ConvertContext, place: string): JsonSchema {
  const out: JsonSchema = { $ref: ctx.resolveRef(schema.$ref, place) };
  const source = schema as unknown as Record<string, unknown>;
  for (const key of REF_SIBLINGS_KEPT) {
    if (typeof source[key] === 'string') out[key] = source[key];
  }
  return out;
}

function applyType(source: Record<string, unknown>, out: JsonSchema): void {
  const type = source.type;
  const nullable = source.nullable === true;
  if (typeof type === 'string') {
    out.type = nullable ? [type, 'null'] : type;
  }
  if (Array.isArray(source.enum)) {
    const values = source.enum.map(asJson);
    out.enum = nullable && typeof type === 'string' && !values.includes(null) ? [...values, null] : values;
  }
}

function applyNumericBounds(source: Record<string, unknown>, out: JsonSchema, ctx: ConvertContext, place: string): void {
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    const limit = source[bound];
    const flag = source[exclusive];
    if (limit !== undefined && typeof limit !== 'number') ctx.fail(`${place}.${bound}`, 'expected a number');
    if (flag !== undefined && typeof flag !== 'boolean') {
      ctx.fail(`${place}.${exclusive}`, 'expected a boolean (OpenAPI 3.0 form)');
    }
    if (typeof limit !== 'number') continue;
    if (flag === true) out[exclusive] = limit;
    else out[bound] = limit;
  }
  const range = typeof source.format === 'string' ? INTEGER_FORMAT_RANGES[source.format] : undefined;
  if (range && source.type === 'integer') {
    // Only tighten: a bound already in the spec (inclusive or exclusive) wins when stricter.
    const min = typeof out.minimum === 'number' ? out.minimum : undefined;
    const exMin = typeof out.exclusiveMinimum === 'number' ? out.exclusiveMinimum : undefined;
    if ((min === undefined || min < range.minimum) && (exMin === undefined || exMin < range.minimum)) {
      out.minimum = range.minimum;
    }
    const max = typeof out.maximum === 'number' ? out.maximum : undefined;
    const exMax = typeof out.exclusiveMaximum === 'number' ? out.exclusiveMaximum : undefined;
    if ((max === undefined || max > range.maximum) && (exMax === undefined || exMax > range.maximum)) {
      out.maximum = range.maximum;
    }
  }
}

function applyFormat(source: Record<string, unknown>, out: JsonSchema): void {
  const format = source.format;
  if (typeof format === 'string' && VALIDATED_FORMATS.has(format)) out.format = format;
}

function applyAdditionalProperties(source: Record<string, unknown>, out: JsonSchema, ctx: ConvertContext, place: string): void {
  const value = source.additionalProperties;
  if (value === undefined) return;
  const at = `${place}.additionalProperties`;
  if (typeof value === 'boolean') out.additionalProperties = value;
  else if (isPlainObject(value)) out.additionalProperties = convertSchema(value, ctx, at);
  else ctx.fail(at, 'expected a boolean or a schema');
}

/**
 * Output keys follow the source's key order (the spec is fixed, so the output is stable),
 * with keywords introduced by the conversion (bounds from `format`) placed after the source's.
 */
function orderKeys(source: Record<string, unknown>, out: JsonSchema): JsonSchema {
  const ordered: JsonSchema = {};
  for (const key of Object.keys(source)) {
    if (key in out) ordered[key] = out[key] as JsonValue;
  }
  for (const key of Object.keys(out)) {
    if (!(key in ordered)) ordered[key] = out[key] as JsonValue;
  }
  return ordered;
}
