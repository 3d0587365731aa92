import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CleanupLedger, type RecordedWrite } from '../../../src/client/cleanup-ledger';
import { findNeedles } from '../../../src/hygiene/find-needles';
import { scanArtifactsForSecrets, type ScannedSecret } from '../../../src/hygiene/judge-h2';
import { judgeH1, notJudged, readH1Verdict, writeH1Verdict, type OutsideState } from '../../../src/hygiene/outside-verdict';
import {
  appendSecret,
  createSecretStore,
  readSecrets,
  removeSecretStore,
  removeStaleSecretStores,
} from '../../../src/secrets/secret-store';
import { combineRuleState } from '../../../src/coverage/outside-rules';
import type { RuleState } from '../../../src/coverage/coverage-model';

const ISSUED = 'api-11111111-2222-4333-8444-555555555555';
const RESET = 'api-66666666-7777-4888-9999-aaaaaaaaaaaa';
const CONFIGURED = 'api-bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const SECRETS: ScannedSecret[] = [
  { kind: 'configured', secret: CONFIGURED },
  { kind: 'issued', secret: ISSUED },
  { kind: 'reset', secret: RESET },
];

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
}

const SCAN_CASES: { given: string; files: Record<string, string | Buffer>; want: OutsideState; says?: RegExp }[] = [
  {
    given: 'clean artifacts (masked secrets only)',
    files: { 'junit.xml': `<x>***${ISSUED.slice(-4)}</x>`, 'html/index.html': 'ok' },
    want: 'passed',
  },
  {
    given: 'an issued secret in the JUnit report',
    files: { 'junit.xml': `<failure>${ISSUED}</failure>` },
    want: 'failed',
    says: /junit\.xml holds a whole secret issued by postToken/,
  },
  {
    given: 'a reset secret cut short in an attachment',
    files: { 'test-results/a/curl.txt': `token ${RESET.slice(0, 24)}` },
    want: 'failed',
    says: /curl\.txt holds a whole secret issued by resetToken/,
  },
  {
    given: 'the configured token base64-encoded in the JSON report',
    files: { 'conformance.json': `{"body":"${Buffer.from(`Authorization: ${CONFIGURED}`).toString('base64')}"}` },
    want: 'failed',
    says: /conformance\.json#base64\[0\] holds the configured token \(LD_ACCESS_TOKEN\)/,
  },
];

for (const c of SCAN_CASES) {
  test(`H2 scan: ${c.given} → ${c.want}`, () => {
    const dir = tempDir('h2-scan');
    for (const [name, data] of Object.entries(c.files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), data);
    }
    const result = scanArtifactsForSecrets({
      roots: [dir],
      since: Date.now() - 60_000,
      secrets: SECRETS,
      configuredName: 'LD_ACCESS_TOKEN',
      baseDir: dir,
    });
    expect(result.verdict.state).toBe(c.want);
    expect(result.files).toBe(Object.keys(c.files).length);
    if (c.says) expect(result.verdict.problems.join('\n')).toMatch(c.says);
    // Never the secret, nor a piece of it, in what the verdict says.
    const said = JSON.stringify(result.verdict);
    for (const { secret } of SECRETS) expect(said.includes(secret.slice(4, 20)) || said.includes(secret.slice(-4))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('H2 scan: files older than the run are not its artifacts; no secret store means not judged', () => {
  const dir = tempDir('h2-old');
  const file = path.join(dir, 'old.json');
  fs.writeFileSync(file, ISSUED);
  const past = new Date(Date.now() - 3_600_000);
  fs.utimesSync(file, past, past);
  expect(
    scanArtifactsForSecrets({ roots: [dir], since: Date.now() - 60_000, secrets: SECRETS, configuredName: 'X', baseDir: dir }).verdict
      .state,
  ).toBe('passed');
  expect(
    scanArtifactsForSecrets({ roots: [dir], since: Date.now() - 60_000, secrets: null, configuredName: 'X', baseDir: dir }).verdict.state,
  ).toBe('not-judged');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('secret store: 0700 directory and 0600 file outside reports, append and read back, removed, stale stores swept', () => {
  const tmp = tempDir('store-root');
  const dir = createSecretStore('run1', tmp);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  appendSecret(dir, 'issued', ISSUED);
  appendSecret(dir, 'reset', RESET);
  appendSecret(dir, 'issued', ISSUED);
  expect(fs.statSync(path.join(dir, 'secrets.jsonl')).mode & 0o777).toBe(0o600);
  expect(readSecrets(dir)).toEqual([
    { kind: 'issued', secret: ISSUED },
    { kind: 'reset', secret: RESET },
  ]);
  // Alive owner (this process): kept. Dead owner, old enough: removed.
  expect(removeStaleSecretStores(tmp)).toBe(0);
  const stale = createSecretStore('run2', tmp);
  fs.writeFileSync(path.join(stale, 'owner-pid'), '999999999');
  const past = new Date(Date.now() - 3_600_000);
  fs.utimesSync(stale, past, past);
  expect(removeStaleSecretStores(tmp)).toBe(1);
  expect(fs.existsSync(stale)).toBe(false);
  removeSecretStore(dir);
  expect(readSecrets(dir)).toBeNull();
  // A store being written after removal is not the test's failure.
  expect(() => appendSecret(dir, 'issued', ISSUED)).not.toThrow();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const OWN = new Set(['own1', 'own2']);
const H1_CASES: {
  given: string;
  finalListing: { tokens: number; prefixed: number };
  leaked: { id: string; reason: string }[];
  writes?: RecordedWrite[];
  want: OutsideState;
  problems: number;
}[] = [
  { given: 'nothing of the run left', finalListing: { tokens: 3, prefixed: 0 }, leaked: [], want: 'passed', problems: 0 },
  {
    given: 'a token with the run prefix still listed',
    finalListing: { tokens: 3, prefixed: 1 },
    leaked: [{ id: 't1', reason: 'still listed after deletion' }],
    want: 'failed',
    problems: 1,
  },
  {
    given: 'a deletion that could not be confirmed',
    finalListing: { tokens: 3, prefixed: 0 },
    leaked: [{ id: 't2', reason: 'deleteToken answered 500' }],
    want: 'failed',
    problems: 1,
  },
  {
    given: 'writes to own tokens, and refused writes to unknown ids',
    finalListing: { tokens: 1, prefixed: 0 },
    leaked: [],
    writes: [
      { op: 'patchToken', id: 'own1', status: 200 },
      { op: 'deleteToken', id: 'own2', status: 204 },
      { op: 'resetToken', id: 'nobody', status: 404 },
      { op: 'patchToken', id: 'other', status: 403 },
    ],
    want: 'passed',
    problems: 0,
  },
  {
    given: 'a reset that changed a token the run did not create',
    finalListing: { tokens: 1, prefixed: 0 },
    leaked: [],
    writes: [{ op: 'resetToken', id: 'someone-elses', status: 200 }],
    want: 'failed',
    problems: 1,
  },
];

for (const c of H1_CASES) {
  test(`H1 from the final listing and the ledger: ${c.given} → ${c.want}`, () => {
    const verdict = judgeH1({
      prefix: 'ldct-r1',
      finalListing: c.finalListing,
      leaked: c.leaked,
      created: 5,
      writes: c.writes ?? [],
      createdIds: OWN,
    });
    expect(verdict.state).toBe(c.want);
    expect(verdict.problems.length, verdict.problems.join('\n')).toBe(c.problems);
    if (c.writes?.some((w) => w.id === 'someone-elses'))
      expect(verdict.problems[0]).toMatch(/^H1: resetToken on someone-elses, a token this run did not create, answered 200/);
  });
}

test('the ledger records writes apart from creations and deletions', () => {
  const dir = tempDir('ledger-writes');
  const ledger = new CleanupLedger(path.join(dir, 'run.jsonl'));
  ledger.recordCreated('own1', 'n');
  ledger.recordWrite('patchToken', 'own1', 200);
  ledger.recordWrite('deleteToken', 'own1', 204);
  ledger.recordDeleted('own1');
  expect(ledger.writes()).toEqual([
    { op: 'patchToken', id: 'own1', status: 200 },
    { op: 'deleteToken', id: 'own1', status: 204 },
  ]);
  expect([...ledger.createdIds()]).toEqual(['own1']);
  expect(ledger.summarize()).toEqual({ created: 1, deleted: 1, pending: [] });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('H1 verdict file: read back for its own run only', () => {
  const dir = tempDir('h1-file');
  expect(readH1Verdict(dir, 'r1').state).toBe('not-judged');
  writeH1Verdict(dir, 'r1', { state: 'failed', summary: 's', problems: ['p'] });
  expect(readH1Verdict(dir, 'r1')).toEqual({ state: 'failed', summary: 's', problems: ['p'] });
  expect(readH1Verdict(dir, 'r2').state).toBe('not-judged');
  fs.rmSync(dir, { recursive: true, force: true });
});

const COMBINE_CASES: { inRun: RuleState; outside: OutsideState; want: RuleState }[] = [
  { inRun: 'passed', outside: 'passed', want: 'passed' },
  { inRun: 'passed', outside: 'failed', want: 'failed' },
  { inRun: 'failed', outside: 'passed', want: 'failed' },
  { inRun: 'not-run', outside: 'passed', want: 'passed' },
  { inRun: 'inconclusive', outside: 'passed', want: 'passed' },
  { inRun: 'passed', outside: 'not-judged', want: 'passed' },
  { inRun: 'not-run', outside: 'not-judged', want: 'not-run' },
];

for (const c of COMBINE_CASES) {
  test(`rule state: in-run ${c.inRun} + outside ${c.outside} → ${c.want}`, () => {
    expect(combineRuleState(c.inRun, { ...notJudged(''), state: c.outside })).toBe(c.want);
  });
}

const NEEDLE_CASES: { given: string; haystack: string; needles: string[]; want: [string, number][] }[] = [
  { given: 'none present', haystack: 'abcdefghijklmnop', needles: ['zzzzzzzz'], want: [] },
  {
    given: 'at the start and at the very end',
    haystack: 'needle01 middle needle01',
    needles: ['needle01'],
    want: [
      ['needle01', 0],
      ['needle01', 16],
    ],
  },
  {
    given: 'overlapping occurrences',
    haystack: 'aaaaaaaaaa',
    needles: ['aaaaaaaa'],
    want: [
      ['aaaaaaaa', 0],
      ['aaaaaaaa', 1],
      ['aaaaaaaa', 2],
    ],
  },
  {
    given: 'needles of two lengths',
    haystack: 'xx12345678yy1234567890123456zz',
    needles: ['12345678', '1234567890123456'],
    want: [
      ['12345678', 2],
      ['12345678', 12],
      ['1234567890123456', 12],
    ],
  },
  { given: 'a haystack shorter than the needle', haystack: 'short', needles: ['longer-than-it'], want: [] },
];

for (const c of NEEDLE_CASES) {
  test(`findNeedles: ${c.given}`, () => {
    const hits = findNeedles(Buffer.from(c.haystack, 'latin1'), c.needles).map((h): [string, number] => [h.needle, h.offset]);
    expect(hits.sort((a, b) => a[1] - b[1] || a[0].length - b[0].length)).toEqual(c.want);
  });
}

test('findNeedles agrees with indexOf on random data', () => {
  const alphabet = 'ab-0';
  let seed = 7;
  const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const haystack = Array.from({ length: 20_000 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const needles = Array.from({ length: 20 }, () =>
    Array.from({ length: 8 }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
  );
  const want: string[] = [];
  for (const needle of new Set(needles))
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) want.push(`${at}:${needle}`);
  const got = findNeedles(Buffer.from(haystack, 'latin1'), needles).map((h) => `${h.offset}:${h.needle}`);
  expect(got.sort()).toEqual(want.sort());
  expect(want.length).toBeGreaterThan(0);
});
