import { applyOperation, deepClone, type Operation } from 'fast-json-patch';
import { PATCHABLE_FIELDS, type EditableTokenFields, type PatchableField, type Role } from './model';
import { checkApiVersion, checkCustomRoleIds, checkInlineRole, checkRole, checkString, toStatement } from './token-fields';

/**
 * JSON Patch (RFC 6902) for tokens. Two stages with two statuses:
 *  - parsePatchDocument: is this a JSON Patch at all? (E3 → 400)
 *  - applyTokenPatch: can this patch be applied to this token? (E4 → 422)
 * The patch is applied to a deep clone, so a failure leaves the stored token untouched (E5).
 */

export interface PatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

const OPS_NEEDING_VALUE = new Set(['add', 'replace', 'test']);
const OPS_NEEDING_FROM = new Set(['move', 'copy']);
const KNOWN_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

function isPointer(p: unknown): p is string {
  return typeof p === 'string' && (p === '' || p.startsWith('/'));
}

/** A well-formed JSON Patch document, or why it is not one. */
export function parsePatchDocument(body: unknown): PatchOp[] | string {
  if (!Array.isArray(body)) return 'request body must be a JSON Patch array';
  const ops: PatchOp[] = [];
  for (const [i, el] of body.entries()) {
    if (typeof el !== 'object' || el === null || Array.isArray(el)) return `patch[${i}] must be an object`;
    const o = el as Record<string, unknown>;
    if (typeof o.op !== 'string') return `patch[${i}].op is required and must be a string`;
    if (!KNOWN_OPS.has(o.op)) return `patch[${i}].op "${o.op}" is not an RFC 6902 operation`;
    if (!isPointer(o.path)) return `patch[${i}].path is required and must be a JSON Pointer`;
    if (OPS_NEEDING_VALUE.has(o.op) && !('value' in o)) return `patch[${i}] (${o.op}) needs a value`;
    if (OPS_NEEDING_FROM.has(o.op) && !isPointer(o.from)) return `patch[${i}] (${o.op}) needs a from pointer`;
    const op: PatchOp = { op: o.op, path: o.path };
    if ('value' in o) op.value = o.value;
    if (typeof o.from === 'string') op.from = o.from;
    ops.push(op);
  }
  return ops;
}

export type PatchOutcome = { ok: true; fields: EditableTokenFields } | { ok: false; failedIndex: number; reason: string };

function topField(pointer: string): string | undefined {
  const first = pointer.split('/')[1];
  return first?.replace(/~1/g, '/').replace(/~0/g, '~');
}

function isPatchable(pointer: string): boolean {
  const field = topField(pointer);
  return field !== undefined && (PATCHABLE_FIELDS as readonly string[]).includes(field);
}

/** The first op that writes outside the patchable fields (reads by `test` / copy's `from` are fine). */
function findReadOnlyWrite(ops: PatchOp[]): { index: number; pointer: string } | null {
  for (const [index, op] of ops.entries()) {
    if (op.op === 'test') continue;
    if (!isPatchable(op.path)) return { index, pointer: op.path };
    if (op.op === 'move' && op.from !== undefined && !isPatchable(op.from)) return { index, pointer: op.from };
  }
  return null;
}

/** Read the patchable fields back out of the patched document, checking each (E4). */
function readEditableFields(doc: Record<string, unknown>): EditableTokenFields | string {
  const fields: Partial<EditableTokenFields> = {};
  const reasons = [
    doc.name === undefined ? null : checkString('name', doc.name),
    doc.description === undefined ? null : checkString('description', doc.description),
    doc.role === undefined ? null : checkRole(doc.role),
    doc.customRoleIds === undefined ? null : checkCustomRoleIds(doc.customRoleIds),
    doc.inlineRole === undefined ? null : checkInlineRole(doc.inlineRole),
    checkApiVersion(doc.defaultApiVersion),
  ];
  const why = reasons.find((r) => r !== null);
  if (why) return why;
  if (doc.name !== undefined) fields.name = doc.name as string;
  if (doc.description !== undefined) fields.description = doc.description as string;
  if (doc.role !== undefined) fields.role = doc.role as Role;
  fields.customRoleIds = doc.customRoleIds === undefined ? [] : [...(doc.customRoleIds as string[])];
  fields.inlineRole = doc.inlineRole === undefined ? [] : (doc.inlineRole as unknown[]).map(toStatement);
  fields.defaultApiVersion = doc.defaultApiVersion as number;
  return fields as EditableTokenFields;
}

function errorIndex(e: unknown, fallback: number): number {
  const index = (e as { index?: unknown }).index;
  return typeof index === 'number' ? index : fallback;
}

/**
 * E6: `replace` of a patchable top-level field the token shows no value for (a token made with an inline role
 * has no `role`) acts as `add`. RFC 6902 wants the target to exist, but LaunchDarkly's Terraform provider only
 * ever sends `replace` and `remove` (specs/clients.md). Decided per operation, against the document as patched
 * so far, so `[remove /role, replace /role]` is judged on what the first operation left.
 */
function asAppliedOperation(current: Record<string, unknown>, op: PatchOp): Operation {
  const field = topField(op.path);
  const isWholeField = field !== undefined && !op.path.slice(1).includes('/');
  if (op.op === 'replace' && isWholeField && isPatchable(op.path) && !(field in current)) return { ...op, op: 'add' } as Operation;
  return op as Operation;
}

/** Apply `ops` to (a clone of) the token document; never mutates `doc`. */
export function applyTokenPatch(doc: Record<string, unknown>, ops: PatchOp[]): PatchOutcome {
  const readOnly = findReadOnlyWrite(ops);
  if (readOnly) return { ok: false, failedIndex: readOnly.index, reason: `path ${readOnly.pointer || '""'} is read-only or unknown` };
  let patched = deepClone(doc) as Record<string, unknown>;
  for (const [index, op] of ops.entries()) {
    try {
      patched = applyOperation(patched, asAppliedOperation(patched, op), true, true, true, index).newDocument;
    } catch (e: unknown) {
      return {
        ok: false,
        failedIndex: errorIndex(e, index),
        reason: e instanceof Error ? (e.message.split('\n')[0] ?? 'patch failed') : 'patch failed',
      };
    }
  }
  const fields = readEditableFields(patched);
  if (typeof fields === 'string') return { ok: false, failedIndex: Math.max(0, ops.length - 1), reason: fields };
  return { ok: true, fields };
}

/** The patchable fields of a token, for change detection. */
export function editableFieldsOf(t: EditableTokenFields): Record<PatchableField, unknown> {
  return {
    name: t.name,
    description: t.description,
    role: t.role,
    customRoleIds: t.customRoleIds,
    inlineRole: t.inlineRole,
    defaultApiVersion: t.defaultApiVersion,
  };
}
