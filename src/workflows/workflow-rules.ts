/**
 * Project rules for the GitHub workflows, checked on the parsed YAML (plain objects). GitHub's own
 * schema check (workflow-schema-check.ts) says a file is a valid workflow; these say it does what
 * this project relies on: reports kept for a bounded time, cleanup that runs when tests fail, no two
 * nightlies on staging at once, secrets only through `${{ secrets.* }}` in env and never printed.
 */
export interface WorkflowFinding {
  file: string;
  message: string;
}

type Json = Record<string, unknown>;

interface StepRef {
  job: string;
  index: number;
  step: Json;
}

const SECRET_EXPRESSION = /\$\{\{\s*secrets\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}/;
const ANY_SECRETS_USE = /\bsecrets\b/;

export function checkWorkflowRules(file: string, doc: unknown, kind: 'ci' | 'nightly' | 'other'): WorkflowFinding[] {
  const findings: string[] = [];
  if (!isRecord(doc)) return [{ file, message: 'the workflow is not a YAML mapping' }];
  const jobs = isRecord(doc.jobs) ? doc.jobs : {};
  const steps = listSteps(jobs);

  findings.push(...checkUploads(steps));
  findings.push(...checkSecrets(doc, jobs, steps));
  if (kind === 'nightly') findings.push(...checkNightly(doc, jobs, steps));
  if (kind === 'ci') findings.push(...checkCi(doc, jobs, steps));
  return findings.map((message) => ({ file, message }));
}

function checkUploads(steps: StepRef[]): string[] {
  return steps
    .filter((s) => typeof s.step.uses === 'string' && s.step.uses.startsWith('actions/upload-artifact@'))
    .filter((s) => !isRecord(s.step.with) || s.step.with['retention-days'] === undefined)
    .map((s) => `${where(s)}: upload-artifact without retention-days`);
}

function checkSecrets(doc: Json, jobs: Json, steps: StepRef[]): string[] {
  const findings: string[] = [];
  // Where may `secrets` appear at all? Only as a whole `${{ secrets.NAME }}` value of an env entry.
  const envMaps: { label: string; env: unknown }[] = [
    { label: 'workflow env', env: doc.env },
    ...Object.entries(jobs).map(([name, job]) => ({ label: `job ${name} env`, env: isRecord(job) ? job.env : undefined })),
    ...steps.map((s) => ({ label: `${where(s)} env`, env: s.step.env })),
  ];
  const secretVars = new Set<string>();
  for (const { env } of envMaps) {
    if (!isRecord(env)) continue;
    for (const [name, value] of Object.entries(env)) {
      if (typeof value === 'string' && SECRET_EXPRESSION.test(value)) secretVars.add(name);
    }
  }
  const allowed = new Set<unknown>(envMaps.map((m) => m.env));
  walk(doc, [], (value, path, parent) => {
    if (typeof value !== 'string' || !ANY_SECRETS_USE.test(value) || !value.includes('${{')) return;
    const inEnv = allowed.has(parent) && SECRET_EXPRESSION.test(value) && value.trim().match(/^\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}$/);
    if (!inEnv) findings.push(`${path.join('.')}: secrets may only be used as a whole \`\${{ secrets.NAME }}\` env value`);
  });
  for (const s of steps) {
    if (typeof s.step.run !== 'string') continue;
    for (const name of secretVars) {
      if (printsVariable(s.step.run, name)) findings.push(`${where(s)}: run script may print the secret ${name}`);
    }
    if (secretVars.size > 0 && /^\s*set\s+-[a-z]*x/m.test(s.step.run)) findings.push(`${where(s)}: set -x would echo secret values`);
  }
  return findings;
}

/** True when a shell line both prints something (echo, printf, cat <<, tee, env dump) and references the variable. */
export function printsVariable(script: string, name: string): boolean {
  const ref = new RegExp(`\\$\\{?${name}\\b`);
  return script.split('\n').some((line) => {
    const printing = /\b(echo|printf|tee|cat)\b|>>\s*"?\$GITHUB_(OUTPUT|ENV|STEP_SUMMARY)/.test(line);
    const dumpsEnv = /^\s*(env|printenv|export\s+-p|set)\s*(\||$)/.test(line);
    return (printing && ref.test(line)) || dumpsEnv;
  });
}

function checkNightly(doc: Json, jobs: Json, steps: StepRef[]): string[] {
  const findings: string[] = [];
  const on = isRecord(doc.on) ? doc.on : {};
  if (!Array.isArray(on.schedule) || on.schedule.length === 0) findings.push('nightly must run on a cron schedule');
  const concurrency = doc.concurrency;
  const group = typeof concurrency === 'string' ? concurrency : isRecord(concurrency) ? concurrency.group : undefined;
  if (typeof group !== 'string' || group.trim() === '') {
    findings.push('nightly needs a top-level concurrency group so two runs never overlap on staging');
  } else if (isRecord(concurrency) && concurrency['cancel-in-progress'] === true) {
    findings.push('nightly concurrency must not cancel a run in progress (its cleanup would be skipped)');
  }
  const cleanups = steps.filter((s) => typeof s.step.run === 'string' && /\bnpm run cleanup\b/.test(s.step.run));
  if (cleanups.length === 0) findings.push('nightly has no `npm run cleanup` step');
  for (const s of cleanups) {
    if (typeof s.step.if !== 'string' || !/\balways\(\)/.test(s.step.if)) findings.push(`${where(s)}: cleanup step needs \`if: always()\``);
  }
  const sharded = Object.entries(jobs).some(([, job]) => {
    const matrix = isRecord(job) && isRecord(job.strategy) && isRecord(job.strategy.matrix) ? job.strategy.matrix : undefined;
    return Array.isArray(matrix?.shard) && matrix.shard.length >= 2;
  });
  if (!sharded) findings.push('nightly must shard the suite over 2+ machines (strategy.matrix.shard)');
  const runs = steps.map((s) => (typeof s.step.run === 'string' ? s.step.run : '')).join('\n');
  // The redacting reporter before blob: a --reporter flag replaces the config's list, redaction included (H2). The
  // hygiene reporter after blob: the shard judges H1/H2 itself (its secrets die with it) and leaves its verdict.
  if (!/--shard\b/.test(runs) || !/--reporter[ =]\S*redacting-reporter\.ts,blob\b/.test(runs)) {
    findings.push(
      'nightly shards must run with --shard and --reporter ./src/reporters/redacting-reporter.ts,blob (redaction first: the blob is an artifact)',
    );
  }
  if (!/--reporter[ =]\S*,blob,(\S*coverage-reporter\.ts,)?\S*hygiene-reporter\.ts\b/.test(runs)) {
    findings.push(
      'nightly shards must list ./src/reporters/hygiene-reporter.ts last, after blob (each shard judges H1/H2 and leaves its verdict next to the blob)',
    );
  }
  // Issue 24.4: the documented exit codes (0 passed, 1 contract failure, 2 configuration, 3 environment only) in the
  // nightly too. A shard's step is `npm run conformance` (the wrapper reads the shard's summary.json, which its coverage
  // reporter after blob writes); Playwright's own exit says 1 for a contract failure and an unreachable staging alike.
  if (/\bplaywright\s+test\b/.test(runs) || !/\bnpm run conformance\b[^\n]*--shard\b/.test(runs)) {
    findings.push(
      'nightly shards must run `npm run conformance -- --shard …` (its documented exit codes), not `npx playwright test` (Playwright exits 1 for a contract failure and an unreachable target alike)',
    );
  }
  if (!/--reporter[ =]\S*,blob,\S*coverage-reporter\.ts,\S*hygiene-reporter\.ts\b/.test(runs)) {
    findings.push(
      "nightly shards must list ./src/reporters/coverage-reporter.ts after blob and before the hygiene reporter (it writes the shard's summary.json, which `npm run conformance` exits from)",
    );
  }
  if (!/hygiene-shard-\*\.json[^\n]*\b(mv|cp)\b[^\n]*\breports\//.test(runs)) {
    findings.push(
      "nightly merge must move the shards' hygiene-shard-*.json into reports/ before merge-reports (else H1/H2 are not judged)",
    );
  }
  // The merge job exits with the same codes, from the merged summary.json (scripts/merge-reports.ts); merge-reports'
  // own exit is 0 after a merged run with contract failures.
  if (!/\bnpm run report:merge\b/.test(runs) || /\bplaywright\s+merge-reports\b/.test(runs))
    findings.push(
      'nightly must merge with `npm run report:merge -- <blob dir>` (merge.config.ts, exit codes from the merged summary.json), not `npx playwright merge-reports`',
    );
  // Issue 12: a nightly that stays readable — last night as the baseline, the run summary where people look.
  if (!/\bLD_BASELINE=/.test(runs))
    findings.push('nightly must compare with the previous night (set LD_BASELINE to its downloaded report)');
  // Issue 24: a stopped night (no test ran) must not become the next baseline: the merge would refuse it (exit 2).
  for (const s of steps) {
    const run = typeof s.step.run === 'string' ? s.step.run : '';
    if (/\bLD_BASELINE=/.test(run) && !/\bnpm run (--silent |-s )?baseline:check\b/.test(run))
      findings.push(
        `${where(s)}: sets LD_BASELINE without \`npm run --silent baseline:check -- <dir>\` (a stopped night must not become the baseline)`,
      );
  }
  // Issue 24.4: the merge (merge.config.ts: the coverage reporter, with GITHUB_STEP_SUMMARY set) appends summary.md
  // itself, once; a step appending it too would show the run's summary twice.
  if (/summary\.md\b[^\n]*>>\s*"?\$GITHUB_STEP_SUMMARY/.test(runs))
    findings.push(
      'nightly must not append reports/summary.md to $GITHUB_STEP_SUMMARY itself: the merge (coverage reporter) appends it, once',
    );
  if (!steps.some((s) => typeof s.step.uses === 'string' && s.step.uses.startsWith('actions/upload-artifact@'))) {
    findings.push('nightly uploads no artifacts');
  }
  findings.push(...checkHistory(steps));
  for (const name of ['LD_BASE_URL', 'LD_ACCESS_TOKEN']) {
    if (!JSON.stringify(doc).includes(`secrets.${name}`)) findings.push(`nightly must take ${name} from secrets.${name}`);
  }
  return findings;
}

/**
 * Issue 29: the nightly builds its history page each night and uploads it with the report: `npm run history` with
 * `--out reports/history` (inside the uploaded reports/), `if: always()` (a red night is the one to see), before the
 * upload of reports/, reading the earlier nights from a downloaded earlier `nightly-report` artifact (the chain of
 * kept summaries: docs/history.md).
 */
function checkHistory(steps: StepRef[]): string[] {
  const findings: string[] = [];
  const history = steps.find((s) => typeof s.step.run === 'string' && /\bnpm run (--silent |-s )?history\b/.test(s.step.run));
  if (!history) {
    return [
      'nightly must build the history page: `npm run history -- --from <earlier report> reports --out reports/history` (docs/history.md)',
    ];
  }
  const run = String(history.step.run);
  if (!/--out[ =]reports\/history\b/.test(run))
    findings.push(`${where(history)}: the history must go to --out reports/history (uploaded with the report)`);
  if (typeof history.step.if !== 'string' || !/\balways\(\)/.test(history.step.if))
    findings.push(`${where(history)}: the history step needs \`if: always()\``);
  const upload = steps.find(
    (s) =>
      s.job === history.job &&
      typeof s.step.uses === 'string' &&
      s.step.uses.startsWith('actions/upload-artifact@') &&
      isRecord(s.step.with) &&
      /^reports\/?$/.test(String(s.step.with.path)),
  );
  if (!upload || upload.index < history.index)
    findings.push(`${where(history)}: the history must be built before reports/ is uploaded in the same job`);
  // The baseline step downloads one too (into baseline/): any earlier download the history reads counts.
  const downloads = steps
    .filter((s) => s.job === history.job && s.index < history.index && typeof s.step.run === 'string')
    .flatMap((s) =>
      [...String(s.step.run).matchAll(/gh run download[^\n]*--name nightly-report[^\n]*--dir\s+"?([A-Za-z0-9_.-]+)/g)].map(
        (m) => m[1] ?? '',
      ),
    );
  const fromPaths = /--from\s+([^\n]*?)(\s--|$)/m.exec(run)?.[1]?.split(/[\s,]+/) ?? [];
  if (!downloads.some((dir) => fromPaths.includes(dir))) {
    findings.push(
      `${where(history)}: the history must read the earlier nights from an earlier nightly-report artifact (a step before it: \`gh run download … --name nightly-report --dir <dir>\`, then --from <dir>)`,
    );
  }
  return findings;
}

function checkCi(doc: Json, jobs: Json, steps: StepRef[]): string[] {
  const findings: string[] = [];
  const on = doc.on;
  const onPr = on === 'pull_request' || (Array.isArray(on) && on.includes('pull_request')) || (isRecord(on) && 'pull_request' in on);
  if (!onPr) findings.push('ci must run on pull_request');
  const runs = steps.map((s) => (typeof s.step.run === 'string' ? s.step.run : ''));
  if (!runs.some((r) => /\bnpm ci\b/.test(r))) findings.push('ci must install with `npm ci`');
  if (!runs.some((r) => /\bnpm test\b/.test(r))) findings.push('ci must run `npm test`');
  if (!runs.some((r) => /apt-get install[^\n]*\bchromium\b/.test(r)))
    findings.push('ci must install Debian/Ubuntu chromium for the browser check');
  const node20 =
    Object.values(jobs).some((job) => {
      const container = isRecord(job) ? job.container : undefined;
      const image = typeof container === 'string' ? container : isRecord(container) ? container.image : undefined;
      return typeof image === 'string' && /^node:20\b/.test(image);
    }) ||
    steps.some(
      (s) =>
        typeof s.step.uses === 'string' &&
        s.step.uses.startsWith('actions/setup-node@') &&
        isRecord(s.step.with) &&
        String(s.step.with['node-version']).startsWith('20'),
    );
  if (!node20) findings.push('ci must use Node 20 (node:20 container or setup-node node-version 20)');
  if (
    !steps.some(
      (s) =>
        typeof s.step.uses === 'string' &&
        s.step.uses.startsWith('actions/upload-artifact@') &&
        typeof s.step.if === 'string' &&
        /always\(\)/.test(s.step.if),
    )
  ) {
    findings.push('ci must upload reports with `if: always()` (failed runs need them most)');
  }
  return findings;
}

function listSteps(jobs: Json): StepRef[] {
  return Object.entries(jobs).flatMap(([job, value]) => {
    const steps = isRecord(value) && Array.isArray(value.steps) ? value.steps : [];
    return steps.filter(isRecord).map((step, index) => ({ job, index, step }));
  });
}

function where(s: StepRef): string {
  const name = typeof s.step.name === 'string' ? ` "${s.step.name}"` : '';
  return `jobs.${s.job}.steps[${s.index}]${name}`;
}

function walk(value: unknown, path: string[], visit: (value: unknown, path: string[], parent: unknown) => void, parent?: unknown): void {
  visit(value, path, parent);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)], visit, value));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit, value);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
