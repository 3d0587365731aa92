import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { IndexFile, OperationFile, ParameterEntry, RequestBodyEntry } from '../spec/generate-schemas';
import type { OperationId } from '../domain/operations';
import { INDEX_FILE, SCHEMA_ID_BASE } from '../spec/schema-ids';
import { ContractLookupError, SchemaRegistryError } from './contract-errors';
import type { SchemaViolation } from './failures';

/**
 * The generated `schemas/` directory as the contract library sees it: operation contracts,
 * and ajv validators compiled lazily, once, per (schema file, strict) pair.
 *
 * Strict mode validates against a transformed copy of the same files, built in memory at
 * load time: every object schema that lists `properties` gets `additionalProperties: false`
 * (or `unevaluatedProperties: false` when it composes with allOf/anyOf/oneOf, where
 * additionalProperties would wrongly reject the composed properties). The copy lives under
 * its own `$id` base, so relative `$ref`s between strict files resolve to strict files.
 */

export const DEFAULT_SCHEMAS_DIR = path.resolve(__dirname, '../../schemas');

const STRICT_ID_BASE = SCHEMA_ID_BASE.replace(/schemas\/$/, 'schemas-strict/');

export interface ResponseContract {
  description: string;
  hasBody: boolean;
  contentType?: string;
  /** Generated schema file relative to `schemas/`, e.g. `components/Token.schema.json`. */
  schemaRef?: string;
}

export interface OperationContract {
  operationId: OperationId;
  method: string;
  pathTemplate: string;
  /** Numeric statuses documented for the operation, ascending. */
  documentedStatuses: number[];
  /** Keyed by the spec's status key (`"200"`; `"4XX"`/`"default"` if the spec used them). */
  responses: Record<string, ResponseContract>;
  parameters: ParameterEntry[];
  requestBody: (Omit<RequestBodyEntry, 'schemaRef'> & { schemaRef: string }) | null;
}

export interface ValidateOptions {
  strict?: boolean;
}

type SchemaNode = Record<string, unknown>;

export class SchemaRegistry {
  private readonly ajv: Ajv2019;
  private readonly index: IndexFile;
  private readonly contracts: Map<string, OperationContract>;
  /** Relative schema file (`components/Token.schema.json`) → its parsed JSON. */
  private readonly schemaFiles = new Map<string, SchemaNode>();
  private readonly validators = new Map<string, ValidateFunction>();
  /** Every schema node object → where it is (`components/Link.schema.json#/properties/href`). */
  private readonly nodeLocations = new WeakMap<object, string>();

  constructor(readonly schemasDir: string = DEFAULT_SCHEMAS_DIR) {
    this.index = this.readJson<IndexFile>(INDEX_FILE);
    this.ajv = new Ajv2019({
      allErrors: true,
      // strict: an unknown keyword or format in a generated file is a generator bug; fail loudly.
      strict: true,
      allowUnionTypes: true, // `nullable` becomes `type: ["string", "null"]`
      // Inlined refs would report schema paths relative to the wrong file; keep each file separate.
      inlineRefs: false,
      // verbose: errors carry `parentSchema`, which locateSchemaNode maps back to file + pointer.
      verbose: true,
    });
    addFormats(this.ajv);
    for (const file of this.listSchemaFiles()) {
      const schema = this.readJson<SchemaNode>(file);
      const strictSchema = toStrictSchema(schema);
      this.schemaFiles.set(file, schema);
      indexSchemaNodes(this.nodeLocations, schema, file, '#');
      indexSchemaNodes(this.nodeLocations, strictSchema, file, '#');
      this.ajv.addSchema(schema);
      this.ajv.addSchema(strictSchema);
    }
    this.contracts = readOperationContracts(schemasDir, this.index);
  }

  listOperationIds(): string[] {
    return [...this.contracts.keys()];
  }

  listComponents(): string[] {
    return Object.keys(this.index.components);
  }

  listSchemaFiles(): string[] {
    const inline = new Set<string>();
    for (const file of Object.values(this.index.operations)) {
      const op = this.readJson<OperationFile>(file);
      for (const ref of [op.requestBody?.schemaRef, ...Object.values(op.responses).map((r) => (r.hasBody ? r.schemaRef : undefined))]) {
        const relative = ref ? normalizeSchemaRef(ref) : undefined;
        if (relative && !relative.startsWith('components/')) inline.add(relative);
      }
    }
    return [...Object.values(this.index.components), ...inline].sort();
  }

  getOperationContract(operationId: OperationId): OperationContract {
    return lookupContract(this.contracts, operationId, this.schemasDir);
  }

  /** The response entry for a status: exact code, then `4XX`-style range, then `default`. */
  findResponse(operationId: OperationId, status: number): { statusKey: string; response: ResponseContract } | undefined {
    const { responses } = this.getOperationContract(operationId);
    for (const key of [String(status), `${String(status).charAt(0)}XX`, 'default']) {
      const response = responses[key];
      if (response) return { statusKey: key, response };
    }
    return undefined;
  }

  validateComponent(name: string, value: unknown, opts: ValidateOptions = {}): SchemaViolation[] {
    const file = this.index.components[name];
    if (!file) {
      throw new ContractLookupError(`unknown component schema "${name}": ${this.schemasDir} has ${this.listComponents().join(', ')}`);
    }
    return this.validateFile(file, value, opts);
  }

  /** Validates a response body against the schema documented for that status. */
  validateResponseBody(
    operationId: OperationId,
    status: number,
    value: unknown,
    opts: ValidateOptions = {},
  ): { schemaRef: string; violations: SchemaViolation[] } {
    const found = this.findResponse(operationId, status);
    if (!found) {
      throw new ContractLookupError(
        `${operationId} documents no response ${status} (documented: ${this.getOperationContract(operationId).documentedStatuses.join(', ')})`,
      );
    }
    const { schemaRef } = found.response;
    if (!found.response.hasBody || !schemaRef) {
      throw new ContractLookupError(`${operationId} ${status} is documented without a body; there is no schema to validate against`);
    }
    return { schemaRef, violations: this.validateFile(schemaRef, value, opts) };
  }

  validateRequestBody(operationId: OperationId, value: unknown, opts: ValidateOptions = {}): SchemaViolation[] {
    const { requestBody } = this.getOperationContract(operationId);
    if (!requestBody) throw new ContractLookupError(`${operationId} takes no request body`);
    return this.validateFile(requestBody.schemaRef, value, opts);
  }

  /** Validates against a generated schema file (relative to `schemas/`). */
  validateFile(file: string, value: unknown, opts: ValidateOptions = {}): SchemaViolation[] {
    const strict = opts.strict === true;
    const validate = this.getValidator(file, strict);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => toViolation(error, this.locateSchemaPath(error, file), value));
  }

  /** Compiles (and caches) the validator; throws SchemaRegistryError naming the file. */
  getValidator(file: string, strict: boolean): ValidateFunction {
    const key = `${strict ? 'strict' : 'lenient'}:${file}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    if (!this.schemaFiles.has(file)) {
      throw new ContractLookupError(`no generated schema file "${file}" in ${this.schemasDir}`);
    }
    const id = (strict ? STRICT_ID_BASE : SCHEMA_ID_BASE) + file;
    let validate: ValidateFunction | undefined;
    try {
      validate = this.ajv.getSchema(id);
    } catch (error) {
      throw new SchemaRegistryError(
        `cannot compile ${path.join(this.schemasDir, file)}${strict ? ' (strict variant)' : ''}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!validate) throw new SchemaRegistryError(`schema ${id} was not registered`);
    this.validators.set(key, validate);
    return validate;
  }

  /** ajv's own schemaPath is relative to whichever compiled function reported it; use node identity instead. */
  private locateSchemaPath(error: ErrorObject, rootFile: string): string {
    const parent = error.parentSchema;
    const location = parent ? this.nodeLocations.get(parent) : undefined;
    if (location) return `${location}/${error.keyword}`;
    return error.schemaPath.startsWith('#') ? `${rootFile}${error.schemaPath}` : error.schemaPath;
  }

  private readJson<T>(relative: string): T {
    return readSchemaJson<T>(this.schemasDir, relative);
  }
}

/** The operation contracts of `schemas/operations/` (method, path, parameters, documented responses). */
function readOperationContracts(
  schemasDir: string,
  index: IndexFile = readSchemaJson<IndexFile>(schemasDir, INDEX_FILE),
): Map<string, OperationContract> {
  const contracts = new Map<string, OperationContract>();
  for (const [operationId, file] of Object.entries(index.operations)) {
    contracts.set(operationId, toOperationContract(readSchemaJson<OperationFile>(schemasDir, file)));
  }
  return contracts;
}

function lookupContract(
  contracts: ReadonlyMap<string, OperationContract>,
  operationId: OperationId,
  schemasDir: string,
): OperationContract {
  const contract = contracts.get(operationId);
  if (!contract) {
    throw new ContractLookupError(
      `unknown operationId "${String(operationId)}": ${schemasDir} documents ${[...contracts.keys()].join(', ')}`,
    );
  }
  return contract;
}

function readSchemaJson<T>(schemasDir: string, relative: string): T {
  const file = path.join(schemasDir, relative);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SchemaRegistryError(
      code === 'ENOENT' ? `${file} not found — run npm run schemas` : `cannot read ${file} (${code ?? String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SchemaRegistryError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}) — run npm run schemas`,
    );
  }
}

/** `../components/Token.schema.json` (as written in operation files) → `components/Token.schema.json`. */
export function normalizeSchemaRef(ref: string): string {
  return ref.replace(/^(\.\.\/)+/, '');
}

function toOperationContract(file: OperationFile): OperationContract {
  const responses: Record<string, ResponseContract> = {};
  for (const [status, entry] of Object.entries(file.responses)) {
    responses[status] = entry.hasBody
      ? { description: entry.description, hasBody: true, contentType: entry.contentType, schemaRef: normalizeSchemaRef(entry.schemaRef) }
      : { description: entry.description, hasBody: false };
  }
  return {
    operationId: file.operationId as OperationId,
    method: file.method,
    pathTemplate: file.pathTemplate,
    documentedStatuses: Object.keys(responses)
      .filter((key) => /^\d{3}$/.test(key))
      .map(Number)
      .sort((a, b) => a - b),
    responses,
    parameters: file.parameters,
    requestBody: file.requestBody ? { ...file.requestBody, schemaRef: normalizeSchemaRef(file.requestBody.schemaRef) } : null,
  };
}

/** Deep copy under the strict `$id` base, closing every object schema that lists properties. */
export function toStrictSchema(schema: SchemaNode): SchemaNode {
  const copy = closeObjects(schema);
  if (typeof copy.$id === 'string') copy.$id = copy.$id.replace(SCHEMA_ID_BASE, STRICT_ID_BASE);
  return copy;
}

/**
 * `isBranch`: the node is a direct allOf/anyOf/oneOf branch. A branch is not closed itself
 * (it would reject the properties of its sibling branches); the composing node gets
 * `unevaluatedProperties: false`, which sees what every branch evaluated. Limitation: a branch
 * that is a `$ref` to a component is closed inside that component's file; the six operations'
 * schemas use no composition, so this does not arise today.
 */
function closeObjects(node: SchemaNode, isBranch = false): SchemaNode {
  const out: SchemaNode = { ...node };
  const mapSchemas = (value: unknown): unknown => (isSchemaNode(value) ? closeObjects(value) : value);
  if (isSchemaNode(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, mapSchemas(v)]));
  }
  for (const key of ['items', 'not', 'additionalProperties'] as const) {
    if (key in node) out[key] = mapSchemas(node[key]);
  }
  const composed = ['allOf', 'anyOf', 'oneOf'].some((key) => Array.isArray(node[key]));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) out[key] = list.map((branch: unknown) => (isSchemaNode(branch) ? closeObjects(branch, true) : branch));
  }
  const open = node.additionalProperties === undefined && node.unevaluatedProperties === undefined;
  if (open && composed && !isBranch) out.unevaluatedProperties = false;
  else if (open && isSchemaNode(node.properties) && !isBranch) out.additionalProperties = false;
  return out;
}

function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Records the location of every object node of a schema (by identity), for error paths. */
function indexSchemaNodes(locations: WeakMap<object, string>, node: unknown, file: string, pointer: string): void {
  if (typeof node !== 'object' || node === null) return;
  if (!Array.isArray(node)) locations.set(node, `${file}${pointer}`);
  const entries: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
  for (const [key, child] of entries) {
    indexSchemaNodes(locations, child, file, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

function toViolation(error: ErrorObject, schemaPath: string, data: unknown): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    message = `${message}: "${params.additionalProperty}"`;
  } else if (error.keyword === 'unevaluatedProperties' && typeof params.unevaluatedProperty === 'string') {
    message = `${message}: "${params.unevaluatedProperty}"`;
  } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message = `${message}: ${JSON.stringify(params.allowedValues)}`;
  }
  return {
    instancePath: error.instancePath,
    schemaPath,
    keyword: error.keyword,
    message,
    value: resolvePointer(data, error.instancePath),
  };
}

/** RFC 6901 lookup; undefined when the pointer leads nowhere. */
export function resolvePointer(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isSchemaNode(current)) current = current[token];
    else return undefined;
  }
  return current;
}

let defaultRegistry: SchemaRegistry | undefined;
let defaultContracts: Map<string, OperationContract> | undefined;

/** One registry (one Ajv instance) per process, over `<repo>/schemas`. */
export function getSchemaRegistry(): SchemaRegistry {
  defaultRegistry ??= new SchemaRegistry();
  return defaultRegistry;
}

/**
 * An operation's contract from `<repo>/schemas/operations` WITHOUT building the ajv registry: the client's
 * routes need only method and path, and Playwright's main process sends requests (global set-up's probe,
 * the teardown sweep) but judges none — building the registry there cost 63-86 ms of CPU before any worker
 * could start.
 */
export function getOperationContract(operationId: OperationId): OperationContract {
  defaultContracts ??= readOperationContracts(DEFAULT_SCHEMAS_DIR);
  return lookupContract(defaultContracts, operationId, DEFAULT_SCHEMAS_DIR);
}

export function validateComponent(name: string, value: unknown, opts?: ValidateOptions): SchemaViolation[] {
  return getSchemaRegistry().validateComponent(name, value, opts);
}

export function validateRequestBody(operationId: OperationId, value: unknown, opts?: ValidateOptions): SchemaViolation[] {
  return getSchemaRegistry().validateRequestBody(operationId, value, opts);
}
