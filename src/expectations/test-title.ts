import type { TestCase } from '@playwright/test/reporter';

/**
 * The one spelling of a test's title everywhere (reports, summary.json, known-deviation entries):
 * "file › describe › test". Reporters see a title path with empty root and project titles; a test's
 * own TestInfo.titlePath starts at the file. Both give the same string.
 */
export function testTitleOf(test: Pick<TestCase, 'titlePath'>): string {
  return joinTitlePath(test.titlePath());
}

export function joinTitlePath(titlePath: readonly string[]): string {
  return titlePath.filter(Boolean).join(' › ');
}
