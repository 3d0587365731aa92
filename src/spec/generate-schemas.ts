import type { OpenAPIV3 } from 'openapi-types';
import { convertSchema, type ConvertContext, type JsonSchema, type JsonValue, type OpenApiSchema } from './convert-schema';
import { findOperation, type LocatedOperation } from './find-operation';
import type { LoadedSpec } from './load-spec';
import {
  COMPONENTS_DIR,
  componentFile,
  generatedMarker,
  INDEX_FILE,
  inlineFile,
  JSON_SCHEMA_DIALECT,
  operationFile,
  SCHEMA_ID_BASE,
  schemaIdFor,
} from './schema-ids';
import { SpecError } from './spec-error';

/**
 * Builds the content of `schemas/` from the spec, in memory: relative path → file text.
 * Writing to disk and the drift check (sync-schemas.ts) both start from this map, so "what
 * `npm run schemas` would write" has exactly one definition.
 *
 * Layout (paths relative to `schemas/`):
 * - `components/<Name>.schema.json` — each component schema the operations reach, JSON
 *   Schema 2019-09 with an `$id`; `$ref`s point at sibling files (`Link.schema.json`).
 * - `operations/<operationId>.json` — method, path template, parameters (converted schemas),
 *   request body and, per documented status, description + content type + schema ref, or
 *   `hasBody: false`. Not a schema itself: a contract descriptor.
 * - `inline/<operationId>.<part>.schema.json` — only for request/response schemas written
 *   inline in the spec (none of the six operations has one today).
 * - `index.json` — provenance (spec file, sha256) and the list of files.
 */

export interface GenerateOptions {
  /** How the marker names the spec, e.g. `specs/launchdarkly-openapi.json`. */
  specLabel: string;
}

export type GeneratedFiles = Map<string, string>;

/** One documented response in an operation file. */
export type ResponseEntry =
  { description: string; hasBody: true; contentType: string; schemaRef: string } | { description: string; hasBody: false };

export interface ParameterEntry {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface RequestBodyEntry {
  required: boolean;
  contentType: string;
  schemaRef: string;
}

/** Shape of `schemas/operations/<operationId>.json`; read back by the contract library. */
export interface OperationFile {
  $comment: string;
  operationId: string;
  method: string;
  pathTemplate: string;
  summary?: string;
  parameters: ParameterEntry[];
  requestBody: RequestBodyEntry | null;
  responses: Record<string, ResponseEntry>;
}

export interface IndexFile {
  $comment: string;
  source: { file: string; sha256: string; openapi: string; infoVersion: string };
  jsonSchemaDialect: string;
  idBase: string;
  operations: Record<string, string>;
  components: Record<string, string>;
}

const COMPONENT_SCHEMA_PREFIX = '#/components/schemas/';

export function generateSchemaFiles(spec: LoadedSpec, operationIds: readonly string[], options: GenerateOptions): GeneratedFiles {
  const generator = new Generator(spec, options);
  return generator.run(operationIds);
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

class Generator {
  private readonly files = new Map<string, string>();
  private readonly pendingComponents: string[] = [];
  private readonly seenComponents = new Set<string>();
  private readonly marker: string;

  constructor(
    private readonly spec: LoadedSpec,
    private readonly options: GenerateOptions,
  ) {
    this.marker = generatedMarker(options.specLabel);
  }

  run(operationIds: readonly string[]): GeneratedFiles {
    const operations: Record<string, string> = {};
    for (const operationId of operationIds) {
      const located = findOperation(this.spec, operationId);
      const file = operationFile(operationId);
      this.files.set(file, serializeJson(this.buildOperation(located)));
      operations[operationId] = file;
    }
    const components: Record<string, string> = {};
    for (let name = this.pendingComponents.shift(); name !== undefined; name = this.pendingComponents.shift()) {
      const file = componentFile(name);
      this.files.set(file, serializeJson(this.buildComponent(name)));
      components[name] = file;
    }
    const sortedComponents = Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const index: IndexFile = {
      $comment: this.marker,
      source: {
        file: this.options.specLabel,
        sha256: this.spec.sha256,
        openapi: this.spec.document.openapi,
        infoVersion: this.spec.document.info?.version ?? '',
      },
      jsonSchemaDialect: JSON_SCHEMA_DIALECT,
      idBase: SCHEMA_ID_BASE,
      operations,
      components: sortedComponents,
    };
    this.files.set(INDEX_FILE, serializeJson(index));
    return new Map([...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private fail(place: string, problem: string): never {
    throw new SpecError(this.spec.file, place, problem);
  }

  /** Converter context for a schema written into a file that lives in `fromDir`. */
  private contextFor(fromDir: string): ConvertContext {
    return {
      resolveRef: (ref, place) => this.refToComponent(ref, place, fromDir),
      fail: (place, problem) => this.fail(place, problem),
    };
  }

  private refToComponent(ref: string, place: string, fromDir: string): string {
    if (!ref.startsWith(COMPONENT_SCHEMA_PREFIX)) {
      return this.fail(place, `unsupported $ref "${ref}" (only ${COMPONENT_SCHEMA_PREFIX}<Name> is supported)`);
    }
    const name = decodeURIComponent(ref.slice(COMPONENT_SCHEMA_PREFIX.length));
    if (!this.spec.document.components?.schemas?.[name]) {
      return this.fail(place, `$ref "${ref}" names no schema in components.schemas`);
    }
    if (!this.seenComponents.has(name)) {
      this.seenComponents.add(name);
      this.pendingComponents.push(name);
    }
    const target = componentFile(name);
    return fromDir === COMPONENTS_DIR ? target.slice(COMPONENTS_DIR.length + 1) : `../${target}`;
  }

  private buildComponent(name: string): JsonSchema {
    const place = `components.schemas.${name}`;
    const source = this.spec.document.components?.schemas?.[name];
    if (!source) return this.fail(place, 'missing');
    const converted = convertSchema(source, this.contextFor(COMPONENTS_DIR), place);
    return {
      $schema: JSON_SCHEMA_DIALECT,
      $id: schemaIdFor(componentFile(name)),
      $comment: this.marker,
      ...(converted.title === undefined ? { title: name } : {}),
      ...converted,
    };
  }

  /** A media-type schema: a component `$ref` points at its file; an inline one gets its own file. */
  private schemaRefFor(schema: OpenApiSchema | undefined, operationId: string, part: string, place: string): string {
    if (!schema) return this.fail(place, 'media type has no schema');
    const ref = (schema as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return this.refToComponent(ref, place, 'operations');
    const file = inlineFile(operationId, part);
    const converted = convertSchema(schema, this.contextFor('inline'), place);
    this.files.set(file, serializeJson({ $schema: JSON_SCHEMA_DIALECT, $id: schemaIdFor(file), $comment: this.marker, ...converted }));
    return `../${file}`;
  }

  private buildOperation(located: LocatedOperation): OperationFile {
    const { operation, operationId, place } = located;
    const result: OperationFile = {
      $comment: this.marker,
      operationId,
      method: located.method.toUpperCase(),
      pathTemplate: located.pathTemplate,
      ...(operation.summary ? { summary: operation.summary } : {}),
      parameters: this.buildParameters(located),
      requestBody: this.buildRequestBody(operation, operationId, place),
      responses: {},
    };
    const statuses = Object.keys(operation.responses ?? {}).sort(compareStatusKeys);
    if (statuses.length === 0) this.fail(`${place}.responses`, 'no responses documented');
    for (const status of statuses) {
      const at = `${place}.responses.${status}`;
      const response = this.deref<OpenAPIV3.ResponseObject>(operation.responses[status], '#/components/responses/', 'responses', at);
      const content = response.content ?? {};
      const contentType = pickContentType(Object.keys(content));
      if (contentType === undefined) {
        result.responses[status] = { description: response.description, hasBody: false };
      } else {
        const schemaRef = this.schemaRefFor(
          content[contentType]?.schema,
          operationId,
          `response-${status}`,
          `${at}.content.${contentType}.schema`,
        );
        result.responses[status] = { description: response.description, hasBody: true, contentType, schemaRef };
      }
    }
    return result;
  }

  private buildParameters(located: LocatedOperation): ParameterEntry[] {
    const merged = new Map<string, { param: OpenAPIV3.ParameterObject; at: string }>();
    const lists: [string, (OpenAPIV3.ReferenceObject | OpenAPIV3.ParameterObject)[] | undefined][] = [
      [`paths[${JSON.stringify(located.pathTemplate)}].parameters`, located.pathItem.parameters],
      [`${located.place}.parameters`, located.operation.parameters],
    ];
    for (const [listPlace, list] of lists) {
      (list ?? []).forEach((entry, i) => {
        const at = `${listPlace}[${i}]`;
        const param = this.deref<OpenAPIV3.ParameterObject>(entry, '#/components/parameters/', 'parameters', at);
        // Operation-level parameters override path-level ones with the same name and location.
        merged.set(`${param.in}:${param.name}`, { param, at });
      });
    }
    return [...merged.values()].map(({ param, at }) => {
      if (!param.schema) return this.fail(at, `parameter "${param.name}" has no schema`);
      return {
        name: param.name,
        in: param.in,
        required: param.required === true,
        ...(param.description ? { description: param.description } : {}),
        schema: convertSchema(param.schema, this.contextFor('operations'), `${at}.schema`),
      };
    });
  }

  private buildRequestBody(operation: OpenAPIV3.OperationObject, operationId: string, place: string): RequestBodyEntry | null {
    if (!operation.requestBody) return null;
    const at = `${place}.requestBody`;
    const body = this.deref<OpenAPIV3.RequestBodyObject>(operation.requestBody, '#/components/requestBodies/', 'requestBodies', at);
    const contentType = pickContentType(Object.keys(body.content));
    if (contentType === undefined) return this.fail(`${at}.content`, 'request body documents no content type');
    const schemaRef = this.schemaRefFor(body.content[contentType]?.schema, operationId, 'request', `${at}.content.${contentType}.schema`);
    return { required: body.required === true, contentType, schemaRef };
  }

  /** Resolves a component `$ref` for parameters, request bodies and responses (not schemas). */
  private deref<T extends object>(value: T | OpenAPIV3.ReferenceObject | undefined, prefix: string, section: string, place: string): T {
    if (value === undefined) return this.fail(place, 'missing');
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return value as T;
    if (!ref.startsWith(prefix)) return this.fail(place, `unsupported $ref "${ref}" (expected ${prefix}<Name>)`);
    const name = ref.slice(prefix.length);
    const components = this.spec.document.components as Record<string, Record<string, unknown> | undefined> | undefined;
    const target = components?.[section]?.[name];
    if (target === undefined) return this.fail(place, `$ref "${ref}" names nothing in components.${section}`);
    return target as T;
  }
}

/** Prefer JSON (with or without parameters); otherwise the first listed. */
function pickContentType(types: string[]): string | undefined {
  return types.find((t) => t.split(';')[0]?.trim().toLowerCase() === 'application/json') ?? types[0];
}

/** Numeric statuses ascending, then ranges (`4XX`) and `default`. */
function compareStatusKeys(a: string, b: string): number {
  const na = /^\d{3}$/.test(a) ? Number(a) : Number.POSITIVE_INFINITY;
  const nb = /^\d{3}$/.test(b) ? Number(b) : Number.POSITIVE_INFINITY;
  if (na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export type { JsonValue };
