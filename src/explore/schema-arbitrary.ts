/**
 * JSON Schema → fast-check arbitraries for the subset of JSON Schema the generator writes (type,
 * enum, properties, required, items, minimum/maximum, $ref). `validValue` covers each type's whole
 * domain with its edges weighted in; `invalidValue` breaks exactly one thing (a wrong JSON type, a
 * value outside an enum, a missing required key, one bad element or property), so a rejection can be
 * traced to it.
 */
import fc from 'fast-check';
import { propertySchemas, requiredKeys, resolveSchema, type JsonSchema } from './schema-source';

export interface ValueOptions {
  /** Strings for a given object property (e.g. names that must keep the run prefix); default: anyString. */
  stringFor?: (propertyName: string) => fc.Arbitrary<string> | undefined;
  maxItems?: number;
}

/** Strings across the domain: empty, one character, unicode graphemes, JSON/pointer/shell specials, long. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'a',
      '"quoted"',
      'back\\slash',
      'line\nbreak',
      'tab\there',
      '~0~1/',
      '💥',
      'é',
      'ﬃ',
      'مرحبا',
      '\u0000',
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 101, maxLength: 300 }), weight: 2 },
);

const SAFE = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? Math.max(schema.minimum, SAFE.min) : SAFE.min;
  const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, SAFE.max) : SAFE.max;
  const edges = [min, max, 0, 1, -1].filter((n) => n >= min && n <= max);
  return fc.oneof(fc.constantFrom(...edges), fc.integer({ min, max }), fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }));
}

/** A value the schema accepts. */
export function validValue(schema: JsonSchema, opts: ValueOptions = {}): fc.Arbitrary<unknown> {
  const s = resolveSchema(schema);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  switch (s.type) {
    case 'string':
      return anyString;
    case 'integer':
      return integerArbitrary(s);
    case 'number':
      return fc.oneof(integerArbitrary(s), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue((s.items ?? {}) as JsonSchema, opts), { maxLength: opts.maxItems ?? 3 });
    case 'object': {
      const props = propertySchemas(s);
      const shape = Object.fromEntries(Object.entries(props).map(([key, sub]) => [key, stringOrValid(key, sub, opts)]));
      return fc.record(shape, { requiredKeys: requiredKeys(s).filter((key) => key in props) });
    }
    default:
      // No type: any JSON value (e.g. a JSON Patch operation's `value`).
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOrValid(key: string, sub: JsonSchema, opts: ValueOptions): fc.Arbitrary<unknown> {
  const custom = sub.type === 'string' && !Array.isArray(sub.enum) ? opts.stringFor?.(key) : undefined;
  return custom ?? validValue(sub, opts);
}

const JSON_TYPES: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.constantFrom('x', '', '12'),
  integer: fc.constantFrom(0, 12, -3),
  number: fc.constantFrom(1.5, -0.25),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.constantFrom([], ['x'], [1]),
  object: fc.constantFrom({}, { x: 1 }),
};

/** A value of a JSON type the schema does not allow (an integer is a number, so 1.5 is "wrong" for integer). */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const type = typeof s.type === 'string' ? s.type : undefined;
  const allowed = new Set(type === 'number' ? ['number', 'integer'] : type ? [type] : []);
  const others = Object.entries(JSON_TYPES).filter(([name]) => !allowed.has(name) && !(type === 'integer' && name === 'integer'));
  return fc.oneof(...others.map(([, arb]) => arb));
}

/** A value the schema rejects, broken in one place. Null for a schema that accepts everything. */
export function invalidValue(schema: JsonSchema, opts: ValueOptions = {}): fc.Arbitrary<unknown> | null {
  const s = resolveSchema(schema);
  if (s.type === undefined && !Array.isArray(s.enum)) return null;
  const options: fc.Arbitrary<unknown>[] = [wrongType(s)];
  if (Array.isArray(s.enum)) {
    const values = s.enum as unknown[];
    options.push(
      anyString.filter((v) => !values.includes(v)),
      fc
        .constantFrom(...values.filter((v): v is string => typeof v === 'string').map((v) => v.toUpperCase()))
        .filter((v) => !values.includes(v)),
    );
  }
  if (s.type === 'array') {
    const badItem = invalidValue((s.items ?? {}) as JsonSchema, opts);
    if (badItem) {
      options.push(
        fc.tuple(fc.array(validValue((s.items ?? {}) as JsonSchema, opts), { maxLength: 2 }), badItem).map(([good, bad]) => [...good, bad]),
      );
    }
  }
  if (s.type === 'object') {
    const props = propertySchemas(s);
    const valid = validValue(s, opts) as fc.Arbitrary<Record<string, unknown>>;
    for (const key of requiredKeys(s)) {
      options.push(valid.map((v) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== key))));
    }
    for (const [key, sub] of Object.entries(props)) {
      const bad = invalidValue(sub, opts);
      if (bad) options.push(fc.tuple(valid, bad).map(([v, b]) => ({ ...v, [key]: b })));
    }
  }
  return fc.oneof(...options);
}
