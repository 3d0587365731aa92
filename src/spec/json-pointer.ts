/**
 * JSON pointers (RFC 6901) into a spec document, and local `$ref` resolution for the diff: a
 * node found through `#/components/...` is reported at the component's own pointer, so a change
 * to a shared schema has one location however many operations reach it.
 */
import { SpecError } from './spec-error';

export type Json = unknown;

/** A node of a spec and where it is. */
export interface Located {
  node: Json;
  pointer: string;
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function childPointer(pointer: string, ...tokens: string[]): string {
  return pointer + tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `pointer` ('' is the whole document), or undefined when nothing is there. */
export function getAtPointer(document: Json, pointer: string): Json {
  if (pointer === '') return document;
  let node: Json = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

const MAX_REF_HOPS = 32;

/**
 * Follows `$ref`s (local ones only) until a node without one. `$ref` siblings are ignored, as
 * OpenAPI 3.0 says; the caller compares their text separately if it wants to.
 */
export function resolveRefs(document: Json, located: Located, label: string): Located {
  let current = located;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const ref = isRecord(current.node) ? current.node.$ref : undefined;
    if (typeof ref !== 'string') return current;
    if (!ref.startsWith('#')) throw new SpecError(label, current.pointer, `only local $refs are supported, found "${ref}"`);
    const pointer = decodeURIComponent(ref.slice(1));
    const target = getAtPointer(document, pointer);
    if (target === undefined) throw new SpecError(label, current.pointer, `$ref "${ref}" points at nothing`);
    current = { node: target, pointer };
  }
  throw new SpecError(label, located.pointer, `more than ${MAX_REF_HOPS} $ref hops: a $ref cycle?`);
}
