/**
 * Requests per capability (issue 30): a test belongs to the capability its tag names — `@explore` (generated
 * sequences, their own budget), `@concurrency`, `@authz` (the authorization matrix), `@hostile` (hostile inputs) —
 * and to the example suite otherwise. Tag-based, so a file of new `@concurrency` tests is counted apart without the
 * bench naming files; the first matching tag in CAPABILITY_TAGS decides when a test carries two.
 */
import type { TestRecord } from './run-report';

export const CAPABILITY_TAGS = ['explore', 'concurrency', 'authz', 'hostile'] as const;
export type Capability = (typeof CAPABILITY_TAGS)[number] | 'example';

/** Every capability in report order: the example suite first, then the tagged ones. */
export const CAPABILITIES: readonly Capability[] = ['example', ...CAPABILITY_TAGS];

export function capabilityOf(tags: readonly string[]): Capability {
  return CAPABILITY_TAGS.find((tag) => tags.includes(tag)) ?? 'example';
}

/** Requests (observations) each capability's tests received; every capability present, 0 when it did not run. */
export function countByCapability(tests: readonly Pick<TestRecord, 'tags' | 'observations'>[]): Record<Capability, number> {
  const counts = Object.fromEntries(CAPABILITIES.map((c) => [c, 0])) as Record<Capability, number>;
  for (const test of tests) counts[capabilityOf(test.tags)] += test.observations.length;
  return counts;
}
