/**
 * Run in a FRESH child process (`tsx src/bench/compile-probe.ts`): how long the contract library takes to get
 * ready to judge the six operations with cold caches — module import, loading the generated schema files, and
 * compiling every validator a run of the six operations can need (each documented response body and request
 * body, lenient — the default mode; strict compiled after, reported apart). Prints one JSON line on stdout.
 */
import { performance } from 'node:perf_hooks';
import { OPERATION_IDS } from '../domain/operations';

export interface CompileProbeResult {
  importMs: number;
  loadMs: number;
  compileMs: number;
  strictCompileMs: number;
  validators: number;
}

async function probe(): Promise<CompileProbeResult> {
  const t0 = performance.now();
  const { SchemaRegistry } = await import('../contract/schema-registry');
  const t1 = performance.now();
  const registry = new SchemaRegistry();
  const t2 = performance.now();
  const files = new Set<string>();
  for (const op of OPERATION_IDS) {
    const contract = registry.getOperationContract(op);
    for (const response of Object.values(contract.responses)) if (response.schemaRef) files.add(response.schemaRef);
    if (contract.requestBody) files.add(contract.requestBody.schemaRef);
  }
  for (const file of files) registry.getValidator(file, false);
  const t3 = performance.now();
  for (const file of files) registry.getValidator(file, true);
  const t4 = performance.now();
  return { importMs: t1 - t0, loadMs: t2 - t1, compileMs: t3 - t2, strictCompileMs: t4 - t3, validators: files.size };
}

if (require.main === module) {
  probe().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`compile probe failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
