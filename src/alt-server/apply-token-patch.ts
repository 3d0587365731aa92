import { JsonPatchError, applyOperation, deepClone, type Operation } from 'fast-json-patch';
import { ApiProblem, UnappliablePatch, badRequest, patchFailed } from './api-problem';
import type { AltFaultId } from './faults';
import type { Role, TokenSettings } from './token-model';
import type { AltVariantOptions } from './variant-options';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  checkRole,
  checkStatements,
  checkStringList,
  checkText,
  type Checked,
} from './validate-fields';

const KNOWN_OPS = new Set(['add', 'remove', 'replace', 'test', 'move', 'copy']);
const WRITABLE = new Set(['name', 'description', 'role', 'customRoleIds', 'inlineRole']);
/** Shown in the representation but never changed by a patch (`defaultApiVersion` included: E2 leaves it open). */
const READ_ONLY = new Set([
  '',
  '_id',
  '_links',
  '_member',
  '_version',
  'x-alt-region',
  'ownerId',
  'memberId',
  'token',
  'creationDate',
  'lastModified',
  'lastUsed',
  'serviceToken',
  'defaultApiVersion',
]);

/** 400 for malformed documents and failing tests, 422 for patches that name paths they may not touch. */
const MALFORMED_PATCH_ERRORS = new Set([
  'SEQUENCE_NOT_AN_ARRAY',
  'OPERATION_NOT_AN_OBJECT',
  'OPERATION_OP_INVALID',
  'OPERATION_PATH_INVALID',
  'OPERATION_FROM_REQUIRED',
  'OPERATION_VALUE_REQUIRED',
  'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED',
]);

export interface PatchOutcome {
  settings: TokenSettings;
  /** False when the patch left every setting as it was (only `test`s, or values set to what they were). */
  changed: boolean;
  /** Only under the FAULT patch-read-only-applied: the creationDate the patch wrote. */
  creationDate?: number;
}

/**
 * Applies an RFC 6902 patch to a token's representation, atomically (on a copy), and reads the new
 * settings back from it. Nothing is stored here: the caller commits `settings` only when this returns.
 */
/** The variant knobs applyTokenPatch reads (variant-options.ts). */
export type PatchVariant = Pick<AltVariantOptions, 'refuseOutsideE2' | 'strictRfc6902'>;

export function applyTokenPatch(
  body: unknown,
  representation: Record<string, unknown>,
  current: TokenSettings,
  fault?: AltFaultId,
  variant: PatchVariant = { refuseOutsideE2: false, strictRfc6902: false },
): PatchOutcome {
  // FAULT: patch-non-array-accepted (E3): a body that is not an array is taken as an empty patch.
  if (fault === 'patch-non-array-accepted' && !Array.isArray(body)) return { settings: current, changed: false };
  // FAULT: patch-unknown-op-accepted (E3) / patch-remove-ignored (E2): such operations are dropped.
  const kept = Array.isArray(body) ? body.filter((raw: unknown) => !isDroppedByFault(raw, fault)) : body;
  const operations = checkPatchDocument(kept);
  for (const op of operations) {
    // Variant refuseOutsideE2: move and copy are not offered (E2 leaves them unspecified).
    if (variant.refuseOutsideE2 && (op.op === 'move' || op.op === 'copy')) throw patchFailed(`Patch rejected: ${op.op} is not supported`);
    // Variant refuseOutsideE2: a `test` is an operation on its path too, refused outside the patchable fields.
    const tested = variant.refuseOutsideE2 ? [op.path] : [];
    const targets = op.op === 'test' ? tested : op.op === 'move' ? [op.path, op.from] : [op.path];
    // FAULT: patch-read-only-applied (E4): /creationDate may be written.
    for (const target of targets) if (!(fault === 'patch-read-only-applied' && target === '/creationDate')) checkTarget(target, op.op);
  }

  const document = deepClone(representation) as Record<string, unknown>;
  try {
    for (const [index, op] of operations.entries())
      applyOperation(document, replaceOfUnsetAsAdd(document, op, variant.strictRfc6902), true, true, true, index);
  } catch (error) {
    // FAULT: patch-failing-test-200 (E4): a failing test answers 200 with nothing changed.
    if (fault === 'patch-failing-test-200' && error instanceof JsonPatchError && error.name === 'TEST_OPERATION_FAILED')
      return { settings: current, changed: false };
    throw translatePatchError(error);
  }

  const settings = readSettings(document, current, fault);
  const outcome: PatchOutcome = { settings, changed: canonical(settings) !== canonical(current) };
  if (
    fault === 'patch-read-only-applied' &&
    typeof document.creationDate === 'number' &&
    document.creationDate !== representation.creationDate
  ) {
    outcome.creationDate = document.creationDate;
    outcome.changed = true;
  }
  return outcome;
}

/**
 * Rule E6: `replace` of a whole writable field this server leaves out (omitUnsetFields) acts as `add`, so
 * Terraform's `replace /role` on a token made with an inline role works (specs/clients.md).
 */
function replaceOfUnsetAsAdd(document: Record<string, unknown>, op: RawOperation, strict: boolean): Operation {
  const head = firstSegment(op.path);
  const wholeField = op.path.split('/').length === 2;
  // Variant strictRfc6902: only where E6 obliges it (its four fields), not /name.
  const asAdd = strict ? E6_FIELDS.has(head) : WRITABLE.has(head);
  return (op.op === 'replace' && wholeField && asAdd && !(head in document) ? { ...op, op: 'add' } : op) as Operation;
}

/** The whole fields rule E6 names: `replace` of them succeeds also when the token has no value there yet. */
const E6_FIELDS = new Set(['role', 'customRoleIds', 'inlineRole', 'description']);

function isDroppedByFault(raw: unknown, fault: AltFaultId | undefined): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const op = (raw as Record<string, unknown>).op;
  if (fault === 'patch-remove-ignored') return op === 'remove';
  if (fault === 'patch-unknown-op-accepted') return typeof op === 'string' && !KNOWN_OPS.has(op);
  if (fault === 'patch-missing-path-accepted') return !('path' in raw);
  return false;
}

interface RawOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function checkPatchDocument(body: unknown): RawOperation[] {
  if (!Array.isArray(body)) throw badRequest('A JSON Patch document must be an array of operations');
  return body.map((raw: unknown, index): RawOperation => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest(`Patch element ${index} is not an object`);
    const record = raw as Record<string, unknown>;
    if (typeof record.op !== 'string') throw badRequest(`Patch element ${index} has no "op"`);
    if (!KNOWN_OPS.has(record.op)) throw badRequest(`Patch element ${index}: "${record.op.slice(0, 20)}" is not a JSON Patch operation`);
    if (typeof record.path !== 'string') throw badRequest(`Patch element ${index} has no "path"`);
    if (record.path !== '' && !record.path.startsWith('/')) throw badRequest(`Patch element ${index}: path must be a JSON Pointer`);
    if ((record.op === 'move' || record.op === 'copy') && typeof record.from !== 'string')
      throw badRequest(`Patch element ${index}: ${record.op} needs "from"`);
    if (['add', 'replace', 'test'].includes(record.op) && !('value' in record))
      throw badRequest(`Patch element ${index}: ${record.op} needs "value"`);
    return record as unknown as RawOperation;
  });
}

function checkTarget(pointer: string | undefined, op: string): void {
  const head = firstSegment(pointer ?? '');
  if (READ_ONLY.has(head)) throw patchFailed(`Patch rejected: "${pointer ?? ''}" is read-only (${op})`);
  if (!WRITABLE.has(head)) throw patchFailed(`Patch rejected: the token has no field "${head.slice(0, 40)}"`);
}

function firstSegment(pointer: string): string {
  if (pointer === '') return '';
  const raw = pointer.split('/')[1] ?? '';
  return raw.replace(/~1/g, '/').replace(/~0/g, '~');
}

function translatePatchError(error: unknown): ApiProblem {
  if (error instanceof JsonPatchError) {
    if (error.name === 'TEST_OPERATION_FAILED')
      return new UnappliablePatch(`Precondition failed: test operation ${String(error.index)} did not match`);
    if (MALFORMED_PATCH_ERRORS.has(error.name)) return badRequest(`Malformed patch operation ${String(error.index)}`);
    return patchFailed(`Patch operation ${String(error.index)} cannot be applied to this token`);
  }
  return patchFailed('Patch cannot be applied to this token');
}

function readSettings(document: Record<string, unknown>, current: TokenSettings, fault?: AltFaultId): TokenSettings {
  const wrongType = <T>(checked: Checked<T>): T => {
    if (!checked.ok) throw new UnappliablePatch(`Patched token is invalid: ${checked.reason}`);
    return checked.value;
  };
  const settings: TokenSettings = {
    customRoleIds: document.customRoleIds === undefined ? [] : wrongType(checkStringList('customRoleIds', document.customRoleIds)),
    serviceToken: current.serviceToken,
    defaultApiVersion: current.defaultApiVersion,
  };
  if (document.name !== undefined) settings.name = wrongType(checkText('name', document.name, MAX_NAME_LENGTH));
  if (document.description !== undefined)
    settings.description = wrongType(checkText('description', document.description, MAX_DESCRIPTION_LENGTH));
  if (document.inlineRole !== undefined) settings.inlineRole = wrongType(checkStatements(document.inlineRole));
  if (document.role !== undefined) {
    if (typeof document.role !== 'string') throw new UnappliablePatch('Patched token is invalid: role must be text');
    // FAULT: patch-role-outside-enum-accepted (E4): any text is stored as the role.
    if (fault === 'patch-role-outside-enum-accepted') return { ...settings, role: document.role as Role };
    const role = checkRole(document.role);
    // A role outside the enum is well-typed but unprocessable: 422 here, while wrong types are 400.
    if (!role.ok) throw patchFailed(`Patch rejected: ${role.reason}`);
    settings.role = role.value;
  }
  return settings;
}

/** JSON with sorted keys, so "changed" does not depend on key order after add/remove. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
