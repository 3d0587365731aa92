/**
 * `npm run workflows:check` (part of npm test, no network): every .github/workflows/*.yml must
 *  1. parse as YAML,
 *  2. pass GitHub's workflow schema (@actions/workflow-parser, see src/workflows/workflow-schema-check.ts),
 *  3. follow this project's rules (src/workflows/workflow-rules.ts).
 * Exit 0 when clean, 1 with one line per finding otherwise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { defineCommand, exitOnUsageError, parseFlags } from '../src/cli/parse-flags';
import { checkWorkflowRules } from '../src/workflows/workflow-rules';
import { checkWorkflowSchema } from '../src/workflows/workflow-schema-check';
import { runCommand } from '../src/cli/run-command';

const REQUIRED = ['ci.yml', 'nightly.yml'];

const WORKFLOWS_FLAGS = defineCommand({
  name: 'workflows:check',
  command: 'npm run workflows:check',
  flags: {},
  positionals: [{ name: 'dir', description: 'the workflow directory (default .github/workflows)' }],
});

async function main(): Promise<number> {
  const { positionals } = exitOnUsageError(WORKFLOWS_FLAGS, () => parseFlags(WORKFLOWS_FLAGS, process.argv.slice(2)));
  const dir = path.resolve(positionals[0] ?? '.github/workflows');
  if (!fs.existsSync(dir)) {
    console.error(`workflows:check: ${dir} does not exist`);
    return 1;
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const findings: string[] = REQUIRED.filter((f) => !files.includes(f)).map((f) => `${f}: missing`);
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    const yamlDoc = parseDocument(content, { uniqueKeys: true });
    if (yamlDoc.errors.length > 0) {
      findings.push(...yamlDoc.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0] ?? ''}`));
      continue;
    }
    findings.push(...(await checkWorkflowSchema(file, content)).map((f) => `${f.file}: schema: ${f.message}`));
    const kind = file === 'ci.yml' ? 'ci' : file === 'nightly.yml' ? 'nightly' : 'other';
    findings.push(...checkWorkflowRules(file, yamlDoc.toJS() as unknown, kind).map((f) => `${f.file}: ${f.message}`));
  }
  for (const finding of findings) console.error(`workflows:check: ${finding}`);
  console.log(`workflows:check: ${files.length} workflow file(s), ${findings.length} problem(s)`);
  return findings.length === 0 ? 0 : 1;
}

runCommand('workflows:check', main, { errorExitCode: 1, exitAtOnce: true });
