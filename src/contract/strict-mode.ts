/**
 * Strict mode (CONTRACT_STRICT=1): every object schema that lists properties is validated
 * with `additionalProperties: false`, so an undocumented response field fails. Off by
 * default because the spec does not forbid extra properties. The environment is read here
 * and only here, once per process.
 */
let cached: boolean | undefined;

export function isStrictMode(): boolean {
  cached ??= parseStrictFlag(process.env.CONTRACT_STRICT);
  return cached;
}

export function parseStrictFlag(value: string | undefined): boolean {
  if (value === undefined) return false;
  return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}
