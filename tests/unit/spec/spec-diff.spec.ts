import { expect, test } from '@playwright/test';
import type { ChangeKind, Severity, Side } from '../../../src/spec/classify-change';
import type { OperationId } from '../../../src/domain/operations';
import { diffSpecs, type SpecChange } from '../../../src/spec/spec-diff';
import {
  asLoaded,
  COLLECTION,
  copyVendoredSpec,
  ITEM,
  operation,
  parameter,
  property,
  RESET,
  schema,
  type SpecDoc,
} from '../../support/spec-mutations';

/**
 * One row per kind of change, each a small edit of the vendored spec. `want` is the diff from the
 * vendored spec to the edited one; `reverse` the diff back, which is the opposite change (a
 * removal read backwards is an addition), so every row checks both directions.
 */
interface Want {
  kind: ChangeKind;
  severity: Severity;
  side: Side;
  operations: OperationId[];
  location: string;
}

interface Row {
  name: string;
  /** Preparation applied to both versions (for a change that needs something to exist first). */
  base?: (spec: SpecDoc) => void;
  given: (spec: SpecDoc) => void;
  want: Want;
  reverse: Omit<Want, 'operations' | 'location'> & Partial<Pick<Want, 'location'>>;
}

const TOKEN_OPS: OperationId[] = ['getTokens', 'postToken', 'getToken', 'patchToken', 'resetToken'];
const P_COLLECTION = '/paths/~1api~1v2~1tokens';
const P_ITEM = '/paths/~1api~1v2~1tokens~1{id}';
const P_RESET = '/paths/~1api~1v2~1tokens~1{id}~1reset';
const TOKEN = '/components/schemas/Token';
const POST_BODY = '/components/schemas/AccessTokenPost';

const rows: Row[] = [
  {
    name: 'an operation removed',
    given: (s) => void delete s.paths[RESET],
    want: { kind: 'operation-removed', severity: 'breaking', side: 'operation', operations: ['resetToken'], location: `${P_RESET}/post` },
    reverse: { kind: 'operation-added', severity: 'non-breaking', side: 'operation' },
  },
  {
    name: 'an operation moved to another path',
    given: (s) => {
      s.paths['/api/v2/tokens/{id}/rotate'] = s.paths[RESET] ?? {};
      delete s.paths[RESET];
    },
    want: {
      kind: 'operation-moved',
      severity: 'breaking',
      side: 'operation',
      operations: ['resetToken'],
      location: '/paths/~1api~1v2~1tokens~1{id}~1rotate/post',
    },
    reverse: { kind: 'operation-moved', severity: 'breaking', side: 'operation', location: `${P_RESET}/post` },
  },
  {
    name: 'a query parameter removed',
    given: (s) => void operation(s, COLLECTION, 'get').parameters?.splice(2, 1),
    want: {
      kind: 'parameter-removed',
      severity: 'breaking',
      side: 'request',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/parameters/2`,
    },
    reverse: { kind: 'parameter-added-optional', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a required query parameter added',
    given: (s) =>
      void operation(s, COLLECTION, 'get').parameters?.push({ name: 'filter', in: 'query', required: true, schema: { type: 'string' } }),
    want: {
      kind: 'parameter-added-required',
      severity: 'breaking',
      side: 'request',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/parameters/3`,
    },
    reverse: { kind: 'parameter-removed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a parameter made required',
    given: (s) => void (parameter(s, COLLECTION, 'get', 'limit').required = true),
    want: {
      kind: 'parameter-made-required',
      severity: 'breaking',
      side: 'request',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/parameters/1/required`,
    },
    reverse: { kind: 'parameter-made-optional', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a request body removed',
    given: (s) => void delete operation(s, ITEM, 'patch').requestBody,
    want: {
      kind: 'request-body-removed',
      severity: 'breaking',
      side: 'request',
      operations: ['patchToken'],
      location: `${P_ITEM}/patch/requestBody`,
    },
    reverse: { kind: 'request-body-added-required', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a request body made optional',
    given: (s) => void ((operation(s, COLLECTION, 'post').requestBody ?? {}).required = false),
    want: {
      kind: 'request-body-made-optional',
      severity: 'non-breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${P_COLLECTION}/post/requestBody/required`,
    },
    reverse: { kind: 'request-body-made-required', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a documented status removed',
    given: (s) => void delete operation(s, ITEM, 'patch').responses['409'],
    want: {
      kind: 'status-removed',
      severity: 'breaking',
      side: 'response',
      operations: ['patchToken'],
      location: `${P_ITEM}/patch/responses/409`,
    },
    reverse: { kind: 'status-added', severity: 'non-breaking', side: 'response' },
  },
  {
    name: 'a response media type added',
    given: (s) => {
      const content = operation(s, ITEM, 'get').responses['200']?.content as Record<string, unknown>;
      content['application/yaml'] = { schema: { $ref: '#/components/schemas/Token' } };
    },
    want: {
      kind: 'media-type-added',
      severity: 'non-breaking',
      side: 'response',
      operations: ['getToken'],
      location: `${P_ITEM}/get/responses/200/content/application~1yaml`,
    },
    reverse: { kind: 'media-type-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a response header added',
    given: (s) =>
      void ((operation(s, COLLECTION, 'get').responses['200'] ?? {}).headers = { 'X-Ratelimit-Reset': { schema: { type: 'integer' } } }),
    want: {
      kind: 'response-header-added',
      severity: 'non-breaking',
      side: 'response',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/responses/200/headers/X-Ratelimit-Reset`,
    },
    reverse: { kind: 'response-header-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a response property removed',
    given: (s) => void delete schema(s, 'Token').properties?.name,
    want: { kind: 'property-removed', severity: 'breaking', side: 'response', operations: TOKEN_OPS, location: `${TOKEN}/properties/name` },
    reverse: { kind: 'property-added-optional', severity: 'non-breaking', side: 'response' },
  },
  {
    name: 'a request property removed',
    given: (s) => void delete schema(s, 'AccessTokenPost').properties?.description,
    want: {
      kind: 'property-removed',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/description`,
    },
    reverse: { kind: 'property-added-optional', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a new required request property',
    given: (s) => {
      const body = schema(s, 'AccessTokenPost');
      body.properties = { ...body.properties, team: { type: 'string' } };
      body.required = ['team'];
    },
    want: {
      kind: 'property-added-required',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/team`,
    },
    reverse: { kind: 'property-removed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a new required response property',
    given: (s) => {
      const token = schema(s, 'Token');
      token.properties = { ...token.properties, team: { type: 'string' } };
      token.required = [...(token.required ?? []), 'team'];
    },
    want: {
      kind: 'property-added-required',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/team`,
    },
    reverse: { kind: 'property-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a request property made required',
    given: (s) => void (schema(s, 'AccessTokenPost').required = ['name']),
    want: {
      kind: 'property-made-required',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/required`,
    },
    reverse: { kind: 'property-made-optional', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a response property made required',
    given: (s) => void schema(s, 'Token').required?.push('name'),
    want: {
      kind: 'property-made-required',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/required`,
    },
    reverse: { kind: 'property-made-optional', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a response property type changed',
    given: (s) => void (property(s, 'Token', 'name').type = 'integer'),
    want: {
      kind: 'type-changed',
      severity: 'breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/name/type`,
    },
    reverse: { kind: 'type-changed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a request property type changed',
    given: (s) => void (property(s, 'AccessTokenPost', 'defaultApiVersion').type = 'string'),
    want: {
      kind: 'type-changed',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/defaultApiVersion/type`,
    },
    reverse: { kind: 'type-changed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'null allowed in a response',
    given: (s) => void (property(s, 'Token', 'description').nullable = true),
    want: {
      kind: 'nullable-added',
      severity: 'breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/description/nullable`,
    },
    reverse: { kind: 'nullable-removed', severity: 'non-breaking', side: 'response' },
  },
  {
    name: 'null allowed in a request',
    given: (s) => void (property(s, 'AccessTokenPost', 'description').nullable = true),
    want: {
      kind: 'nullable-added',
      severity: 'non-breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/description/nullable`,
    },
    reverse: { kind: 'nullable-removed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'an enum value removed from a request',
    given: (s) => void (property(s, 'AccessTokenPost', 'role').enum = ['reader', 'writer']),
    want: {
      kind: 'enum-value-removed',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/role/enum`,
    },
    reverse: { kind: 'enum-value-added', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'an enum value added to a response',
    given: (s) => void property(s, 'Statement', 'effect').enum?.push('audit'),
    want: {
      kind: 'enum-value-added',
      severity: 'breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: '/components/schemas/Statement/properties/effect/enum',
    },
    reverse: { kind: 'enum-value-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'an enum constraint put on a response property',
    given: (s) => void (property(s, 'Token', 'role').enum = ['reader', 'writer', 'admin']),
    want: {
      kind: 'enum-added',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/role/enum`,
    },
    reverse: { kind: 'enum-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a parameter format changed',
    given: (s) => void ((parameter(s, COLLECTION, 'get', 'limit').schema as Record<string, unknown>).format = 'int32'),
    want: {
      kind: 'format-changed',
      severity: 'breaking',
      side: 'request',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/parameters/1/schema/format`,
    },
    reverse: { kind: 'format-changed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a format added to a response property',
    given: (s) => void (property(s, 'Link', 'href').format = 'uri-reference'),
    want: {
      kind: 'format-added',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: '/components/schemas/Link/properties/href/format',
    },
    reverse: { kind: 'format-removed', severity: 'breaking', side: 'response' },
  },
  {
    name: 'a maxLength added to a request property',
    given: (s) => void (property(s, 'AccessTokenPost', 'name').maxLength = 64),
    want: {
      kind: 'constraint-tightened',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/name/maxLength`,
    },
    reverse: { kind: 'constraint-loosened', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a maxLength added to a response property',
    given: (s) => void (property(s, 'Token', 'name').maxLength = 64),
    want: {
      kind: 'constraint-tightened',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/name/maxLength`,
    },
    reverse: { kind: 'constraint-loosened', severity: 'breaking', side: 'response' },
  },
  {
    name: 'extra properties forbidden in a request body',
    given: (s) => void (schema(s, 'AccessTokenPost').additionalProperties = false),
    want: {
      kind: 'constraint-tightened',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/additionalProperties`,
    },
    reverse: { kind: 'constraint-loosened', severity: 'non-breaking', side: 'request' },
  },
  {
    name: 'a pattern changed',
    base: (s) => void (property(s, 'AccessTokenPost', 'name').pattern = '^[a-z]+$'),
    given: (s) => void (property(s, 'AccessTokenPost', 'name').pattern = '^[a-z0-9]+$'),
    want: {
      kind: 'pattern-changed',
      severity: 'breaking',
      side: 'request',
      operations: ['postToken'],
      location: `${POST_BODY}/properties/name/pattern`,
    },
    reverse: { kind: 'pattern-changed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a oneOf variant added to a response',
    base: (s) => void (schema(s, 'Token').properties = { ...schema(s, 'Token').properties, role: { oneOf: [{ type: 'string' }] } }),
    given: (s) => void (property(s, 'Token', 'role').oneOf as unknown[]).push({ type: 'integer' }),
    want: {
      kind: 'variant-added',
      severity: 'breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/role/oneOf/1`,
    },
    reverse: { kind: 'variant-removed', severity: 'non-breaking', side: 'response' },
  },
  {
    name: 'a parameter default changed',
    base: (s) => void ((parameter(s, COLLECTION, 'get', 'limit').schema as Record<string, unknown>).default = 25),
    given: (s) => void ((parameter(s, COLLECTION, 'get', 'limit').schema as Record<string, unknown>).default = 50),
    want: {
      kind: 'default-changed',
      severity: 'breaking',
      side: 'request',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/parameters/1/schema/default`,
    },
    reverse: { kind: 'default-changed', severity: 'breaking', side: 'request' },
  },
  {
    name: 'a description reworded',
    given: (s) => void (property(s, 'Token', 'name').description = 'A name for people'),
    want: {
      kind: 'text-changed',
      severity: 'non-breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/name/description`,
    },
    reverse: { kind: 'text-changed', severity: 'non-breaking', side: 'response' },
  },
  {
    name: 'an operation deprecated',
    given: (s) => void (operation(s, COLLECTION, 'get').deprecated = true),
    want: {
      kind: 'deprecated-changed',
      severity: 'non-breaking',
      side: 'operation',
      operations: ['getTokens'],
      location: `${P_COLLECTION}/get/deprecated`,
    },
    reverse: { kind: 'deprecated-changed', severity: 'non-breaking', side: 'operation' },
  },
  {
    name: 'a keyword the table does not judge (readOnly)',
    given: (s) => void (property(s, 'Token', 'name').readOnly = true),
    want: {
      kind: 'keyword-changed',
      severity: 'breaking',
      side: 'response',
      operations: TOKEN_OPS,
      location: `${TOKEN}/properties/name/readOnly`,
    },
    reverse: { kind: 'keyword-changed', severity: 'breaking', side: 'response' },
  },
];

function diffOf(before: SpecDoc, after: SpecDoc): SpecChange[] {
  return diffSpecs(asLoaded(before, 'before.json'), asLoaded(after, 'after.json')).changes;
}

function pick(change: SpecChange | undefined): Partial<Want> {
  if (!change) return {};
  const { kind, severity, side, operations, location } = change;
  return { kind, severity, side, operations, location };
}

test.describe("each kind of change is classified from a client's point of view, both ways", () => {
  for (const row of rows) {
    test(row.name, () => {
      const before = copyVendoredSpec();
      row.base?.(before);
      const after = structuredClone(before);
      row.given(after);

      const forward = diffOf(before, after);
      expect(forward.map(pick), `${row.name}: exactly one change`).toEqual([row.want]);

      const backward = diffOf(after, before);
      expect(backward, `${row.name}, read backwards: exactly one change`).toHaveLength(1);
      expect(pick(backward[0])).toMatchObject({ ...row.reverse, operations: row.want.operations });
    });
  }
});

test('the rows cover at least 15 kinds of change', () => {
  const kinds = new Set(rows.flatMap((r) => [r.want.kind, r.reverse.kind]));
  expect(kinds.size).toBeGreaterThanOrEqual(15);
});
