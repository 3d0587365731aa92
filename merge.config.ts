import { exitOnConfigError } from './src/config/config-error';
import { readReportsDir } from './src/config/load-config';
import { conformanceReporters } from './src/reporters/conformance-reporters';

/**
 * Config for `npx playwright merge-reports --config merge.config.ts <blob-dir>`: turns the blob
 * reports of a sharded run into the same outputs a single run writes (HTML, JUnit, JSON and the
 * spec-coverage matrix, built from the merged per-test observations). Only `reporter` matters to
 * merge-reports; it is the same list as a single run's (src/reporters/conformance-reporters.ts), except that H1
 * and H2 come from the shards' verdict files (hygiene-shard-*.json) in the reports directory.
 */
const reportsDir = exitOnConfigError('report:merge', () => readReportsDir());

export default {
  testDir: 'tests/access-tokens',
  reporter: conformanceReporters(reportsDir, { merged: true }),
};
