import { expect, test } from '@playwright/test';
import {
  AUTHZ_CELL_ANNOTATION,
  AUTHZ_IDENTITIES,
  authzCells,
  authzCellsFor,
  expectedOutcome,
  identityFields,
  parseAuthzCellRecord,
  type AuthzExpectation,
  type AuthzIdentity,
  type AuthzTarget,
} from '../../../src/domain/authz-matrix';
import { OPERATION_IDS, OPERATIONS, type OperationId } from '../../../src/domain/operations';

test.describe('expectedOutcome: what rules B1, B2, B4, B5 and B6 decide', () => {
  const rows: { given: [AuthzIdentity, OperationId, AuthzTarget]; want: AuthzExpectation | 'observed' }[] = [
    { given: ['writer', 'postToken', 'collection'], want: { kind: 'denied', statuses: [403], rule: 'B4' } },
    { given: ['admin', 'postToken', 'collection'], want: { kind: 'allowed', statuses: [201], rule: 'B2' } },
    { given: ['reader', 'postToken', 'collection'], want: { kind: 'denied', statuses: [403], rule: 'B1' } },
    { given: ['reader', 'getTokens', 'collection'], want: { kind: 'allowed', statuses: [200], rule: 'B1' } },
    { given: ['writer', 'patchToken', 'own'], want: { kind: 'denied', statuses: [403], rule: 'B4' } },
    { given: ['writer', 'patchToken', 'same-member'], want: { kind: 'denied', statuses: [403], rule: 'B4' } },
    { given: ['reader', 'patchToken', 'own'], want: { kind: 'denied', statuses: [403], rule: 'B5' } },
    { given: ['reader', 'resetToken', 'own'], want: { kind: 'denied', statuses: [403], rule: 'B5' } },
    { given: ['reader', 'deleteToken', 'own'], want: { kind: 'denied', statuses: [403], rule: 'B5' } },
    { given: ['reader', 'deleteToken', 'same-member'], want: { kind: 'denied', statuses: [403], rule: 'B1' } },
    { given: ['reader', 'getToken', 'own'], want: { kind: 'allowed', statuses: [200], rule: 'B1' } },
    { given: ['reader', 'getToken', 'other-member'], want: { kind: 'denied', statuses: [403, 404], rule: 'B6' } },
    { given: ['writer', 'getToken', 'other-member'], want: { kind: 'denied', statuses: [403, 404], rule: 'B6' } },
    { given: ['writer', 'resetToken', 'other-member'], want: { kind: 'denied', statuses: [403, 404], rule: 'B6' } },
    { given: ['writer', 'deleteToken', 'other-member'], want: { kind: 'denied', statuses: [403, 404], rule: 'B6' } },
    { given: ['admin', 'getToken', 'other-member'], want: { kind: 'allowed', statuses: [200], rule: 'B6' } },
    { given: ['admin', 'deleteToken', 'other-member'], want: { kind: 'allowed', statuses: [204], rule: 'B6' } },
    { given: ['admin', 'patchToken', 'other-member'], want: 'observed' },
    { given: ['admin', 'resetToken', 'other-member'], want: 'observed' },
    { given: ['admin', 'resetToken', 'own'], want: { kind: 'allowed', statuses: [200], rule: 'B2' } },
    { given: ['writer', 'resetToken', 'own'], want: 'observed' },
    { given: ['writer', 'deleteToken', 'same-member'], want: 'observed' },
    // A custom role or an inline policy decides what its token may do: no rule does, every cell is observed.
    { given: ['custom-role', 'postToken', 'collection'], want: 'observed' },
    { given: ['custom-role', 'getToken', 'other-member'], want: 'observed' },
    { given: ['inline-policy', 'patchToken', 'own'], want: 'observed' },
    { given: ['inline-policy', 'getTokens', 'collection'], want: 'observed' },
  ];
  for (const { given, want } of rows) {
    test(`${given.join(' ')}`, () => {
      const got = expectedOutcome(...given);
      if (want === 'observed') expect(got.kind).toBe('observed');
      else expect(got).toEqual(want);
    });
  }
});

test.describe('authzCells: generated from the operations and the identities', () => {
  test('every identity × every id operation × three targets, and one collection cell per operation without an id', () => {
    const idOps = OPERATION_IDS.filter((op) => OPERATIONS[op].takesId).length;
    const collectionOps = OPERATION_IDS.length - idOps;
    expect(authzCells()).toHaveLength(AUTHZ_IDENTITIES.length * (idOps * 3 + collectionOps));
  });
  test("reads run before writes, and deleting the caller's own token is its row's last cell", () => {
    for (const identity of AUTHZ_IDENTITIES) {
      const cells = authzCellsFor(identity);
      const firstWrite = cells.findIndex((c) => OPERATIONS[c.operation].effect !== 'read');
      expect(cells.slice(firstWrite).every((c) => OPERATIONS[c.operation].effect !== 'read')).toBe(true);
      expect(cells.at(-1)).toMatchObject({ operation: 'deleteToken', target: 'own' });
    }
  });
});

test.describe('identityFields: what postToken is sent to mint each identity (spec TokenBody)', () => {
  const rows: { given: AuthzIdentity; want: unknown }[] = [
    { given: 'reader', want: { role: 'reader' } },
    { given: 'admin', want: { role: 'admin' } },
    { given: 'custom-role', want: { customRoleIds: ['ldct-authz-custom-role'] } },
    // Nothing about tokens: a staging never holds a powerful token the suite minted.
    { given: 'inline-policy', want: { inlineRole: [{ effect: 'allow', actions: ['viewProject'], resources: ['proj/*'] }] } },
  ];
  for (const { given, want } of rows) {
    test(given, () => {
      expect(identityFields(given)).toEqual(want);
    });
  }
});

test.describe('parseAuthzCellRecord', () => {
  const rows: { given: string | undefined; want: unknown }[] = [
    {
      given: '{"identity":"reader","operation":"patchToken","target":"own","verdict":"denied","status":403,"rule":"B5"}',
      want: { identity: 'reader', operation: 'patchToken', target: 'own', verdict: 'denied', status: 403, rule: 'B5' },
    },
    {
      given:
        '{"identity":"admin","operation":"resetToken","target":"other-member","verdict":"inconclusive","status":null,"rule":null,"note":"why"}',
      want: {
        identity: 'admin',
        operation: 'resetToken',
        target: 'other-member',
        verdict: 'inconclusive',
        status: null,
        rule: null,
        note: 'why',
      },
    },
    {
      given: '{"identity":"inline-policy","operation":"getToken","target":"own","verdict":"observed","status":200,"rule":null}',
      want: { identity: 'inline-policy', operation: 'getToken', target: 'own', verdict: 'observed', status: 200, rule: null },
    },
    { given: '{"identity":"owner","operation":"patchToken","target":"own","verdict":"denied"}', want: null },
    { given: 'not json', want: null },
    { given: undefined, want: null },
  ];
  for (const { given, want } of rows) {
    test(`${AUTHZ_CELL_ANNOTATION}: ${String(given).slice(0, 50)}`, () => {
      expect(parseAuthzCellRecord(given)).toEqual(want);
    });
  }
});
