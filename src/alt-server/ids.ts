import { randomBytes, randomUUID } from 'node:crypto';

/** Token ids are UUIDs (not 24-hex ObjectIds): the spec's ObjectId is only "a string". */
export function generateTokenId(): string {
  return randomUUID();
}

/** Member ids are 24 base36 characters. */
export function generateMemberId(): string {
  return Array.from(randomBytes(24), (b) => (b % 36).toString(36)).join('');
}
