import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getFallbackRoute, getRoute, readGeneratedRoute } from '../../../src/client/routes';
import { OPERATION_IDS } from '../../../src/spec/operation-ids';

interface SpecPaths {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../specs/launchdarkly-openapi.json'), 'utf8')) as SpecPaths;

for (const op of OPERATION_IDS) {
  test(`${op}: route agrees with the vendored spec (fallback table and generated file)`, () => {
    const fromSpec = Object.entries(spec.paths).flatMap(([p, methods]) =>
      Object.entries(methods).filter(([, o]) => o.operationId === op).map(([m]) => ({ method: m.toUpperCase(), path: p })),
    );
    expect(fromSpec).toEqual([getFallbackRoute(op)]);
    expect(getRoute(op)).toEqual(getFallbackRoute(op));
    // The generated file is the primary source (npm run schemas writes it; it is committed).
    expect(readGeneratedRoute(op)).toEqual(getFallbackRoute(op));
  });
}
