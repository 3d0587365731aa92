/**
 * Explore's inputs, each derived from the generated schemas: postToken bodies (AccessTokenPost, valid
 * and broken in one place), JSON Patch documents over the patchable fields (rule E2) in every RFC 6902
 * operation and pointer form, getTokens queries (the operation's parameters), ids and reset expiries.
 * Generation never looks at the server's state; a command resolves the few state-dependent choices
 * (which token, a `test` value taken from the model) when it runs, so a seed replays the same sequence.
 */
import fc from 'fast-check';
import { getOperationContract } from '../contract';
import { anyString, invalidValue, validValue } from './schema-arbitrary';
import { loadComponentSchema, propertySchemas, schemaAtPointer, type JsonSchema } from './schema-source';

/** Rule E2: the paths a JSON Patch may change. Every one must be an AccessTokenPost property (checked below). */
export const E2_FIELDS = ['name', 'description', 'role', 'customRoleIds', 'inlineRole'] as const;
/** The six operations RFC 6902 defines. */
export const RFC6902_OPS = ['add', 'remove', 'replace', 'test', 'move', 'copy'] as const;

export interface PatchOpInput {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
  /** `test` only: send the model's current value at `path` instead of `value` (a test that should pass). */
  valueFromModel?: boolean;
  /** Chooses the existing element a `#` segment of `path`/`from` stands for. */
  pick?: number;
}

/** A patch body: a well-formed list of operations, or (E3) something that is not a JSON Patch at all. */
export type PatchInput = { kind: 'ops'; ops: PatchOpInput[] } | { kind: 'raw'; body: unknown };

export interface ListQuery {
  [name: string]: string | number | boolean;
}

export const ACCESS_TOKEN_POST = loadComponentSchema('AccessTokenPost');
const TOKEN = loadComponentSchema('Token');
const POST_FIELDS = propertySchemas(ACCESS_TOKEN_POST);
for (const field of E2_FIELDS) {
  if (!(field in POST_FIELDS)) throw new Error(`explore: rule E2 names /${field}, which AccessTokenPost no longer has; update E2_FIELDS`);
}

/** Names always keep the run's prefix (H1: everything the run creates is recognisable and swept). */
export function prefixedName(prefix: string): fc.Arbitrary<string> {
  return anyString.map((tail) => `${prefix}-x-${tail}`);
}

function namedBody(prefix: string) {
  return (body: unknown): unknown =>
    typeof body === 'object' && body !== null && !Array.isArray(body) && !('name' in body)
      ? { ...body, name: `${prefix}-x-unnamed` }
      : body;
}

/** A body AccessTokenPost accepts (each sequence starts by creating a token from one). */
export function validPostBodyArbitrary(prefix: string): fc.Arbitrary<{ body: unknown; valid: boolean }> {
  const opts = { stringFor: (key: string) => (key === 'name' ? prefixedName(prefix) : undefined) };
  return validValue(ACCESS_TOKEN_POST, opts).map((body) => ({ body: namedBody(prefix)(body), valid: true }));
}

export function postBodyArbitrary(prefix: string): fc.Arbitrary<{ body: unknown; valid: boolean }> {
  const opts = { stringFor: (key: string) => (key === 'name' ? prefixedName(prefix) : undefined) };
  const withName = namedBody(prefix);
  const valid = validPostBodyArbitrary(prefix);
  const invalid = (invalidValue(ACCESS_TOKEN_POST, opts) ?? fc.constant([])).map((body) => ({ body: withName(body), valid: false }));
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 });
}

/** Every pointer form into a field: the field, array ends and indices, and members of array items. */
function pointersInto(field: string, schema: JsonSchema): string[] {
  const base = `/${field}`;
  if (schema.type !== 'array') return [base];
  const items = schemaAtPointer(ACCESS_TOKEN_POST, `${base}/0`);
  const forms = [base, `${base}/-`, `${base}/0`, `${base}/1`, `${base}/3`];
  if (items?.type === 'object') {
    for (const key of Object.keys(propertySchemas(items))) forms.push(`${base}/#/${key}`, `${base}/#/${key}/-`, `${base}/#/${key}/#`);
    forms.push(`${base}/0/notAKey`);
  }
  return forms;
}

const WRITABLE_POINTERS = E2_FIELDS.flatMap((field) => pointersInto(field, POST_FIELDS[field] ?? {}));
const WHOLE_FIELDS = E2_FIELDS.map((field) => `/${field}`);
const ARRAY_ENDS = WRITABLE_POINTERS.filter((pointer) => /^\/\w+\/(-|#|\d+)$/.test(pointer));
/** Token properties outside E2 (read-only or unspecified), unknown members, escaped keys and the root. */
const OTHER_POINTERS = [
  ...Object.keys(propertySchemas(TOKEN))
    .filter((key) => !(E2_FIELDS as readonly string[]).includes(key))
    .map((key) => `/${key}`),
  '/notAField',
  '/na~1me',
  '/~0name',
  '',
];

function valueAt(pointer: string, prefix: string): fc.Arbitrary<unknown> {
  const schema = schemaAtPointer(ACCESS_TOKEN_POST, pointer);
  if (schema === null) return fc.jsonValue({ maxDepth: 1 });
  const opts = { stringFor: (key: string) => (key === 'name' ? prefixedName(prefix) : undefined) };
  const good = pointer === '/name' ? prefixedName(prefix) : validValue(schema, opts);
  const bad = invalidValue(schema, opts);
  return bad ? fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 }) : good;
}

function patchOpArbitrary(prefix: string): fc.Arbitrary<PatchOpInput> {
  // Whole fields and array elements first: that is where clients patch; nested members and foreign paths less often.
  const path = fc.oneof(
    { arbitrary: fc.constantFrom(...WHOLE_FIELDS), weight: 4 },
    { arbitrary: fc.constantFrom(...ARRAY_ENDS), weight: 3 },
    { arbitrary: fc.constantFrom(...WRITABLE_POINTERS), weight: 2 },
    { arbitrary: fc.constantFrom(...OTHER_POINTERS), weight: 1 },
  );
  const fromModel = fc.oneof({ arbitrary: fc.constant(true), weight: 2 }, { arbitrary: fc.constant(false), weight: 1 });
  return fc
    .tuple(fc.constantFrom(...RFC6902_OPS), path, fc.constantFrom(...WRITABLE_POINTERS, ...OTHER_POINTERS), fromModel, fc.nat({ max: 9 }))
    .chain(([op, target, from, fromModel, pick]): fc.Arbitrary<PatchOpInput> => {
      const picked = target.includes('#') || from.includes('#') ? { pick } : {};
      if (op === 'remove') return fc.constant<PatchOpInput>({ op, path: target, ...picked });
      if (op === 'move' || op === 'copy') return fc.constant<PatchOpInput>({ op, path: target, from, ...picked });
      return valueAt(target, prefix).map((value): PatchOpInput => ({
        op,
        path: target,
        value,
        ...picked,
        ...(op === 'test' && fromModel ? { valueFromModel: true } : {}),
      }));
    });
}

/** E3: documents that are not a JSON Patch (not an array, an element missing op/path, an unknown op). */
const MALFORMED_PATCHES = invalidValue(loadComponentSchema('JSONPatch'));

/**
 * One operation a correct server should apply to any token: an E2 field (or an element of an array field,
 * `#` = an existing index or the end) written with a schema-valid value, removed from an array, or tested
 * against the model's value. Most random operations are refused (a foreign path, a bad value, a `test`
 * that fails); a sequence fault only shows after patches that went through, so explore draws these too.
 */
function applicableOpArbitrary(prefix: string): fc.Arbitrary<PatchOpInput> {
  const opts = { stringFor: (key: string) => (key === 'name' ? prefixedName(prefix) : undefined) };
  const forField = E2_FIELDS.map((field): fc.Arbitrary<PatchOpInput> => {
    const path = `/${field}`;
    const whole = field === 'name' ? prefixedName(prefix) : validValue(POST_FIELDS[field] ?? {}, opts);
    const writes = fc.tuple(fc.constantFrom('add', 'replace'), whole).map(([op, value]): PatchOpInput => ({ op, path, value }));
    const test = fc.constant<PatchOpInput>({ op: 'test', path, value: null, valueFromModel: true });
    if (POST_FIELDS[field]?.type !== 'array') return fc.oneof({ arbitrary: writes, weight: 3 }, { arbitrary: test, weight: 1 });
    const item = validValue(schemaAtPointer(ACCESS_TOKEN_POST, `${path}/0`) ?? {}, opts);
    const pick = fc.nat({ max: 9 });
    const addItem = fc
      .tuple(fc.constantFrom(`${path}/-`, `${path}/#`), item, pick)
      .map(([at, value, p]): PatchOpInput => ({ op: 'add', path: at, value, pick: p }));
    const removeItem = pick.map((p): PatchOpInput => ({ op: 'remove', path: `${path}/#`, pick: p }));
    return fc.oneof(
      { arbitrary: writes, weight: 2 },
      { arbitrary: addItem, weight: 3 },
      { arbitrary: removeItem, weight: 1 },
      { arbitrary: test, weight: 1 },
    );
  });
  return fc.oneof(...forField);
}

export function patchArbitrary(prefix: string): fc.Arbitrary<PatchInput> {
  const random = fc.array(patchOpArbitrary(prefix), { minLength: 0, maxLength: 4 }).map((list): PatchInput => ({ kind: 'ops', ops: list }));
  const applicable = fc
    .array(applicableOpArbitrary(prefix), { minLength: 1, maxLength: 4 })
    .map((list): PatchInput => ({ kind: 'ops', ops: list }));
  const ops = fc.oneof(random, applicable);
  const unknownOp = fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 8 }).filter((op) => !(RFC6902_OPS as readonly string[]).includes(op)),
      fc.constantFrom(...WRITABLE_POINTERS),
    )
    .map(([op, path]): PatchInput => ({ kind: 'raw', body: [{ op, path, value: 'x' }] }));
  const malformed = (MALFORMED_PATCHES ?? fc.constant({})).map((body): PatchInput => ({ kind: 'raw', body }));
  return fc.oneof({ arbitrary: ops, weight: 8 }, { arbitrary: malformed, weight: 1 }, { arbitrary: unknownOp, weight: 1 });
}

/**
 * getTokens queries from the operation's parameters. limit and offset stay where every server agrees
 * (limit ≥ 1, offset ≥ 0, below a million): the spec documents no 400 for getTokens, yet a correct server
 * may answer out-of-range values with the API-wide 400 — those edges are left to the example suite.
 */
export function listQueryArbitrary(): fc.Arbitrary<ListQuery> {
  const params = getOperationContract('getTokens').parameters.filter((p) => p.in === 'query');
  const shape: Record<string, fc.Arbitrary<string | number | boolean>> = {};
  for (const p of params) {
    const type = (p.schema as JsonSchema | undefined)?.type;
    if (type === 'boolean') shape[p.name] = fc.oneof(fc.boolean(), fc.constantFrom('true', 'TRUE', 'false'));
    else if (type === 'integer') {
      const min = p.name === 'limit' ? 1 : 0;
      shape[p.name] = fc.oneof(fc.constantFrom(min, min + 1, 25, 100, 101, 999_999), fc.integer({ min, max: 200 }));
    }
  }
  return fc
    .record(shape, { requiredKeys: [] })
    .map((query) =>
      Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)),
    );
}

/** Ids no token has: the ObjectId domain (any string, URL-encoded by the client), 24-hex look-alikes. */
export function unknownIdArbitrary(): fc.Arbitrary<string> {
  const anyId = (validValue(loadComponentSchema('ObjectId')) as fc.Arbitrary<string>).filter(
    (id) => id !== '' && id !== '.' && id !== '..',
  );
  return fc.oneof(
    anyId,
    fc.stringMatching(/^[0-9a-f]{24}$/),
    fc.constantFrom('000000000000000000000000', 'ffffffffffffffffffffffff', 'not-an-id', '%', ' '),
  );
}

/** Reset expiries relative to the server's clock: none, well in the past, or well in the future (G2, G3). */
export type ExpiryInput = { kind: 'none' } | { kind: 'past' | 'future'; offsetMs: number };

export function expiryArbitrary(): fc.Arbitrary<ExpiryInput> {
  const hour = 3_600_000;
  return fc.oneof(
    fc.constant<ExpiryInput>({ kind: 'none' }),
    fc.integer({ min: 2 * hour, max: 30 * 24 * hour }).map((offsetMs): ExpiryInput => ({ kind: 'past', offsetMs })),
    fc.integer({ min: 2 * hour, max: 30 * 24 * hour }).map((offsetMs): ExpiryInput => ({ kind: 'future', offsetMs })),
  );
}
