/**
 * The spec diff: what changed between two versions of the spec, for the six operations only —
 * their method and path, parameters, request body and responses, and every schema they reach
 * through `$ref`s — each change classified as breaking or not from a client's point of view
 * (classify-change.ts). Changes elsewhere in the spec are never looked at.
 *
 * A change to a shared component is found once per operation that reaches it and reported once,
 * naming all of them.
 */
import { classifyChange, type ChangeKind, type Severity, type Side } from './classify-change';
import { compareSchemas, compareText, show, type DiffContext, type FoundChange } from './diff-schema';
import { findOperationIfPresent, type LocatedOperation } from './find-operation';
import { childPointer, isRecord, resolveRefs, type Located } from './json-pointer';
import type { LoadedSpec } from './load-spec';
import { OPERATION_IDS, type OperationId } from '../domain/operations';

export interface SpecChange {
  severity: Severity;
  kind: ChangeKind;
  side: Side;
  /** The operations that reach the changed place, in OPERATION_IDS order. */
  operations: OperationId[];
  /** JSON pointer: in the new spec when the place still exists there, else in the old one. */
  location: string;
  old?: string;
  new?: string;
}

export interface SpecDiff {
  base: string;
  against: string;
  breaking: number;
  nonBreaking: number;
  changes: SpecChange[];
}

export function diffSpecs(base: LoadedSpec, against: LoadedSpec, operationIds: readonly OperationId[] = OPERATION_IDS): SpecDiff {
  const merged = new Map<string, SpecChange>();
  for (const operationId of operationIds) {
    for (const found of diffOperation(base, against, operationId)) {
      const key = JSON.stringify([found.kind, found.side, found.location, found.old, found.new]);
      const existing = merged.get(key);
      if (existing) {
        if (!existing.operations.includes(operationId)) existing.operations.push(operationId);
        continue;
      }
      merged.set(key, {
        severity: classifyChange(found.kind, found.side),
        kind: found.kind,
        side: found.side,
        operations: [operationId],
        location: found.location,
        ...(found.old !== undefined ? { old: found.old } : {}),
        ...(found.new !== undefined ? { new: found.new } : {}),
      });
    }
  }
  const changes = [...merged.values()].sort(compareChanges);
  const breaking = changes.filter((c) => c.severity === 'breaking').length;
  return { base: base.file, against: against.file, breaking, nonBreaking: changes.length - breaking, changes };
}

/** Breaking first, then by first operation, then by location. */
function compareChanges(x: SpecChange, y: SpecChange): number {
  if (x.severity !== y.severity) return x.severity === 'breaking' ? -1 : 1;
  const opX = OPERATION_IDS.indexOf(x.operations[0] ?? 'getTokens');
  const opY = OPERATION_IDS.indexOf(y.operations[0] ?? 'getTokens');
  if (opX !== opY) return opX - opY;
  return x.location < y.location ? -1 : x.location > y.location ? 1 : 0;
}

function operationPointer(op: LocatedOperation): string {
  return childPointer('', 'paths', op.pathTemplate, op.method);
}

function diffOperation(base: LoadedSpec, against: LoadedSpec, operationId: OperationId): FoundChange[] {
  const found: FoundChange[] = [];
  const before = findOperationIfPresent(base, operationId);
  const after = findOperationIfPresent(against, operationId);
  if (!before && !after) return found;
  if (!before || !after) {
    const where = operationPointer((before ?? after) as LocatedOperation);
    found.push({
      kind: before ? 'operation-removed' : 'operation-added',
      side: 'operation',
      location: where,
      old: before ? operationId : undefined,
      new: after ? operationId : undefined,
    });
    return found;
  }
  const ctx: DiffContext = {
    oldDoc: base.document,
    newDoc: against.document,
    oldLabel: base.file,
    newLabel: against.file,
    emit: (change) => found.push(change),
    visited: new Set(),
  };
  const oldAt = { node: before.operation, pointer: operationPointer(before) };
  const newAt = { node: after.operation, pointer: operationPointer(after) };
  if (before.method !== after.method || before.pathTemplate !== after.pathTemplate) {
    found.push({
      kind: 'operation-moved',
      side: 'operation',
      location: newAt.pointer,
      old: `${before.method.toUpperCase()} ${before.pathTemplate}`,
      new: `${after.method.toUpperCase()} ${after.pathTemplate}`,
    });
  }
  compareText(ctx, 'operation', oldAt, newAt);
  if (Boolean(before.operation.deprecated) !== Boolean(after.operation.deprecated)) {
    found.push({
      kind: 'deprecated-changed',
      side: 'operation',
      location: childPointer(newAt.pointer, 'deprecated'),
      old: show(before.operation.deprecated),
      new: show(after.operation.deprecated),
    });
  }
  diffParameters(ctx, before, after);
  diffRequestBody(ctx, oldAt, newAt);
  diffResponses(ctx, oldAt, newAt);
  return found;
}

/** Path-level and operation-level parameters, the latter overriding, keyed by `in:name`. */
function collectParameters(ctx: DiffContext, op: LocatedOperation, which: 'old' | 'new'): Map<string, Located> {
  const doc = which === 'old' ? ctx.oldDoc : ctx.newDoc;
  const label = which === 'old' ? ctx.oldLabel : ctx.newLabel;
  const result = new Map<string, Located>();
  const lists: [string, unknown][] = [
    [childPointer('', 'paths', op.pathTemplate, 'parameters'), op.pathItem.parameters],
    [childPointer(operationPointer(op), 'parameters'), op.operation.parameters],
  ];
  for (const [pointer, list] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry: unknown, i) => {
      const located = resolveRefs(doc, { node: entry, pointer: childPointer(pointer, String(i)) }, label);
      if (isRecord(located.node)) result.set(`${String(located.node.in)}:${String(located.node.name)}`, located);
    });
  }
  return result;
}

function diffParameters(ctx: DiffContext, before: LocatedOperation, after: LocatedOperation): void {
  const oldParams = collectParameters(ctx, before, 'old');
  const newParams = collectParameters(ctx, after, 'new');
  for (const [key, at] of oldParams) {
    if (!newParams.has(key)) ctx.emit({ kind: 'parameter-removed', side: 'request', location: at.pointer, old: key });
  }
  for (const [key, at] of newParams) {
    const required = isRecord(at.node) && at.node.required === true;
    const previous = oldParams.get(key);
    if (!previous) {
      ctx.emit({
        kind: required ? 'parameter-added-required' : 'parameter-added-optional',
        side: 'request',
        location: at.pointer,
        new: key,
      });
      continue;
    }
    const wasRequired = isRecord(previous.node) && previous.node.required === true;
    if (wasRequired !== required) {
      ctx.emit({
        kind: required ? 'parameter-made-required' : 'parameter-made-optional',
        side: 'request',
        location: childPointer(at.pointer, 'required'),
        old: String(wasRequired),
        new: String(required),
      });
    }
    compareText(ctx, 'request', previous, at);
    compareSerialisation(ctx, previous, at);
    const oldSchema = isRecord(previous.node) ? previous.node.schema : undefined;
    const newSchema = isRecord(at.node) ? at.node.schema : undefined;
    if (oldSchema !== undefined && newSchema !== undefined) {
      compareSchemas(
        ctx,
        'request',
        { node: oldSchema, pointer: childPointer(previous.pointer, 'schema') },
        { node: newSchema, pointer: childPointer(at.pointer, 'schema') },
      );
    }
  }
}

/** style/explode/allowEmptyValue/deprecated: how a client must send the parameter. */
function compareSerialisation(ctx: DiffContext, before: Located, after: Located): void {
  if (!isRecord(before.node) || !isRecord(after.node)) return;
  for (const keyword of ['style', 'explode', 'allowEmptyValue', 'allowReserved']) {
    const x = before.node[keyword];
    const y = after.node[keyword];
    if (x !== y)
      ctx.emit({ kind: 'keyword-changed', side: 'request', location: childPointer(after.pointer, keyword), old: show(x), new: show(y) });
  }
  if (Boolean(before.node.deprecated) !== Boolean(after.node.deprecated)) {
    ctx.emit({
      kind: 'deprecated-changed',
      side: 'request',
      location: childPointer(after.pointer, 'deprecated'),
      old: show(before.node.deprecated),
      new: show(after.node.deprecated),
    });
  }
}

function child(ctx: DiffContext, which: 'old' | 'new', parent: Located, key: string): Located | undefined {
  if (!isRecord(parent.node) || parent.node[key] === undefined) return undefined;
  const located = { node: parent.node[key], pointer: childPointer(parent.pointer, key) };
  return which === 'old' ? resolveRefs(ctx.oldDoc, located, ctx.oldLabel) : resolveRefs(ctx.newDoc, located, ctx.newLabel);
}

function diffRequestBody(ctx: DiffContext, oldOp: Located, newOp: Located): void {
  const before = child(ctx, 'old', oldOp, 'requestBody');
  const after = child(ctx, 'new', newOp, 'requestBody');
  const isRequired = (body: Located | undefined): boolean => isRecord(body?.node) && body.node.required === true;
  if (!before && !after) return;
  if (before && !after) {
    ctx.emit({ kind: 'request-body-removed', side: 'request', location: before.pointer, old: 'requestBody' });
    return;
  }
  if (!before && after) {
    ctx.emit({
      kind: isRequired(after) ? 'request-body-added-required' : 'request-body-added-optional',
      side: 'request',
      location: after.pointer,
      new: 'requestBody',
    });
    return;
  }
  if (!before || !after) return;
  if (isRequired(before) !== isRequired(after)) {
    ctx.emit({
      kind: isRequired(after) ? 'request-body-made-required' : 'request-body-made-optional',
      side: 'request',
      location: childPointer(after.pointer, 'required'),
      old: String(isRequired(before)),
      new: String(isRequired(after)),
    });
  }
  compareText(ctx, 'request', before, after);
  diffContent(ctx, 'request', before, after);
}

/** Media types of a request body or response, and the schema of each one both sides have. */
function diffContent(ctx: DiffContext, side: Side, before: Located, after: Located): void {
  const oldContent = child(ctx, 'old', before, 'content');
  const newContent = child(ctx, 'new', after, 'content');
  const oldTypes = isRecord(oldContent?.node) ? oldContent.node : {};
  const newTypes = isRecord(newContent?.node) ? newContent.node : {};
  const contentPointer = (at: Located): string => childPointer(at.pointer, 'content');
  for (const type of Object.keys(oldTypes)) {
    if (!Object.hasOwn(newTypes, type))
      ctx.emit({ kind: 'media-type-removed', side, location: childPointer(contentPointer(before), type), old: type });
  }
  for (const type of Object.keys(newTypes)) {
    const where = childPointer(contentPointer(after), type);
    if (!Object.hasOwn(oldTypes, type)) {
      ctx.emit({ kind: 'media-type-added', side, location: where, new: type });
      continue;
    }
    const x = oldTypes[type];
    const y = newTypes[type];
    const oldSchema = isRecord(x) ? x.schema : undefined;
    const newSchema = isRecord(y) ? y.schema : undefined;
    if (oldSchema === undefined && newSchema === undefined) continue;
    if (oldSchema === undefined || newSchema === undefined) {
      ctx.emit({
        kind: oldSchema === undefined ? 'constraint-tightened' : 'constraint-loosened',
        side,
        location: childPointer(where, 'schema'),
        old: show(oldSchema),
        new: show(newSchema),
      });
      continue;
    }
    compareSchemas(
      ctx,
      side,
      { node: oldSchema, pointer: childPointer(contentPointer(before), type, 'schema') },
      { node: newSchema, pointer: childPointer(where, 'schema') },
    );
  }
}

function diffResponses(ctx: DiffContext, oldOp: Located, newOp: Located): void {
  const oldResponses = child(ctx, 'old', oldOp, 'responses');
  const newResponses = child(ctx, 'new', newOp, 'responses');
  const oldStatuses = isRecord(oldResponses?.node) ? Object.keys(oldResponses.node) : [];
  const newStatuses = isRecord(newResponses?.node) ? Object.keys(newResponses.node) : [];
  const oldBase = oldResponses?.pointer ?? childPointer(oldOp.pointer, 'responses');
  const newBase = newResponses?.pointer ?? childPointer(newOp.pointer, 'responses');
  for (const status of oldStatuses) {
    if (!newStatuses.includes(status))
      ctx.emit({ kind: 'status-removed', side: 'response', location: childPointer(oldBase, status), old: status });
  }
  for (const status of newStatuses) {
    if (!oldStatuses.includes(status)) {
      ctx.emit({ kind: 'status-added', side: 'response', location: childPointer(newBase, status), new: status });
      continue;
    }
    const before = oldResponses && child(ctx, 'old', oldResponses, status);
    const after = newResponses && child(ctx, 'new', newResponses, status);
    if (!before || !after) continue;
    compareText(ctx, 'response', before, after);
    diffHeaders(ctx, before, after);
    diffContent(ctx, 'response', before, after);
  }
}

function diffHeaders(ctx: DiffContext, before: Located, after: Located): void {
  const oldHeaders = child(ctx, 'old', before, 'headers');
  const newHeaders = child(ctx, 'new', after, 'headers');
  const x = isRecord(oldHeaders?.node) ? oldHeaders.node : {};
  const y = isRecord(newHeaders?.node) ? newHeaders.node : {};
  const lower = (names: string[]): Map<string, string> => new Map(names.map((n) => [n.toLowerCase(), n]));
  const oldNames = lower(Object.keys(x));
  const newNames = lower(Object.keys(y));
  for (const [key, name] of oldNames) {
    if (!newNames.has(key))
      ctx.emit({ kind: 'response-header-removed', side: 'response', location: childPointer(before.pointer, 'headers', name), old: name });
  }
  for (const [key, name] of newNames) {
    const oldName = oldNames.get(key);
    const where = childPointer(after.pointer, 'headers', name);
    if (oldName === undefined) {
      ctx.emit({ kind: 'response-header-added', side: 'response', location: where, new: name });
      continue;
    }
    const oldHeader = resolveRefs(
      ctx.oldDoc,
      { node: x[oldName], pointer: childPointer(before.pointer, 'headers', oldName) },
      ctx.oldLabel,
    );
    const newHeader = resolveRefs(ctx.newDoc, { node: y[name], pointer: where }, ctx.newLabel);
    const oldSchema = isRecord(oldHeader.node) ? oldHeader.node.schema : undefined;
    const newSchema = isRecord(newHeader.node) ? newHeader.node.schema : undefined;
    if (oldSchema !== undefined && newSchema !== undefined) {
      compareSchemas(
        ctx,
        'response',
        { node: oldSchema, pointer: childPointer(oldHeader.pointer, 'schema') },
        { node: newSchema, pointer: childPointer(newHeader.pointer, 'schema') },
      );
    }
  }
}
