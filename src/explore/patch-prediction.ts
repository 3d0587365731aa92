/**
 * What a correct server must do with a JSON Patch, predicted from the token as the server last showed
 * it and a real RFC 6902 implementation (fast-json-patch):
 *  - malformed (E3): not a JSON Patch → 400;
 *  - reject (E4): writes outside E2, or RFC 6902 cannot apply it, or the result is not a valid
 *    AccessTokenPost → 400 or 422, token unchanged (E5);
 *  - apply (E2): the resulting document; `mayReject` names the rule text that lets a correct server
 *    refuse it anyway (null: it must answer 200 with exactly this document).
 */
import { applyOperation, deepClone, getValueByPointer, type Operation } from 'fast-json-patch';
import { validateComponent } from '../contract';
import { E2_FIELDS, RFC6902_OPS, type PatchInput, type PatchOpInput } from './inputs';
import { leniencyFor, pickFields } from './token-projection';

export type PatchPrediction =
  | { kind: 'malformed'; why: string }
  | { kind: 'reject'; why: string }
  | { kind: 'apply'; doc: Record<string, unknown>; mayReject: string | null; unjudged: readonly string[] };

/**
 * E2 leaves `/defaultApiVersion` unspecified ("not tested either way"): a correct server may refuse a
 * write there, apply it, or answer 200 and keep its own value, so the model neither rejects such a patch
 * nor judges that field's value afterwards (the schema checks still judge its type).
 */
const UNSPECIFIED_FIELDS = ['defaultApiVersion'] as const;

/** The body to send: `test` operations that take their value from the model get it here. */
export function resolvePatchBody(patch: PatchInput, doc: Record<string, unknown>): unknown {
  if (patch.kind === 'raw') return patch.body;
  return patch.ops.map((op) => toWire(op, doc));
}

/** Replaces each `#` segment with the index of an element that exists in `doc` (or may be appended, for `add`). */
function resolvePointer(pointer: string, doc: Record<string, unknown>, pick: number, adds: boolean): string {
  const segments = pointer.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (segments[i] !== '#') continue;
    const array = safeValueAt(doc, segments.slice(0, i).join('/'));
    const length = Array.isArray(array) ? array.length : 0;
    const room = length + (adds && i === segments.length - 1 ? 1 : 0);
    segments[i] = String(room > 0 ? pick % room : 0);
  }
  return segments.join('/');
}

function toWire(op: PatchOpInput, doc: Record<string, unknown>): Record<string, unknown> {
  const path = resolvePointer(op.path, doc, op.pick ?? 0, op.op === 'add');
  const wire: Record<string, unknown> = { op: op.op, path };
  if (op.from !== undefined) wire.from = resolvePointer(op.from, doc, op.pick ?? 0, false);
  if (op.valueFromModel) {
    const current = safeValueAt(doc, path);
    wire.value = current === undefined ? op.value : current;
  } else if ('value' in op) wire.value = op.value;
  return wire;
}

function safeValueAt(doc: Record<string, unknown>, pointer: string): unknown {
  try {
    return deepClone(getValueByPointer(doc, pointer));
  } catch {
    return undefined;
  }
}

function topField(pointer: string): string {
  return (pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

const isUnspecifiedField = (pointer: string): boolean =>
  pointer !== '' && (UNSPECIFIED_FIELDS as readonly string[]).includes(topField(pointer));

const isE2 = (pointer: string): boolean => pointer !== '' && (E2_FIELDS as readonly string[]).includes(topField(pointer));

/**
 * Rule E6: `replace` of a whole E2 field the token shows no value for acts as `add` (LaunchDarkly's
 * Terraform provider sends only `replace`/`remove`; specs/clients.md). Judged per operation against the
 * document as patched so far, as RFC 6902 applies operations in order.
 */
function asApplied(current: Record<string, unknown>, o: Record<string, unknown>): Operation {
  const path = o.path as string;
  const wholeField = isE2(path) && path.lastIndexOf('/') === 0;
  if (o.op === 'replace' && wholeField && !(topField(path) in current)) return { ...o, op: 'add' } as unknown as Operation;
  return o as unknown as Operation;
}

export function predictPatch(body: unknown, doc: Record<string, unknown>): PatchPrediction {
  if (!Array.isArray(body)) return { kind: 'malformed', why: 'the body is not a JSON array (E3)' };
  for (const [i, el] of body.entries()) {
    if (typeof el !== 'object' || el === null || Array.isArray(el))
      return { kind: 'malformed', why: `operation ${i} is not an object (E3)` };
    const o = el as Record<string, unknown>;
    if (typeof o.op !== 'string' || typeof o.path !== 'string')
      return { kind: 'malformed', why: `operation ${i} lacks a string op or path (E3)` };
    if (!(RFC6902_OPS as readonly string[]).includes(o.op))
      return { kind: 'malformed', why: `operation ${i} has the unknown op "${o.op}" (E3)` };
  }
  const ops = body as Record<string, unknown>[];
  let unspecified: string | null = null;
  const unjudged = new Set<string>();
  for (const [i, o] of ops.entries()) {
    const path = o.path as string;
    if (o.op === 'move' || o.op === 'copy') unspecified = `operation ${i} is a ${String(o.op)} (E2: move and copy are unspecified)`;
    for (const pointer of [path, o.op === 'move' ? o.from : undefined]) {
      if (typeof pointer !== 'string' || (o.op === 'test' && pointer === path) || !isUnspecifiedField(pointer)) continue;
      unspecified = `operation ${i} touches ${pointer} (E2: /defaultApiVersion is unspecified)`;
      unjudged.add(topField(pointer));
    }
    if (o.op !== 'test' && !isE2(path) && !isUnspecifiedField(path))
      return { kind: 'reject', why: `operation ${i} writes ${path || '""'}, outside E2 (E4)` };
    if (o.op === 'move' && typeof o.from === 'string' && !isE2(o.from) && !isUnspecifiedField(o.from))
      return { kind: 'reject', why: `operation ${i} moves ${o.from || '""'}, outside E2 (E4)` };
  }
  let patched = deepClone(doc) as Record<string, unknown>;
  try {
    for (const [i, o] of ops.entries()) patched = applyOperation(patched, asApplied(patched, o), true, true, true, i).newDocument;
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : 'RFC 6902 cannot apply it';
    return { kind: 'reject', why: `RFC 6902 cannot apply it: ${why} (E4)` };
  }
  const fields = pickFields(patched, E2_FIELDS);
  const violations = validateComponent('AccessTokenPost', fields);
  if (violations.length > 0) {
    const first = violations[0];
    return {
      kind: 'reject',
      why: `the result is not a valid AccessTokenPost at ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'} (E4)`,
    };
  }
  return {
    kind: 'apply',
    doc: patched,
    mayReject: unspecified ?? leniencyFor(fields, pickFields(doc, E2_FIELDS)),
    unjudged: [...unjudged],
  };
}
