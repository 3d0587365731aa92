/**
 * Compares two versions of one schema, keyword by keyword, recursing into properties, items,
 * additionalProperties and compositions, following `$ref`s on both sides. It only names what
 * changed (a kind, where, old → new); classify-change.ts decides whether that breaks a client on
 * the side the schema is on. Examples and `x-` extensions are ignored: they never validate.
 */
import type { ChangeKind, Side } from './classify-change';
import { childPointer, isRecord, resolveRefs, type Json, type Located } from './json-pointer';

export interface FoundChange {
  kind: ChangeKind;
  side: Side;
  /** JSON pointer, in the new spec when the thing still exists there, else in the old one. */
  location: string;
  old?: string;
  new?: string;
}

export interface DiffContext {
  oldDoc: Json;
  newDoc: Json;
  oldLabel: string;
  newLabel: string;
  emit(change: FoundChange): void;
  /** `side|oldPointer|newPointer` pairs already compared (schemas are recursive). */
  visited: Set<string>;
}

type Schema = Record<string, unknown>;

/** Keywords compared below; anything else that differs is `keyword-changed`. */
const HANDLED = new Set([
  'type',
  'nullable',
  'enum',
  'format',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'allOf',
  'oneOf',
  'anyOf',
  'default',
  'deprecated',
  'description',
  'title',
  'pattern',
  'maxLength',
  'maximum',
  'exclusiveMaximum',
  'maxItems',
  'maxProperties',
  'minLength',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'minProperties',
  'uniqueItems',
]);
const IGNORED = new Set(['example', 'examples', 'externalDocs', 'xml', '$ref']);
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems', 'maxProperties'] as const;
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems', 'minProperties'] as const;

export function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function compareSchemas(ctx: DiffContext, side: Side, before: Located, after: Located): void {
  compareText(ctx, side, before, after); // a $ref's own description is text too
  const oldAt = resolveRefs(ctx.oldDoc, before, ctx.oldLabel);
  const newAt = resolveRefs(ctx.newDoc, after, ctx.newLabel);
  const key = `${side}|${oldAt.pointer}|${newAt.pointer}`;
  if (ctx.visited.has(key)) return;
  ctx.visited.add(key);
  if (!isRecord(oldAt.node) || !isRecord(newAt.node)) {
    if (JSON.stringify(oldAt.node) !== JSON.stringify(newAt.node)) {
      ctx.emit({ kind: 'keyword-changed', side, location: newAt.pointer, old: show(oldAt.node), new: show(newAt.node) });
    }
    return;
  }
  const a = oldAt.node;
  const b = newAt.node;
  const at = newAt.pointer;
  if (oldAt.pointer !== before.pointer || newAt.pointer !== after.pointer) compareText(ctx, side, oldAt, newAt);
  const emit = (kind: ChangeKind, where: string, old: unknown, next: unknown): void =>
    ctx.emit({ kind, side, location: where, old: show(old), new: show(next) });

  compareType(a, b, at, emit);
  compareEnum(a, b, at, emit);
  compareFormat(a, b, at, emit);
  compareBounds(a, b, at, emit);
  if (a.pattern !== b.pattern) {
    const kind = a.pattern === undefined ? 'constraint-tightened' : b.pattern === undefined ? 'constraint-loosened' : 'pattern-changed';
    emit(kind, childPointer(at, 'pattern'), a.pattern, b.pattern);
  }
  if (JSON.stringify(a.default) !== JSON.stringify(b.default)) emit('default-changed', childPointer(at, 'default'), a.default, b.default);
  if (Boolean(a.deprecated) !== Boolean(b.deprecated))
    emit('deprecated-changed', childPointer(at, 'deprecated'), a.deprecated, b.deprecated);
  compareProperties(ctx, side, oldAt, newAt, emit);
  compareAdditional(ctx, side, oldAt, newAt, emit);
  if (a.items !== undefined || b.items !== undefined) compareSub(ctx, side, oldAt, newAt, 'items', emit);
  for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) compareComposition(ctx, side, oldAt, newAt, keyword, emit);
  for (const keyword of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (HANDLED.has(keyword) || IGNORED.has(keyword) || keyword.startsWith('x-')) continue;
    if (JSON.stringify(a[keyword]) !== JSON.stringify(b[keyword]))
      emit('keyword-changed', childPointer(at, keyword), a[keyword], b[keyword]);
  }
}

/** description/title/summary of any object (schema, parameter, response, operation). */
export function compareText(ctx: DiffContext, side: Side, before: Located, after: Located): void {
  if (!isRecord(before.node) || !isRecord(after.node)) return;
  for (const keyword of ['summary', 'title', 'description']) {
    const a = before.node[keyword];
    const b = after.node[keyword];
    if (a !== b && (typeof a === 'string' || typeof b === 'string')) {
      ctx.emit({ kind: 'text-changed', side, location: childPointer(after.pointer, keyword), old: show(a), new: show(b) });
    }
  }
}

type Emit = (kind: ChangeKind, where: string, old: unknown, next: unknown) => void;

/** `type` as a set (3.1 allows arrays), with 3.0's `nullable` folded in as "null". */
function typesOf(s: Schema): { types: string[] | null; nullable: boolean } {
  const raw = s.type;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string') : null;
  const nullable = s.nullable === true || (list?.includes('null') ?? false);
  return { types: list ? list.filter((t) => t !== 'null').sort() : null, nullable };
}

function compareType(a: Schema, b: Schema, at: string, emit: Emit): void {
  const before = typesOf(a);
  const after = typesOf(b);
  if (JSON.stringify(before.types) !== JSON.stringify(after.types)) emit('type-changed', childPointer(at, 'type'), a.type, b.type);
  if (before.nullable !== after.nullable) {
    emit(after.nullable ? 'nullable-added' : 'nullable-removed', childPointer(at, 'nullable'), before.nullable, after.nullable);
  }
}

function compareEnum(a: Schema, b: Schema, at: string, emit: Emit): void {
  const where = childPointer(at, 'enum');
  const before = Array.isArray(a.enum) ? a.enum : undefined;
  const after = Array.isArray(b.enum) ? b.enum : undefined;
  if (!before && !after) return;
  if (!before) return emit('enum-added', where, undefined, after);
  if (!after) return emit('enum-removed', where, before, undefined);
  const oldKeys = new Set(before.map((v) => JSON.stringify(v)));
  const newKeys = new Set(after.map((v) => JSON.stringify(v)));
  for (const value of after) if (!oldKeys.has(JSON.stringify(value))) emit('enum-value-added', where, undefined, value);
  for (const value of before) if (!newKeys.has(JSON.stringify(value))) emit('enum-value-removed', where, value, undefined);
}

function compareFormat(a: Schema, b: Schema, at: string, emit: Emit): void {
  if (a.format === b.format) return;
  const kind = a.format === undefined ? 'format-added' : b.format === undefined ? 'format-removed' : 'format-changed';
  emit(kind, childPointer(at, 'format'), a.format, b.format);
}

/** Numeric bounds; OpenAPI 3.0's boolean exclusive flags and 3.1's numeric ones both count. */
function compareBounds(a: Schema, b: Schema, at: string, emit: Emit): void {
  const judge = (keyword: string, tighter: (x: number, y: number) => boolean): void => {
    const x = a[keyword];
    const y = b[keyword];
    if (x === y) return;
    const where = childPointer(at, keyword);
    if (typeof x === 'number' && typeof y === 'number') emit(tighter(x, y) ? 'constraint-tightened' : 'constraint-loosened', where, x, y);
    else if (x === undefined || x === false) emit('constraint-tightened', where, x, y);
    else if (y === undefined || y === false) emit('constraint-loosened', where, x, y);
    else emit('keyword-changed', where, x, y);
  };
  for (const keyword of UPPER_BOUNDS) judge(keyword, (x, y) => y < x);
  for (const keyword of LOWER_BOUNDS) judge(keyword, (x, y) => y > x);
  judge('exclusiveMaximum', (x, y) => y < x);
  judge('exclusiveMinimum', (x, y) => y > x);
  judge('uniqueItems', () => true);
}

function requiredOf(s: Schema): Set<string> {
  return new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
}

function propertiesOf(s: Schema): Record<string, unknown> {
  return isRecord(s.properties) ? s.properties : {};
}

function compareProperties(ctx: DiffContext, side: Side, oldAt: Located, newAt: Located, emit: Emit): void {
  const a = oldAt.node as Schema;
  const b = newAt.node as Schema;
  const oldProps = propertiesOf(a);
  const newProps = propertiesOf(b);
  const oldRequired = requiredOf(a);
  const newRequired = requiredOf(b);
  for (const name of Object.keys(oldProps)) {
    if (!Object.hasOwn(newProps, name)) emit('property-removed', childPointer(oldAt.pointer, 'properties', name), name, undefined);
  }
  for (const name of Object.keys(newProps)) {
    const where = childPointer(newAt.pointer, 'properties', name);
    if (!Object.hasOwn(oldProps, name)) {
      emit(newRequired.has(name) ? 'property-added-required' : 'property-added-optional', where, undefined, name);
      continue;
    }
    compareSchemas(
      ctx,
      side,
      { node: oldProps[name], pointer: childPointer(oldAt.pointer, 'properties', name) },
      { node: newProps[name], pointer: where },
    );
  }
  // Required-ness of properties present on both sides (new ones were judged above).
  for (const name of new Set([...oldRequired, ...newRequired])) {
    if (oldRequired.has(name) === newRequired.has(name)) continue;
    if (Object.hasOwn(newProps, name) && !Object.hasOwn(oldProps, name)) continue;
    if (!Object.hasOwn(newProps, name) && Object.hasOwn(oldProps, name)) continue; // reported as removed
    const where = childPointer(newAt.pointer, 'required');
    if (newRequired.has(name)) emit('property-made-required', where, undefined, name);
    else emit('property-made-optional', where, name, undefined);
  }
}

function compareAdditional(ctx: DiffContext, side: Side, oldAt: Located, newAt: Located, emit: Emit): void {
  const x = (oldAt.node as Schema).additionalProperties;
  const y = (newAt.node as Schema).additionalProperties;
  if (x === undefined && y === undefined) return;
  const where = childPointer(newAt.pointer, 'additionalProperties');
  const open = (v: unknown): boolean => v === undefined || v === true;
  if (isRecord(x) && isRecord(y)) return compareSub(ctx, side, oldAt, newAt, 'additionalProperties', emit);
  if (open(x) && open(y)) return;
  // Anything allowed → a schema or false accepts less; the reverse accepts more.
  if (open(x)) emit('constraint-tightened', where, x, y);
  else if (open(y)) emit('constraint-loosened', where, x, y);
  else if (x === false) emit('constraint-loosened', where, x, y);
  else emit('constraint-tightened', where, x, y);
}

function compareSub(ctx: DiffContext, side: Side, oldAt: Located, newAt: Located, keyword: string, emit: Emit): void {
  const x = (oldAt.node as Schema)[keyword];
  const y = (newAt.node as Schema)[keyword];
  const where = childPointer(newAt.pointer, keyword);
  if (x === undefined) return emit('constraint-tightened', where, undefined, y);
  if (y === undefined) return emit('constraint-loosened', where, x, undefined);
  compareSchemas(ctx, side, { node: x, pointer: childPointer(oldAt.pointer, keyword) }, { node: y, pointer: where });
}

/** Members compared by position; extra allOf members constrain more, extra variants allow more. */
function compareComposition(
  ctx: DiffContext,
  side: Side,
  oldAt: Located,
  newAt: Located,
  keyword: 'allOf' | 'oneOf' | 'anyOf',
  emit: Emit,
): void {
  const x = (oldAt.node as Schema)[keyword];
  const y = (newAt.node as Schema)[keyword];
  const before: Json[] = Array.isArray(x) ? x : [];
  const after: Json[] = Array.isArray(y) ? y : [];
  const shared = Math.min(before.length, after.length);
  for (let i = 0; i < shared; i++) {
    compareSchemas(
      ctx,
      side,
      { node: before[i], pointer: childPointer(oldAt.pointer, keyword, String(i)) },
      { node: after[i], pointer: childPointer(newAt.pointer, keyword, String(i)) },
    );
  }
  const isAll = keyword === 'allOf';
  for (let i = shared; i < after.length; i++) {
    emit(isAll ? 'constraint-tightened' : 'variant-added', childPointer(newAt.pointer, keyword, String(i)), undefined, refName(after[i]));
  }
  for (let i = shared; i < before.length; i++) {
    emit(isAll ? 'constraint-loosened' : 'variant-removed', childPointer(oldAt.pointer, keyword, String(i)), refName(before[i]), undefined);
  }
}

function refName(node: Json): unknown {
  return isRecord(node) && typeof node.$ref === 'string' ? node.$ref : node;
}
