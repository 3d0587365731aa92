/**
 * Every kind of spec change the diff knows, and whether it breaks a client — decided per side.
 *
 * The side is who writes the document: on the REQUEST side (parameters, request bodies) the
 * client writes and the server judges, so anything that accepts less breaks clients; on the
 * RESPONSE side the server writes and the client reads, so anything that may now send what a
 * client did not expect breaks it, while sending less variety does not. That one idea decides
 * most rows: a new required property breaks requests but not responses; a property made
 * optional breaks responses (a client may rely on it) but not requests; an enum value added
 * breaks responses (an exhaustive switch meets an unknown value), an enum value removed breaks
 * requests (a value clients send is now refused) and responses too (a client that branches on,
 * filters by or waits for that value silently loses it — the one row where the response side
 * does not follow "less variety is safe", kept because a value a client names is gone). Removals of things a client names (an
 * operation, a status, a parameter, a property on either side) are breaking: code that uses
 * them stops working or silently loses effect. Text never breaks anyone.
 */

export type Side = 'operation' | 'request' | 'response';
export type Severity = 'breaking' | 'non-breaking';

interface KindRule {
  /** Short human name of the change, shown in the table. */
  title: string;
  request: Severity;
  response: Severity;
}

const B: Severity = 'breaking';
const N: Severity = 'non-breaking';

/** Same severity on every side. */
function both(title: string, severity: Severity): KindRule {
  return { title, request: severity, response: severity };
}

/** Accepts fewer documents: breaks whoever writes them (the client, on the request side). */
function narrows(title: string): KindRule {
  return { title, request: B, response: N };
}

/** Accepts more documents: breaks whoever reads them (the client, on the response side). */
function widens(title: string): KindRule {
  return { title, request: N, response: B };
}

export const CHANGE_KINDS = {
  // Operation level (side 'operation' uses the `request` column).
  'operation-removed': both('operation removed', B),
  'operation-added': both('operation added', N),
  'operation-moved': both('method or path changed', B),
  // Parameters (request side).
  'parameter-removed': both('parameter removed', B),
  'parameter-added-required': both('required parameter added', B),
  'parameter-added-optional': both('optional parameter added', N),
  'parameter-made-required': both('parameter made required', B),
  'parameter-made-optional': both('parameter made optional', N),
  // Request bodies.
  'request-body-removed': both('request body removed', B),
  'request-body-added-required': both('required request body added', B),
  'request-body-added-optional': both('optional request body added', N),
  'request-body-made-required': both('request body made required', B),
  'request-body-made-optional': both('request body made optional', N),
  // Responses.
  'status-removed': both('documented status removed', B),
  'status-added': both('documented status added', N),
  'response-header-removed': both('response header removed', B),
  'response-header-added': both('response header added', N),
  'media-type-removed': both('media type removed', B),
  'media-type-added': both('media type added', N),
  // Schemas (either side).
  'property-removed': both('property removed', B),
  'property-added-required': narrows('required property added'),
  'property-added-optional': both('optional property added', N),
  'property-made-required': narrows('property made required'),
  'property-made-optional': widens('property made optional'),
  'type-changed': both('type changed', B),
  'nullable-added': widens('null allowed'),
  'nullable-removed': narrows('null no longer allowed'),
  'enum-value-added': widens('enum value added'),
  'enum-value-removed': both('enum value removed', B),
  'enum-added': narrows('enum constraint added'),
  'enum-removed': widens('enum constraint removed'),
  'format-added': narrows('format added'),
  'format-removed': widens('format removed'),
  'format-changed': both('format changed', B),
  'constraint-tightened': narrows('constraint tightened'),
  'constraint-loosened': widens('constraint loosened'),
  'pattern-changed': both('pattern changed', B),
  'variant-added': widens('oneOf/anyOf variant added'),
  'variant-removed': narrows('oneOf/anyOf variant removed'),
  'default-changed': { title: 'default changed', request: B, response: N },
  'deprecated-changed': both('deprecation changed', N),
  'text-changed': both('text changed', N),
  // A keyword this table does not judge (readOnly, discriminator, multipleOf, style…): a person
  // must look, so it counts as breaking rather than slipping through as harmless.
  'keyword-changed': both('other keyword changed (review)', B),
} as const satisfies Record<string, KindRule>;

export type ChangeKind = keyof typeof CHANGE_KINDS;

export function classifyChange(kind: ChangeKind, side: Side): Severity {
  const rule: KindRule = CHANGE_KINDS[kind];
  return side === 'response' ? rule.response : rule.request;
}

export function describeKind(kind: ChangeKind): string {
  return CHANGE_KINDS[kind].title;
}
