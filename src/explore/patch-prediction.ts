/**
 * What a correct server may answer to a JSON Patch, predicted from the token as the server last showed it
 * and a real RFC 6902 implementation (fast-json-patch). Every answer rests on a row of the prediction table
 * (prediction-rules.ts):
 *  - malformed (E3): not a JSON Patch → 400;
 *  - reject (E4): a write to a read-only or unknown path, or RFC 6902 cannot apply it, or the result is no
 *    valid AccessTokenPost → 400 or 422, token unchanged (E5);
 *  - apply (E2, E6): 200 with the resulting document.
 * Where no rule decides (a `test` outside E2, `move`/`copy`, /defaultApiVersion, other Token fields, an
 * operation on a field the token shows no value for, the refusals of leniencyFor) the prediction lists every
 * documented answer, each under its open row; the command accepts any of them and records which it got.
 */
import { applyOperation, deepClone, getValueByPointer, type Operation } from 'fast-json-patch';
import { validateComponent } from '../contract';
import { E2_FIELDS, RFC6902_OPS, type PatchInput, type PatchOpInput } from './inputs';
import type { OpenRowId, PredictionRowId } from './prediction-rules';
import { loadComponentSchema, propertySchemas } from './schema-source';
import { leniencyFor, pickFields } from './token-projection';

/** One answer a correct server may give. */
export interface PatchAnswer {
  /** The row of the prediction table it rests on. */
  row: PredictionRowId;
  statuses: readonly number[];
  /** 200 only: the token the answer must show (compared through projectToken). */
  doc?: Record<string, unknown>;
  /** Fields whose value this answer is not judged on (no rule decides them). */
  unjudged: readonly string[];
  /**
   * E6 ("a server may show such fields as empty"): these fields — ones the token showed no value for, or the
   * result has none for — are compared with an absent value read as the field's empty value, on both sides.
   */
  fillEmpty?: readonly string[];
}

export interface PatchPrediction {
  /** The strict reading: RFC 6902 on the token as shown, E2–E6 applied. */
  kind: 'malformed' | 'reject' | 'apply';
  why: string;
  /** Every answer a correct server may give; the first is the strict reading, the one a failure is reported against. */
  answers: PatchAnswer[];
}

/** E4 names these read-only paths. */
const READ_ONLY_PATHS = ['_id', 'token', 'ownerId', 'memberId', 'creationDate'] as const;
const TOKEN_FIELDS = Object.keys(propertySchemas(loadComponentSchema('Token')));
/** E6: "a server may show such fields as empty" — the empty value of each field E6 names that has one. */
export const EMPTY_VALUES: Readonly<Record<string, unknown>> = { description: '', customRoleIds: [], inlineRole: [] };

type PathClass = 'e2' | 'api-version' | 'other-field' | 'forbidden';

/** Where a pointer lands: an E2 field, /defaultApiVersion (E2: unspecified), another Token field E4 does not name, or a path E4 forbids. */
function classify(pointer: string): PathClass {
  if (pointer === '') return 'forbidden';
  const top = topField(pointer);
  if ((E2_FIELDS as readonly string[]).includes(top)) return 'e2';
  if (top === 'defaultApiVersion') return 'api-version';
  if ((READ_ONLY_PATHS as readonly string[]).includes(top) || !TOKEN_FIELDS.includes(top)) return 'forbidden';
  return 'other-field';
}

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

type Op = Record<string, unknown> & { op: string; path: string };

/** The pointers an operation writes (E4 judges these), and the one it reads from. */
const writes = (o: Op): string[] => (o.op === 'test' ? [] : o.op === 'move' && typeof o.from === 'string' ? [o.path, o.from] : [o.path]);
const touches = (o: Op): string[] => [o.path, ...(typeof o.from === 'string' ? [o.from] : [])];

/** The open row that lets a correct server refuse (or apply its own way) this operation, if any. */
function openRowOf(o: Op): OpenRowId | null {
  if (o.op === 'move' || o.op === 'copy') return 'patch-move-copy';
  const classes = writes(o).map(classify);
  if (classes.includes('api-version') || (typeof o.from === 'string' && classify(o.from) === 'api-version'))
    return 'patch-default-api-version';
  if (classes.includes('other-field')) return 'patch-other-token-field';
  return null;
}

/**
 * Rule E6: `replace` of a whole E2 field the token shows no value for acts as `add` (LaunchDarkly's
 * Terraform provider sends only `replace`/`remove`; specs/clients.md). Judged per operation against the
 * document as patched so far, as RFC 6902 applies operations in order.
 */
function asApplied(current: Record<string, unknown>, o: Op): { op: Operation; replaceAsAdd: boolean } {
  const wholeField = classify(o.path) === 'e2' && o.path.lastIndexOf('/') === 0;
  if (o.op === 'replace' && wholeField && !(topField(o.path) in current))
    return { op: { ...o, op: 'add' } as unknown as Operation, replaceAsAdd: true };
  return { op: o as unknown as Operation, replaceAsAdd: false };
}

type Evaluation = { ok: true; doc: Record<string, unknown>; replaceAsAdd: boolean; skipped: Op[] } | { ok: false; why: string };

/**
 * Applies the operations in order (RFC 6902, with E6). `skipOpen`: an operation under an open row that RFC 6902
 * cannot apply is skipped instead of failing the patch (a server may give such operations its own meaning).
 */
function evaluate(doc: Record<string, unknown>, ops: readonly Op[], skipOpen: boolean): Evaluation {
  let patched = deepClone(doc) as Record<string, unknown>;
  let replaceAsAdd = false;
  const skipped: Op[] = [];
  for (const [i, o] of ops.entries()) {
    // A copy: fast-json-patch inserts an operation's value by reference, and a later operation of the same patch
    // (`add /customRoleIds/0` after `add /customRoleIds`) would then change the body the command sends.
    const applied = asApplied(patched, deepClone(o) as Op);
    try {
      patched = applyOperation(patched, applied.op, true, true, true, i).newDocument;
      replaceAsAdd ||= applied.replaceAsAdd;
    } catch (error) {
      if (skipOpen && openRowOf(o) !== null) {
        skipped.push(o);
        continue;
      }
      const why = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : 'RFC 6902 cannot apply it';
      return { ok: false, why: `RFC 6902 cannot apply it: ${why} (E4)` };
    }
  }
  const violations = validateComponent('AccessTokenPost', pickFields(patched, E2_FIELDS));
  if (violations.length > 0) {
    const first = violations[0];
    return {
      ok: false,
      why: `the result is not a valid AccessTokenPost at ${first?.instancePath || '/'}: ${first?.message ?? 'invalid'} (E4)`,
    };
  }
  return { ok: true, doc: patched, replaceAsAdd, skipped };
}

/** The prediction on the token exactly as shown (no E6 "shown as empty" alternative). */
function predictAsShown(ops: readonly Op[], doc: Record<string, unknown>): PatchPrediction {
  for (const [i, o] of ops.entries()) {
    const forbidden = writes(o).find((pointer) => classify(pointer) === 'forbidden');
    if (forbidden !== undefined) {
      const why = `operation ${i} ${o.op === 'move' && forbidden === o.from ? 'moves' : 'writes'} ${forbidden || '""'}, a read-only or unknown path (E4)`;
      return { kind: 'reject', why, answers: [{ row: 'patch-read-only-or-unknown', statuses: [400, 422], unjudged: [] }] };
    }
  }
  const open = ops.map(openRowOf).filter((row): row is OpenRowId => row !== null);
  const unjudged = [
    ...new Set(
      ops.flatMap((o) =>
        touches(o)
          .filter((pointer) => ['api-version', 'other-field'].includes(classify(pointer)))
          .map(topField),
      ),
    ),
  ];
  const strict = evaluate(doc, ops, false);
  if (!strict.ok) {
    const answers: PatchAnswer[] = [{ row: 'patch-unappliable', statuses: [400, 422], unjudged: [] }];
    const lenient = open.length > 0 ? evaluate(doc, ops, true) : null;
    if (lenient?.ok) {
      const skippedFields = lenient.skipped.flatMap((o) => touches(o).map(topField));
      const row = lenient.skipped.some((o) => o.op === 'move' || o.op === 'copy')
        ? 'patch-move-copy-unappliable'
        : (open.find((r) => r !== 'patch-move-copy') ?? 'patch-move-copy-unappliable');
      answers.push({ row, statuses: [200], doc: lenient.doc, unjudged: [...new Set([...unjudged, ...skippedFields])] });
    }
    return { kind: 'reject', why: strict.why, answers };
  }
  // A `test` RFC 6902 passed outside E2: E2 promises `test` on its fields only, E4 lets a server refuse such a path.
  const testOutside = ops.some((o) => o.op === 'test' && classify(o.path) !== 'e2');
  const refusals = [
    ...open,
    ...(testOutside ? (['patch-test-outside-e2'] as const) : []),
    ...[leniencyFor(pickFields(strict.doc, E2_FIELDS), pickFields(doc, E2_FIELDS))].filter((row): row is OpenRowId => row !== null),
  ];
  // The 200 rests on the first open row when there is one (then it is recorded), else on E6 or E2.
  const applyRow: PredictionRowId =
    open[0] ?? (testOutside ? 'patch-test-outside-e2' : strict.replaceAsAdd ? 'patch-replace-unset' : 'patch-applies');
  return {
    kind: 'apply',
    why:
      open.length > 0
        ? `no rule decides this patch (${open.join(', ')})`
        : 'RFC 6902 applies it to E2 fields and the result is a valid AccessTokenPost, so it must not be refused',
    answers: [
      { row: applyRow, statuses: [200], doc: strict.doc, unjudged },
      // E6: a field the result has no value for (e.g. after `remove /description`) may be shown as empty.
      ...(unsetIn(strict.doc).length > 0
        ? [{ row: 'patch-unset-field-as-empty', statuses: [200], doc: strict.doc, unjudged, fillEmpty: unsetIn(strict.doc) } as const]
        : []),
      ...[...new Set(refusals)].map((row): PatchAnswer => ({ row, statuses: [400, 422], unjudged: [] })),
    ],
  };
}

export function predictPatch(body: unknown, doc: Record<string, unknown>): PatchPrediction {
  if (!Array.isArray(body)) return malformed('the body is not a JSON array (E3)');
  for (const [i, el] of body.entries()) {
    if (typeof el !== 'object' || el === null || Array.isArray(el)) return malformed(`operation ${i} is not an object (E3)`);
    const o = el as Record<string, unknown>;
    if (typeof o.op !== 'string' || typeof o.path !== 'string') return malformed(`operation ${i} lacks a string op or path (E3)`);
    if (!(RFC6902_OPS as readonly string[]).includes(o.op)) return malformed(`operation ${i} has the unknown op "${o.op}" (E3)`);
  }
  const ops = body as Op[];
  const prediction = predictAsShown(ops, doc);
  // E6: "a server may show such fields as empty" — and so may hold an empty value where it shows none. An
  // operation on such a field may then be answered as if it held "" or []: those answers are accepted too.
  const unset = [
    ...new Set(ops.flatMap((o) => touches(o).map(topField)).filter((field) => field in EMPTY_VALUES && doc[field] === undefined)),
  ];
  if (prediction.kind === 'reject' && prediction.answers[0]?.row === 'patch-read-only-or-unknown') return prediction;
  if (unset.length === 0) return prediction;
  const filled = { ...doc, ...Object.fromEntries(unset.map((field) => [field, deepClone(EMPTY_VALUES[field])])) };
  const asEmpty = predictAsShown(ops, filled).answers.map((a): PatchAnswer => ({
    ...a,
    row: 'patch-unset-field-as-empty',
    fillEmpty: [...new Set([...unset, ...(a.doc ? unsetIn(a.doc) : [])])],
  }));
  return { ...prediction, answers: [...prediction.answers, ...asEmpty] };
}

/** The fields E6 lets a server show as empty that `doc` has no value for. */
function unsetIn(doc: Record<string, unknown>): string[] {
  return Object.keys(EMPTY_VALUES).filter((field) => doc[field] === undefined);
}

function malformed(why: string): PatchPrediction {
  return { kind: 'malformed', why, answers: [{ row: 'patch-malformed', statuses: [400], unjudged: [] }] };
}

/** The answers of a prediction that take this status. */
export function answersFor(prediction: PatchPrediction, status: number): PatchAnswer[] {
  return prediction.answers.filter((a) => a.statuses.includes(status));
}
