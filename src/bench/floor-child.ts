/**
 * Runs the fetch floor in its OWN process (`tsx src/bench/floor-child.ts`, job as JSON on stdin), so the
 * floor's client does not share an event loop with the bench's in-process reference server — like the
 * suite's workers, which are separate processes too. The job comes on stdin, not in a file or argv, because
 * it holds the (throwaway) server's admin token. Prints one JSON line (FloorResult) on stdout.
 */
import { runFloor, type FloorTarget } from './floor-runner';
import type { RequestPlan } from './request-plan';

export interface FloorJob {
  target: FloorTarget;
  plan: RequestPlan;
  concurrency: number;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

if (require.main === module) {
  readStdin()
    .then((text) => {
      const job = JSON.parse(text) as FloorJob;
      return runFloor(job.target, job.plan, job.concurrency);
    })
    .then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error: unknown) => {
        process.stderr.write(`floor failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
