/**
 * Validation cost: compile time in a fresh process, and the steady-state cost of validating a realistic
 * Token, a 25-item Tokens page and an error body through the contract library's public `validateComponent`.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readStrictMode } from '../config/load-config';
import type { HttpExchange } from '../contract/exchange';
import type { CompileProbeResult } from './compile-probe';
import { sampleErrorBody, sampleToken, sampleTokensPage } from './sample-bodies';
import { runTsxChild } from './run-child';
import { BenchInputError, median } from './stats';

export interface CompileTiming extends CompileProbeResult {
  /** importMs + loadMs + compileMs: what a worker pays before its first lenient validation. */
  readyMs: number;
}

/** Median over `runs` fresh processes (each probe is one cold start). */
export async function measureCompile(runs: number, signal?: AbortSignal): Promise<{ runs: CompileTiming[]; median: CompileTiming }> {
  const results: CompileTiming[] = [];
  for (let i = 0; i < runs; i++) {
    const parsed = await runTsxChild<CompileProbeResult>(path.join(__dirname, 'compile-probe.ts'), { timeoutMs: 60_000, signal });
    results.push({ ...parsed, readyMs: parsed.importMs + parsed.loadMs + parsed.compileMs });
  }
  const pick = (key: keyof CompileTiming): number => median(results.map((r) => r[key]));
  return {
    runs: results,
    median: {
      importMs: pick('importMs'),
      loadMs: pick('loadMs'),
      compileMs: pick('compileMs'),
      strictCompileMs: pick('strictCompileMs'),
      validators: pick('validators'),
      readyMs: pick('readyMs'),
    },
  };
}

export interface ThroughputOptions {
  batches: number;
  batchSize: number;
  warmupIterations: number;
}

export interface ThroughputResult {
  name: string;
  iterations: number;
  /** Median over batches of (batch time / batch size), in microseconds. */
  medianUs: number;
  /** Fastest and slowest batch, to show the spread a shared machine adds. */
  minUs: number;
  maxUs: number;
}

/** One unit of work to time; returns its failures (an empty list for the valid samples used here). */
export type Work = () => readonly unknown[];

/** Times `work()`; throws when the sample does not pass (a bench of the failure path is not the point). */
export function measureThroughput(name: string, work: Work, opts: ThroughputOptions): ThroughputResult {
  const failures = work();
  if (failures.length > 0) {
    throw new BenchInputError(`sample ${name} does not pass validation: ${JSON.stringify(failures).slice(0, 300)}`);
  }
  let sink = 0; // consumed below so the JIT cannot drop the calls
  for (let i = 0; i < opts.warmupIterations; i++) sink += work().length;
  const perBatchUs: number[] = [];
  for (let b = 0; b < opts.batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < opts.batchSize; i++) sink += work().length;
    perBatchUs.push(((performance.now() - t0) * 1000) / opts.batchSize);
  }
  if (sink !== 0) throw new BenchInputError(`sample ${name} stopped passing during the benchmark`);
  return {
    name,
    iterations: opts.batches * opts.batchSize,
    medianUs: median(perBatchUs),
    minUs: Math.min(...perBatchUs),
    maxUs: Math.max(...perBatchUs),
  };
}

/** A complete exchange as the suite's fixture hands it to checkExchange (body as text: the checks parse it). */
export function sampleExchange(operationId: 'getToken' | 'getTokens', body: unknown): HttpExchange {
  const url =
    operationId === 'getToken'
      ? 'http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21'
      : 'http://127.0.0.1:4010/api/v2/tokens?limit=25';
  return {
    operationId,
    request: { method: 'GET', url, headers: { authorization: '[REDACTED]' } },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', date: 'Sat, 28 Nov 2026 11:30:00 GMT' },
      bodyText: JSON.stringify(body),
    },
  };
}

export async function measureValidation(opts: ThroughputOptions): Promise<ThroughputResult[]> {
  const { validateComponent } = await import('../contract/schema-registry');
  // checks.ts, not the library index: the index also loads Playwright's expect, which the bench does not need.
  const { checkExchange } = await import('../contract/checks');
  const component =
    (name: string, value: unknown): Work =>
    () =>
      validateComponent(name, value);
  // The suite's own strictness (CONTRACT_STRICT), as the fixtures pass it: the bench measures the checks a run makes.
  const strict = readStrictMode();
  const exchange =
    (ex: HttpExchange): Work =>
    () =>
      checkExchange(ex, { strict }).failures;
  return [
    measureThroughput('validate Token', component('Token', sampleToken()), opts),
    measureThroughput('validate Tokens (25 items)', component('Tokens', sampleTokensPage(25)), opts),
    measureThroughput('validate error body (NotFoundErrorRep)', component('NotFoundErrorRep', sampleErrorBody()), opts),
    measureThroughput(
      'checkExchange getToken 200 (all checks, JSON.parse incl.)',
      exchange(sampleExchange('getToken', sampleToken())),
      opts,
    ),
    measureThroughput('checkExchange getTokens 200, 25 items', exchange(sampleExchange('getTokens', sampleTokensPage(25))), opts),
  ];
}
