import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  ID_OPERATIONS,
  OPERATION_IDS,
  OPERATIONS,
  READ_OPERATIONS,
  SECRET_ISSUING_OPERATIONS,
  WRITE_OPERATIONS,
} from '../../../src/domain/operations';

/**
 * The traits table (src/domain/operations.ts) restates what the vendored contract says about each operation, so the
 * client can build requests without loading schemas: here every row is held to the generated operation contract
 * (schemas/operations/<opId>.json, itself drift-checked against the spec), and the traits that follow from the
 * method and path are held to them.
 */
const ROOT = path.resolve(__dirname, '../../..');

interface OperationContractFile {
  operationId: string;
  method: string;
  pathTemplate: string;
}

function contractOf(op: string): OperationContractFile {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/operations', `${op}.json`), 'utf8')) as OperationContractFile;
}

for (const op of OPERATION_IDS) {
  test(`${op}: its traits agree with schemas/operations/${op}.json`, () => {
    const contract = contractOf(op);
    const traits = OPERATIONS[op];
    expect(contract.operationId).toBe(op);
    expect({ method: traits.method, path: traits.path }).toEqual({ method: contract.method.toUpperCase(), path: contract.pathTemplate });
    expect(traits.effect !== 'read', 'writes iff the method is not GET').toBe(traits.method !== 'GET');
    expect(traits.effect === 'delete', "effect 'delete' iff the method is DELETE").toBe(traits.method === 'DELETE');
    expect(traits.takesId, 'takesId iff the path has {id}').toBe(traits.path.includes('{id}'));
    if (traits.effect === 'create') expect(traits.takesId, 'a creation names no existing token').toBe(false);
    if (traits.issuesSecret !== false) expect(traits.method, 'only a POST issues a secret').toBe('POST');
  });
}

test('the table has exactly one row per operation id, in OPERATION_IDS order', () => {
  expect(Object.keys(OPERATIONS)).toEqual([...OPERATION_IDS]);
});

test('the derived lists are the table read one way each', () => {
  expect(WRITE_OPERATIONS).toEqual(['postToken', 'patchToken', 'deleteToken', 'resetToken']);
  expect(READ_OPERATIONS).toEqual(['getTokens', 'getToken']);
  expect(ID_OPERATIONS).toEqual(['getToken', 'patchToken', 'deleteToken', 'resetToken']);
  expect(SECRET_ISSUING_OPERATIONS).toEqual(['postToken', 'resetToken']);
});
