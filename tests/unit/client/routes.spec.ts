import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getRoute } from '../../../src/client/routes';
import { OPERATION_IDS } from '../../../src/domain/operations';

interface SpecPaths {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../specs/launchdarkly-openapi.json'), 'utf8')) as SpecPaths;

for (const op of OPERATION_IDS) {
  test(`${op}: the client's route is the vendored spec's method and path`, () => {
    const fromSpec = Object.entries(spec.paths).flatMap(([p, methods]) =>
      Object.entries(methods)
        .filter(([, o]) => o.operationId === op)
        .map(([m]) => ({ method: m.toUpperCase(), path: p })),
    );
    expect(fromSpec).toEqual([getRoute(op)]);
  });
}
