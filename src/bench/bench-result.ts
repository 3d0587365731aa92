/** The shape of `reports/bench.json`: everything measured, how, and on what. */
import type { BudgetResult } from './budget-bench';
import type { ConcurrencyBenchResult } from './concurrency-bench';
import type { LatencyRow } from './latency-bench';
import type { MachineInfo } from './machine-info';
import type { OverheadResult } from './overhead-bench';
import type { CompileTiming, ThroughputResult } from './validation-bench';

export type Verdict = 'PASS' | 'MISS' | 'NOT MEASURED';

export interface TargetVerdict {
  id:
    | 'compile'
    | 'token-validation'
    | 'overhead'
    | 'critical-path'
    | 'startup'
    | 'requests'
    | 'requests-total'
    | 'latency-4-workers'
    | 'linearizability';
  description: string;
  limit: number;
  unit: string;
  value: number | null;
  verdict: Verdict;
  /** Why, with the numbers that explain it; always set for MISS and NOT MEASURED. */
  reason: string;
}

export interface BenchResult {
  machine: MachineInfo;
  notes: string[];
  options: { quick: boolean; runs: number; phases: string[] };
  validation?: {
    compile: { runs: CompileTiming[]; median: CompileTiming };
    throughput: ThroughputResult[];
    iterationsEach: number;
  };
  overhead?: OverheadResult;
  budget?: BudgetResult;
  latency?: { latencyMs: number; formula: string[]; baselineMissing: boolean; rows: LatencyRow[] };
  /** The linearizability checker's cost (issue 27.6). */
  concurrency?: ConcurrencyBenchResult;
  targets: TargetVerdict[];
  /** A phase that broke: the bench exits non-zero when this is not empty. */
  errors: { phase: string; message: string }[];
  finishedAt?: string;
  durationMs?: number;
}
