/**
 * npm run schemas          → regenerate schemas/ from specs/launchdarkly-openapi.json
 * npm run schemas:check    → regenerate in memory, exit 1 naming each drifted/missing/extra file
 * Options: --spec <file> (default specs/launchdarkly-openapi.json), --out <dir> (default schemas)
 * Exit codes: 0 ok / in sync, 1 drift, 2 bad input (spec missing, unparsable, lacking an operation).
 */
import path from 'node:path';
import { defineCommand, exitOnUsageError, parseFlags } from '../src/cli/parse-flags';
import { DEFAULT_SPEC_PATH } from '../src/spec/schema-ids';
import { SpecError } from '../src/spec/spec-error';
import { checkSchemas, describeDrift, writeSchemas, type SchemasLocation } from '../src/spec/sync-schemas';

const repoRoot = path.resolve(__dirname, '..');

const SCHEMAS_FLAGS = defineCommand({
  name: 'schemas',
  command: 'npm run schemas',
  flags: {
    check: { type: 'boolean', description: 'regenerate in memory and compare: exit 1 naming each drifted, missing or extra file' },
    spec: { type: 'string', value: '<file>', description: `the OpenAPI file (default ${DEFAULT_SPEC_PATH})` },
    out: { type: 'string', value: '<dir>', description: 'where the schemas go (default schemas)' },
  },
});

function main(): number {
  const { values } = exitOnUsageError(SCHEMAS_FLAGS, () => parseFlags(SCHEMAS_FLAGS, process.argv.slice(2)));
  const args = { check: values.check ?? false, spec: values.spec ?? DEFAULT_SPEC_PATH, out: values.out ?? 'schemas' };
  const specFile = path.resolve(repoRoot, args.spec);
  const location: SchemasLocation = {
    specFile,
    // The marker names the spec relative to the repo root so output is the same on every machine.
    specLabel: path.relative(repoRoot, specFile).split(path.sep).join('/'),
    schemasDir: path.resolve(repoRoot, args.out),
  };
  const outLabel = path.relative(repoRoot, location.schemasDir).split(path.sep).join('/') || '.';
  if (args.check) {
    const report = checkSchemas(location);
    if (report.inSync) {
      console.log(`${outLabel}/ is in sync with ${location.specLabel} (${report.expectedCount} files)`);
      return 0;
    }
    for (const line of describeDrift(report, outLabel)) console.error(line);
    console.error(`${outLabel}/ is out of date: run npm run schemas and commit the result`);
    return 1;
  }
  const { written, removed } = writeSchemas(location);
  for (const file of removed) console.log(`removed ${outLabel}/${file}`);
  console.log(`wrote ${written} files to ${outLabel}/ from ${location.specLabel}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof SpecError) {
    console.error(`schemas: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
