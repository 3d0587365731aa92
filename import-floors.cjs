'use strict';
// The floors of ARCHITECTURE.md as data: eslint.config.mjs derives one `no-restricted-imports` rule per folder
// from this table, and tests/unit/architecture/import-rules.spec.ts reads it to prove a back-import fails lint.
// A folder imports only from folders on lower floors (and from itself), minus its `never` list.

/** @typedef {{ folder: string, floor: number, job: string, never?: string[] }} Room */

const SUBJECTS = ['src/server', 'src/alt-server'];
const JUDGE_SIDE = [
  'src/contract',
  'src/config',
  'src/secrets',
  'src/client',
  'src/expectations',
  'src/session',
  'src/explore',
  'src/concurrency',
];

/** @type {Room[]} */
const ROOMS = [
  {
    folder: 'src/domain',
    floor: 0,
    job: 'operations and traits, rule catalogue, failure kinds, fault metadata, the run record formats (observations, run summary)',
  },
  { folder: 'src/cli', floor: 1, job: 'the one flag parser, the one way a command ends' },
  { folder: 'src/spec', floor: 2, job: 'spec → schemas, spec diff, drift' },
  { folder: 'src/contract', floor: 3, job: 'the judge: pure checks, strictness passed in', never: SUBJECTS },
  { folder: 'src/config', floor: 3, job: 'environment → one validated SuiteConfig', never: SUBJECTS },
  { folder: 'src/secrets', floor: 3, job: "the run's secret store", never: SUBJECTS },
  { folder: 'src/client', floor: 4, job: 'HTTP transport', never: SUBJECTS },
  { folder: 'src/expectations', floor: 4, job: 'failure signatures, known deviations, baseline', never: SUBJECTS },
  // The subjects stand beside the judge: they share no code with it (a server that shared the judge's code
  // could not catch the judge's mistakes), nor with each other (the alt-server proves independence).
  { folder: 'src/server', floor: 4, job: 'the reference server', never: [...JUDGE_SIDE, 'src/alt-server'] },
  {
    folder: 'src/alt-server',
    floor: 4,
    job: 'the independent second implementation',
    never: [...JUDGE_SIDE, 'src/server', 'src/spec', 'src/cli'],
  },
  { folder: 'src/session', floor: 5, job: 'the judged session', never: SUBJECTS },
  { folder: 'src/explore', floor: 6, job: 'explore, on the judged session', never: SUBJECTS },
  {
    folder: 'src/concurrency',
    floor: 7,
    job: "histories of concurrent requests and their linearizability checker, on explore's model of one token",
    never: SUBJECTS,
  },
  { folder: 'src/hygiene', floor: 7, job: 'H1/H2 judged from the outside' },
  { folder: 'src/coverage', floor: 7, job: 'the coverage model and its renderers' },
  { folder: 'src/reporters', floor: 8, job: 'the Playwright reporters' },
  { folder: 'src/harness', floor: 8, job: 'runs the suite as a child and judges it from outside' },
  // The judge of two targets at once: like the judge's side it shares no code with the servers (the script starts
  // an embedded one and hands it in), so a difference is never the tool's own server speaking.
  {
    folder: 'src/differential',
    floor: 8,
    job: 'the differential run: one plan, two targets, normalised differences',
    never: SUBJECTS,
  },
  { folder: 'src/history', floor: 8, job: "the nightly over time: many nights' summary.json → history.html / history.json" },
  { folder: 'src/bench', floor: 9, job: 'benchmarks' },
  { folder: 'src/docs', floor: 10, job: 'generated docs (README figures, docs/*.md from bench and self-check results)' },
  { folder: 'src/workflows', floor: 9, job: 'workflow checks' },
  { folder: 'scripts', floor: 11, job: 'thin command-line entry points', never: ['tests'] },
  { folder: 'tests', floor: 11, job: 'fixtures, the suite, unit and system tests', never: ['scripts'] },
];

/** Folders a room may not import: every room on its own floor or above (but itself), plus its `never` list. */
function forbiddenFor(room) {
  const above = ROOMS.filter((other) => other.folder !== room.folder && other.floor >= room.floor).map((other) => other.folder);
  return [...new Set([...above, ...(room.never ?? [])])].sort();
}

module.exports = { ROOMS, forbiddenFor };
