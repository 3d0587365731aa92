import path from 'node:path';

/**
 * Config for `npx playwright merge-reports --config merge.config.ts <blob-dir>`: turns the blob
 * reports of a sharded run into the same outputs a single run writes (HTML, JUnit, JSON and the
 * spec-coverage matrix, built from the merged per-test observations). Only `reporter` matters to
 * merge-reports; the coverage reporter must stay listed before 'html' (see coverage-reporter.ts).
 */
const reportsDir = path.resolve(process.env.LD_REPORTS_DIR ?? 'reports');

export default {
  testDir: 'tests/access-tokens',
  reporter: [
    [process.env.CI ? 'dot' : 'list'],
    ['junit', { outputFile: path.join(reportsDir, 'junit.xml') }],
    ['json', { outputFile: path.join(reportsDir, 'conformance.json') }],
    ['./src/reporting/coverage-reporter.ts', { outputDir: reportsDir }],
    ['html', { outputFolder: path.join(reportsDir, 'html'), open: 'never' }],
  ],
};
