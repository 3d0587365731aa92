import fs from 'node:fs';
import path from 'node:path';
import type { SuiteConfig } from '../config/suite-config';

export type LedgerEvent =
  | { event: 'created'; id: string; name?: string; at: number }
  | { event: 'deleted'; id: string; at: number }
  /** A patch, reset or delete a test sent to a token id, with the status it got (H1: only to the run's own tokens). */
  | { event: 'write'; id: string; op: string; status: number; at: number };

/** A write recorded by the tests' clients, for the end-of-run H1 judgement. */
export interface RecordedWrite {
  op: string;
  id: string;
  status: number;
}

export interface LedgerSummary {
  /** Distinct ids recorded as created. */
  created: number;
  /** Distinct created ids later recorded as deleted. */
  deleted: number;
  /** Created and not (yet) recorded as deleted, in creation order. */
  pending: { id: string; name?: string }[];
}

/**
 * Append-only record of the tokens a run created and deleted: `<reports>/.ledger/<runId>.jsonl`, one JSON
 * object a line. Each append is one `write(2)` on a file opened with O_APPEND, and a line is far below
 * PIPE_BUF, so appends from several worker processes never interleave. Synchronous on purpose: a fixture
 * records a creation before anything else can fail, and a SIGINT cannot lose a buffered line.
 */
export class CleanupLedger {
  constructor(readonly filePath: string) {}

  static forRun(config: Pick<SuiteConfig, 'reportsDir' | 'runId'>): CleanupLedger {
    return new CleanupLedger(ledgerPathFor(config.reportsDir, config.runId));
  }

  /** Creates the directory and the (empty) file, so "no ledger" can mean "setup never completed". */
  ensure(): void {
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
    fs.closeSync(fs.openSync(this.filePath, 'a'));
  }

  exists(): boolean {
    return fs.existsSync(this.filePath);
  }

  recordCreated(id: string, name?: string): void {
    this.append({ event: 'created', id, ...(name !== undefined ? { name } : {}), at: Date.now() });
  }

  recordDeleted(id: string): void {
    this.append({ event: 'deleted', id, at: Date.now() });
  }

  recordWrite(op: string, id: string, status: number): void {
    this.append({ event: 'write', id, op, status, at: Date.now() });
  }

  /** Every patch, reset or delete the tests sent to a token id, in order. */
  writes(): RecordedWrite[] {
    return this.read().flatMap((e) => (e.event === 'write' ? [{ op: e.op, id: e.id, status: e.status }] : []));
  }

  /** Every id recorded as created. */
  createdIds(): Set<string> {
    return new Set(this.read().flatMap((e) => (e.event === 'created' ? [e.id] : [])));
  }

  /** Every well-formed line; a torn or foreign line is skipped rather than failing the cleanup. */
  read(): LedgerEvent[] {
    if (!this.exists()) return [];
    const events: LedgerEvent[] = [];
    for (const line of fs.readFileSync(this.filePath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isLedgerEvent(parsed)) events.push(parsed);
      } catch {
        // A line cut short by a killed process: nothing to clean from it.
      }
    }
    return events;
  }

  summarize(): LedgerSummary {
    const created = new Map<string, string | undefined>();
    const deleted = new Set<string>();
    for (const event of this.read()) {
      if (event.event === 'created') {
        if (!created.has(event.id)) created.set(event.id, event.name);
      } else if (event.event === 'deleted') {
        deleted.add(event.id);
      }
    }
    const pending = [...created].filter(([id]) => !deleted.has(id)).map(([id, name]) => (name === undefined ? { id } : { id, name }));
    return { created: created.size, deleted: [...created.keys()].filter((id) => deleted.has(id)).length, pending };
  }

  private append(event: LedgerEvent): void {
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true });
    fs.appendFileSync(this.filePath, `${JSON.stringify(event)}\n`, { encoding: 'utf8', flag: 'a' });
  }
}

export function ledgerPathFor(reportsDir: string, runId: string): string {
  return path.join(reportsDir, '.ledger', `${runId}.jsonl`);
}

function isLedgerEvent(value: unknown): value is LedgerEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') return false;
  if (v.event === 'write') return typeof v.op === 'string' && typeof v.status === 'number';
  return v.event === 'created' || v.event === 'deleted';
}
