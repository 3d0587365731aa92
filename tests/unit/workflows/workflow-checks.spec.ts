import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { checkWorkflowRules, printsVariable } from '../../../src/workflows/workflow-rules';
import { checkWorkflowSchema } from '../../../src/workflows/workflow-schema-check';

const ROOT = path.resolve(__dirname, '../../..');
const NIGHTLY = fs.readFileSync(path.join(ROOT, '.github/workflows/nightly.yml'), 'utf8');
const CI = fs.readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8');

function messages(file: string, yamlText: string, kind: 'ci' | 'nightly' | 'other'): string[] {
  return checkWorkflowRules(file, parse(yamlText) as unknown, kind).map((f) => f.message);
}

test('the repository workflows follow the project rules and GitHub schema', async () => {
  expect(messages('nightly.yml', NIGHTLY, 'nightly')).toEqual([]);
  expect(messages('ci.yml', CI, 'ci')).toEqual([]);
  expect(await checkWorkflowSchema('nightly.yml', NIGHTLY)).toEqual([]);
  expect(await checkWorkflowSchema('ci.yml', CI)).toEqual([]);
});

test.describe('nightly rules catch each broken promise', () => {
  const rows: { name: string; given: (text: string) => string; want: RegExp }[] = [
    { name: 'no concurrency', given: (t) => t.replace(/^concurrency:\n( {2}.*\n)+/m, ''), want: /needs a top-level concurrency group/ },
    {
      name: 'cancel in progress',
      given: (t) => t.replace('cancel-in-progress: false', 'cancel-in-progress: true'),
      want: /must not cancel a run in progress/,
    },
    {
      name: 'cleanup without always()',
      given: (t) => t.replace(/(name: Clean up this shard's tokens\n)\s+if: always\(\)\n/, '$1'),
      want: /cleanup step needs `if: always\(\)`/,
    },
    { name: 'no cleanup at all', given: (t) => t.replace(/npm run cleanup/g, 'npm run tidy'), want: /no `npm run cleanup` step/ },
    {
      name: 'artifact without retention',
      given: (t) => t.replace(/^ *retention-days: 7\n/m, ''),
      want: /upload-artifact without retention-days/,
    },
    { name: 'one shard', given: (t) => t.replace('shard: [1, 2]', 'shard: [1]'), want: /shard the suite over 2\+ machines/ },
    {
      name: 'no blob reporter',
      given: (t) => t.replace('redacting-reporter.ts,blob', 'redacting-reporter.ts,list'),
      want: /--reporter \.\/src\/reporters\/redacting-reporter\.ts,blob/,
    },
    {
      name: 'blob without the redacting reporter first',
      given: (t) => t.replace('--reporter ./src/reporters/redacting-reporter.ts,blob', '--reporter blob'),
      want: /redaction first: the blob is an artifact/,
    },
    {
      name: 'shards without the hygiene reporter after blob',
      given: (t) => t.replace(',./src/reporters/hygiene-reporter.ts', ''),
      want: /hygiene-reporter\.ts last, after blob/,
    },
    {
      name: 'hygiene reporter before blob',
      given: (t) =>
        t.replace(
          'redacting-reporter.ts,blob,./src/reporters/coverage-reporter.ts,./src/reporters/hygiene-reporter.ts',
          'redacting-reporter.ts,./src/reporters/hygiene-reporter.ts,blob,./src/reporters/coverage-reporter.ts',
        ),
      want: /hygiene-reporter\.ts last, after blob/,
    },
    {
      name: "shards run by `npx playwright test` (the old form: Playwright's exit codes)",
      given: (t) => t.replace('npm run conformance -- --config', 'npx playwright test --config'),
      want: /must run `npm run conformance -- --shard …`/,
    },
    {
      name: 'shards without the coverage reporter (no summary.json for the exit code)',
      given: (t) => t.replace(',./src/reporters/coverage-reporter.ts,', ','),
      want: /coverage-reporter\.ts after blob and before the hygiene reporter/,
    },
    {
      name: 'a baseline set without checking it (a stopped night would become the baseline)',
      given: (t) => t.replace(' && npm run --silent baseline:check -- baseline', ''),
      want: /sets LD_BASELINE without `npm run --silent baseline:check/,
    },
    {
      name: "merge without the shards' hygiene verdicts",
      given: (t) => t.replace(/^ *for f in all-blob-reports\/hygiene-shard-.*\n/m, ''),
      want: /move the shards' hygiene-shard-\*\.json into reports/,
    },
    {
      name: 'no merge',
      given: (t) => t.replace('npm run report:merge -- all-blob-reports', 'ls all-blob-reports'),
      want: /npm run report:merge/,
    },
    {
      name: 'no baseline',
      given: (t) => t.replace('echo "LD_BASELINE=baseline"', 'echo "BASELINE=baseline"'),
      want: /compare with the previous night/,
    },
    {
      name: 'run summary appended by a step as well as by the merge (twice)',
      given: (t) =>
        t.replace(
          'run: npm run --silent report:latency >> "$GITHUB_STEP_SUMMARY"',
          'run: cat reports/summary.md >> "$GITHUB_STEP_SUMMARY" && npm run --silent report:latency >> "$GITHUB_STEP_SUMMARY"',
        ),
      want: /must not append reports\/summary\.md to \$GITHUB_STEP_SUMMARY itself/,
    },
    {
      name: 'merge by `npx playwright merge-reports` (the old form: exit 0 after contract failures)',
      given: (t) =>
        t.replace('npm run report:merge -- all-blob-reports', 'npx playwright merge-reports --config merge.config.ts all-blob-reports'),
      want: /not `npx playwright merge-reports`/,
    },
    { name: 'no schedule', given: (t) => t.replace(/ {2}schedule:\n {4}- cron: .*\n/, ''), want: /cron schedule/ },
    {
      name: 'secret in a run script',
      given: (t) => t.replace('run: npm ci', 'run: npm ci --token=${{ secrets.LD_ACCESS_TOKEN }}'),
      want: /secrets may only be used as a whole/,
    },
    {
      name: 'secret inside a larger env value',
      given: (t) => t.replace('LD_BASE_URL: ${{ secrets.LD_BASE_URL }}', 'LD_BASE_URL: https://${{ secrets.LD_BASE_URL }}'),
      want: /secrets may only be used as a whole/,
    },
    {
      name: 'echoed secret',
      given: (t) => t.replace('run: npm ci', 'run: echo "$LD_ACCESS_TOKEN" && npm ci'),
      want: /may print the secret LD_ACCESS_TOKEN/,
    },
    {
      name: 'set -x with secrets around',
      given: (t) => t.replace('run: npm ci', 'run: |\n          set -ex\n          npm ci'),
      want: /set -x would echo secret values/,
    },
    {
      name: 'token not from secrets',
      given: (t) => t.replace(/\$\{\{ secrets\.LD_ACCESS_TOKEN \}\}/g, 'api-hardcoded'),
      want: /must take LD_ACCESS_TOKEN from secrets\.LD_ACCESS_TOKEN/,
    },
    {
      name: 'no history page',
      given: (t) => t.replace('npm run history -- --from', 'echo history --from'),
      want: /nightly must build the history page/,
    },
    {
      name: 'history outside the uploaded reports',
      given: (t) => t.replace('--out reports/history', '--out history'),
      want: /the history must go to --out reports\/history/,
    },
    {
      name: 'history without always()',
      given: (t) => t.replace(/(name: History of the nightly\n)\s+if: always\(\)\n/, '$1'),
      want: /the history step needs `if: always\(\)`/,
    },
    {
      name: 'history built after the upload',
      given: (t) => {
        const step = /( {6}# history\.html[^]*?--keep 90\n\n)/.exec(t)?.[1] ?? '';
        return t.replace(step, '') + '\n' + step.replace(/^/, '');
      },
      want: /must be built before reports\/ is uploaded/,
    },
    {
      name: 'history without the earlier nights',
      given: (t) => t.replace('--from previous-report reports', '--from reports'),
      want: /must read the earlier nights from an earlier nightly-report artifact/,
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const broken = given(NIGHTLY);
      expect(broken, 'the mutation must change the file').not.toBe(NIGHTLY);
      expect(messages('nightly.yml', broken, 'nightly').join('\n')).toMatch(want);
    });
  }
});

test.describe('ci rules', () => {
  const rows: { name: string; given: (text: string) => string; want: RegExp }[] = [
    { name: 'not on pull requests', given: (t) => t.replace('  pull_request:\n', ''), want: /must run on pull_request/ },
    { name: 'npm install instead of npm ci', given: (t) => t.replace('run: npm ci', 'run: npm install'), want: /npm ci/ },
    { name: 'no npm test', given: (t) => t.replace('run: npm test', 'run: npm run lint'), want: /must run `npm test`/ },
    {
      name: 'no chromium',
      given: (t) => t.replace(/ chromium fonts-dejavu-core/, ' fonts-dejavu-core'),
      want: /install Debian\/Ubuntu chromium/,
    },
    { name: 'wrong node', given: (t) => t.replace('node:20-bookworm', 'node:18-bookworm'), want: /Node 20/ },
    {
      name: 'reports only on success',
      given: (t) => t.replace(/(- name: Upload reports\n)\s+if: always\(\)\n/, '$1'),
      want: /if: always\(\)/,
    },
  ];
  for (const { name, given, want } of rows) {
    test(name, () => {
      const broken = given(CI);
      expect(broken, 'the mutation must change the file').not.toBe(CI);
      expect(messages('ci.yml', broken, 'ci').join('\n')).toMatch(want);
    });
  }
});

test.describe('printsVariable', () => {
  const rows = [
    { given: 'echo "$LD_ACCESS_TOKEN"', want: true },
    { given: 'printf %s ${LD_ACCESS_TOKEN} > f', want: true },
    { given: 'echo "t=$LD_ACCESS_TOKEN" >> $GITHUB_OUTPUT', want: true },
    { given: 'env | sort', want: true },
    { given: 'npm test', want: false },
    { given: 'echo done\ncurl -H "Authorization: $LD_ACCESS_TOKEN" x', want: false },
    { given: 'echo $LD_ACCESS_TOKEN_NAME', want: false },
  ];
  for (const { given, want } of rows) {
    test(JSON.stringify(given), () => {
      expect(printsVariable(given, 'LD_ACCESS_TOKEN')).toBe(want);
    });
  }
});

test.describe("GitHub's schema check", () => {
  const rows = [
    {
      name: 'unknown step key',
      given: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n        bogus: 1\n',
      want: /Unexpected value 'bogus'/,
    },
    {
      name: 'needs an unknown job',
      given: 'on: push\njobs:\n  a:\n    needs: b\n    runs-on: ubuntu-latest\n    steps:\n      - run: x\n',
      want: /b/,
    },
    { name: 'no jobs', given: 'on: push\n', want: /jobs/i },
  ];
  for (const { name, given, want } of rows) {
    test(name, async () => {
      const findings = await checkWorkflowSchema('w.yml', given);
      expect(findings.map((f) => f.message).join('\n')).toMatch(want);
    });
  }
});
