/**
 * The generated component schemas (schemas/components), read as plain JSON Schema for explore's
 * generators: explore derives its inputs from the same files the contract checks validate against,
 * so a field the spec adds or changes is generated without anyone editing a list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCHEMAS_DIR } from '../contract/schema-registry';

export type JsonSchema = Record<string, unknown>;

const cache = new Map<string, JsonSchema>();

/** A component schema by name, e.g. `AccessTokenPost`. */
export function loadComponentSchema(name: string): JsonSchema {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = path.join(DEFAULT_SCHEMAS_DIR, 'components', `${name}.schema.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
  cache.set(name, schema);
  return schema;
}

/** Follows a `$ref` to a sibling component file (the only kind the generator writes). */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = path.basename(ref).replace(/\.schema\.json$/, '');
  return resolveSchema(loadComponentSchema(name));
}

/** The resolved schema of each property of an object schema. */
export function propertySchemas(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = (resolveSchema(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(properties).map(([key, sub]) => [key, resolveSchema(sub)]));
}

export function requiredKeys(schema: JsonSchema): string[] {
  const required = resolveSchema(schema).required;
  return Array.isArray(required) ? required.filter((key): key is string => typeof key === 'string') : [];
}

/** The schema a JSON Pointer into a value of `schema` lands on, or null when the schema does not describe it. */
export function schemaAtPointer(schema: JsonSchema, pointer: string): JsonSchema | null {
  let current: JsonSchema | null = resolveSchema(schema);
  for (const raw of pointer.split('/').slice(1)) {
    if (current === null) return null;
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current.type === 'array') current = current.items ? resolveSchema(current.items as JsonSchema) : null;
    else if (current.type === 'object') current = propertySchemas(current)[segment] ?? null;
    else return null;
  }
  return current;
}
