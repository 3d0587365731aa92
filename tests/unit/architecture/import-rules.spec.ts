import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The layering ARCHITECTURE.md promises, checked on the source: the contract checks (the judge) and the
 * reference server (a subject under test) never import each other — a server that shared the judge's
 * code could not catch the judge's mistakes, and the judge must not know one implementation — and
 * nothing under src/ imports the tests.
 */
const ROOT = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports (static `import`/`export … from`, dynamic `import()`, `require()`), resolved to a repo path. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
  return specifiers.filter((s) => s.startsWith('.')).map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)).split(path.sep).join('/'));
}

const rules: { given: string; from: string; mustNotImport: string }[] = [
  { given: 'the contract checks do not import the reference server', from: 'src/contract', mustNotImport: 'src/server' },
  { given: 'the reference server does not import the contract checks', from: 'src/server', mustNotImport: 'src/contract' },
  { given: 'nothing under src/ imports the tests', from: 'src', mustNotImport: 'tests' },
];

for (const { given, from, mustNotImport } of rules) {
  test(given, () => {
    const files = sourceFiles(path.join(ROOT, from));
    expect(files.length, `${from} has source files`).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => target === mustNotImport || target.startsWith(`${mustNotImport}/`))
        .map((target) => `${path.relative(ROOT, file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });
}

test('the import scanner sees the imports it must judge (so the rules above cannot pass by reading nothing)', () => {
  const imports = importsOf(path.join(ROOT, 'src/contract/checks.ts'));
  expect(imports.some((target) => target.startsWith('src/contract/'))).toBe(true);
  expect(importsOf(path.join(ROOT, 'scripts/serve.ts'))).toContain('src/server/cli-args');
});
