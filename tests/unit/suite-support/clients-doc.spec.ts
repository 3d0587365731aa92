import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * specs/clients.md names, for each client flow, the test that replays it; this keeps the page and
 * tests/access-tokens/clients.spec.ts in step both ways (a renamed test, a flow with no test).
 */

const ROOT = path.resolve(__dirname, '../../..');
const CLIENTS = ['terraform', 'ldcli', 'launchdarkly-api-typescript'];

function testTitles(): string[] {
  const source = fs.readFileSync(path.join(ROOT, 'tests/access-tokens/clients.spec.ts'), 'utf8');
  return [...source.matchAll(/\btest\(\s*'([^']+)'/g)].map((m) => m[1] ?? ''); // a title may sit on the next line (Prettier)
}

function namedInDoc(): string[] {
  const doc = fs.readFileSync(path.join(ROOT, 'specs/clients.md'), 'utf8');
  const names = [...doc.matchAll(/`([a-z-]+: [^`]+)`/g)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((name) => CLIENTS.includes(name.split(':')[0] ?? '')))];
}

test('every flow test named in specs/clients.md exists in clients.spec.ts', () => {
  const titles = testTitles();
  expect(namedInDoc().filter((name) => !titles.includes(name))).toEqual([]);
});

test('every test in clients.spec.ts is named in specs/clients.md, after its client', () => {
  const named = namedInDoc();
  const titles = testTitles();
  expect(titles.length).toBeGreaterThan(0);
  expect(
    titles.filter((title) => !CLIENTS.includes(title.split(':')[0] ?? '')),
    'titles start with the client',
  ).toEqual([]);
  expect(
    titles.filter((title) => !named.includes(title)),
    'tests missing from specs/clients.md',
  ).toEqual([]);
});
