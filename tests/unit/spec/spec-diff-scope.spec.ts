import { expect, test } from '@playwright/test';
import { diffSpecs, type SpecChange } from '../../../src/spec/spec-diff';
import { asLoaded, copyVendoredSpec, operation, property, RESET, schema, type SpecDoc } from '../../support/spec-mutations';

/** What the diff looks at (only what the six operations reach), and what it does not call a change. */

const TOKEN = '/components/schemas/Token';

function diffOf(before: SpecDoc, after: SpecDoc): SpecChange[] {
  return diffSpecs(asLoaded(before, 'before.json'), asLoaded(after, 'after.json')).changes;
}

test('an unchanged spec has no changes', () => {
  expect(diffOf(copyVendoredSpec(), copyVendoredSpec())).toEqual([]);
});

test('changes to other operations and to schemas the six do not reach are not reported', () => {
  const before = copyVendoredSpec();
  const after = copyVendoredSpec();
  const otherPaths = Object.keys(after.paths).filter((p) => !p.startsWith('/api/v2/tokens'));
  expect(otherPaths.length).toBeGreaterThan(100);
  for (const p of otherPaths.slice(0, 50)) delete after.paths[p];
  const flagGet = after.paths['/api/v2/flags/{projectKey}/{featureFlagKey}']?.get;
  if (flagGet) flagGet.summary = 'changed';
  const member = schema(after, 'Member');
  member.required = [];
  delete member.properties?._id;
  expect(diffOf(before, after)).toEqual([]);
});

test('pointing a $ref at an identical copy of a component is not a change', () => {
  const before = copyVendoredSpec();
  const after = copyVendoredSpec();
  after.components.schemas.TokenCopy = structuredClone(schema(after, 'Token'));
  const tokens = schema(after, 'Tokens').properties?.items as Record<string, Record<string, unknown>>;
  if (tokens.items) tokens.items.$ref = '#/components/schemas/TokenCopy';
  expect(diffOf(before, after)).toEqual([]);
});

test('a recursive schema terminates and still reports the change inside it', () => {
  const before = copyVendoredSpec();
  schema(before, 'Token').properties = { ...schema(before, 'Token').properties, parent: { $ref: '#/components/schemas/Token' } };
  const after = structuredClone(before);
  property(after, 'Token', 'name').maxLength = 10;
  expect(diffOf(before, after).map((c) => c.location)).toEqual([`${TOKEN}/properties/name/maxLength`]);
});

test('several changes are sorted breaking first and counted', () => {
  const before = copyVendoredSpec();
  const after = copyVendoredSpec();
  property(after, 'Token', 'name').description = 'reworded';
  delete operation(after, RESET, 'post').responses['404'];
  const diff = diffSpecs(asLoaded(before, 'a.json'), asLoaded(after, 'b.json'));
  expect(diff.changes.map((c) => c.severity)).toEqual(['breaking', 'non-breaking']);
  expect({ breaking: diff.breaking, nonBreaking: diff.nonBreaking }).toEqual({ breaking: 1, nonBreaking: 1 });
});

test('a keyword next to a $ref is ignored, as OpenAPI 3.0 ignores it; its description still counts as text', () => {
  const before = copyVendoredSpec();
  const after = copyVendoredSpec();
  property(after, 'Token', 'lastUsed').nullable = true;
  expect(diffOf(before, after)).toEqual([]);
  property(after, 'Token', 'lastUsed').description = 'When the token was last used';
  expect(diffOf(before, after).map((c) => [c.kind, c.severity, c.location])).toEqual([
    ['text-changed', 'non-breaking', `${TOKEN}/properties/lastUsed/description`],
  ]);
});
