/**
 * Strict mode (CONTRACT_STRICT=1): every object schema that lists properties is validated
 * with `additionalProperties: false`, so an undocumented response field fails. Off by
 * default because the spec does not forbid extra properties. The variable is read and
 * validated by the suite's configuration (one place for every variable, `.env` included),
 * once per process; a misspelt value is a ConfigError, never a silent "not strict".
 */
import { readStrictMode } from '../config/load-config';

let cached: boolean | undefined;

export function isStrictMode(): boolean {
  cached ??= readStrictMode();
  return cached;
}
