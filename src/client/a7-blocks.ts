import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SuiteConfig } from '../config/suite-config';
import { isOperationId, type OperationId } from '../domain/operations';

/**
 * A broken endpoint fails fast (issue 23): after the first CONFIRMED hang of an operation in a run (a HangError,
 * rule A7: the request got no answer while the target answered a probe of another operation), every later request
 * to that operation in the same run fails at once, "blocked by the A7 failure of <test>", instead of each waiting
 * the full request timeout. It is the same defect each time; waiting for it again only costs the run its time
 * budget (a run killed by CI's time limit leaves its tokens behind, H1).
 *
 * Shared across Playwright's workers (separate processes) through the run's state directory next to the cleanup
 * ledger: one small file per blocked operation, `<reports>/.ledger/<runId>.a7/<operationId>.json`.
 * - Written atomically and first-wins: the whole file is written under a temporary name, then hard-linked to its
 *   final name (link(2) fails with EEXIST when it is there), so a reader never sees half a file and two workers
 *   confirming the same hang at the same moment keep the first one's record.
 * - Read before each request of the operation: one stat(2) while the operation is not blocked; once it is, the
 *   block is kept in memory (a block is never lifted within a run).
 * - A timeout while the target answers nothing (the environment) is no HangError, so it blocks nothing.
 * - Global set-up clears the directory of the run, so a reused LD_RUN_ID never inherits an old block.
 */

export interface A7Block {
  operationId: OperationId;
  /** The title of the test that met the first hang (as the reports show it). */
  test: string;
  /** The first line of that test's A7 verdict: what hung, how long, which probe answered. */
  verdict: string;
  /** Epoch ms. */
  at: number;
}

export class A7Blocks {
  private readonly known = new Map<OperationId, A7Block>();

  constructor(readonly dir: string) {}

  static forRun(config: Pick<SuiteConfig, 'reportsDir' | 'runId'>): A7Blocks {
    return new A7Blocks(a7BlocksDirFor(config.reportsDir, config.runId));
  }

  /** The block in force for `op` in this run, or null. */
  blockOf(op: OperationId): A7Block | null {
    const cached = this.known.get(op);
    if (cached) return cached;
    const file = this.fileOf(op);
    // The common case, every request of a healthy run: one stat, no exception.
    if (!fs.existsSync(file)) return null;
    const block = readBlock(file, op);
    if (block) this.known.set(op, block);
    return block;
  }

  /** Records the first confirmed hang of `block.operationId`; returns the block in force (another worker's may have come first). */
  record(block: A7Block): A7Block {
    const file = this.fileOf(block.operationId);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(block), 'utf8');
      try {
        fs.linkSync(temporary, file);
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      } finally {
        fs.rmSync(temporary, { force: true });
      }
    } catch {
      // The state directory is not writable: this process still blocks the operation (below); other workers
      // then meet the hang once each, as before — slower, never wrong.
    }
    const inForce = (fs.existsSync(file) ? readBlock(file, block.operationId) : null) ?? block;
    this.known.set(block.operationId, inForce);
    return inForce;
  }

  /** Every block of the run, by operation (for reports and tests). */
  list(): A7Block[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isOperationId)
      .flatMap((op) => {
        const block = readBlock(this.fileOf(op), op);
        return block ? [block] : [];
      });
  }

  /** Removes the run's blocks (global set-up, before any worker starts). */
  clear(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.known.clear();
  }

  private fileOf(op: OperationId): string {
    return path.join(this.dir, `${op}.json`);
  }
}

export function a7BlocksDirFor(reportsDir: string, runId: string): string {
  return path.join(reportsDir, '.ledger', `${runId}.a7`);
}

/** A block file as written by `record`; anything else (foreign, malformed) blocks nothing. */
function readBlock(file: string, op: OperationId): A7Block | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const b = parsed as Record<string, unknown>;
    if (b.operationId !== op || typeof b.test !== 'string' || typeof b.verdict !== 'string' || typeof b.at !== 'number') return null;
    return { operationId: op, test: b.test, verdict: b.verdict, at: b.at };
  } catch {
    return null;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
