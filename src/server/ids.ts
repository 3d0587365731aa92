import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Identifiers shaped like the real service's: 24-hex MongoDB ObjectIds for resources, and
 * `api-<uuid v4>` secrets. ObjectIds are seconds + a per-process random part + a counter, so
 * they increase in creation order (the list order's tie-breaker stays creation order).
 */
const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

export function createObjectId(epochMs: number): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.max(0, Math.floor(epochMs / 1000)) % 0x100000000;
  return seconds.toString(16).padStart(8, '0') + processPart + counter.toString(16).padStart(6, '0');
}

export function createSecret(): string {
  return `api-${randomUUID()}`;
}

export function isObjectId(s: string): boolean {
  return /^[0-9a-f]{24}$/.test(s);
}
