import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The run's secret store: every secret the target issued (postToken 201) or reset (resetToken 200) during the
 * run, kept ONLY so that the end-of-run scan (rule H2, `src/hygiene/judge-h2.ts`) can look for it in every artifact.
 *
 * Why here and like this:
 * - Its own folder low in the floors (src/secrets): the client announces each secret it sees issued
 *   (src/client/api-client.ts), the hygiene reporter reads them back; neither imports the other.
 * - Outside the reports directory, in a directory of its own under the OS temp dir (`mkdtemp`, mode 0700,
 *   file 0600): nothing that collects `reports/` (CI artifacts, the HTML report, the scan itself) can pick
 *   it up, and no other local user can read it. Its path (not a secret) reaches the workers through
 *   LD_SECRET_STORE, set by global setup in the main process, like LD_RUN_ID.
 * - Workers append (one `write(2)` per line with O_APPEND, far below PIPE_BUF: lines from several workers
 *   never interleave), synchronously, so a secret is on record before the test can fail or be interrupted.
 * - The configured token is NOT stored: the main process reads it from the configuration at the scan.
 * - Removed by the hygiene reporter right after the scan (onExit, which Playwright also runs after a
 *   failure or Ctrl-C), and by an exit hook of the main process as a second net. A run killed with SIGKILL
 *   leaves its store behind: the next run's global setup removes stores whose owning process is gone.
 *   The secrets in such a store are of tokens the killed run created (deleted by `npm run cleanup`).
 */

export type SecretKind = 'issued' | 'reset';

export interface StoredSecret {
  kind: SecretKind;
  secret: string;
}

const STORE_PREFIX = 'ld-run-secrets-';
const SECRETS_FILE = 'secrets.jsonl';
const OWNER_FILE = 'owner-pid';

/** Creates the store of this run (called once, in the main process). Returns its directory. */
export function createSecretStore(runId: string, tmpDir: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(tmpDir, `${STORE_PREFIX}${runId}-`));
  fs.chmodSync(dir, 0o700);
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
  fs.closeSync(fs.openSync(path.join(dir, SECRETS_FILE), 'a', 0o600));
  return dir;
}

/** Appends one secret (from a worker). A store that is gone (run ending) is not an error of the test. */
export function appendSecret(dir: string, kind: SecretKind, secret: string): void {
  try {
    fs.appendFileSync(path.join(dir, SECRETS_FILE), `${JSON.stringify({ kind, secret })}\n`, { encoding: 'utf8', flag: 'a', mode: 0o600 });
  } catch {
    // The store was removed (the run is ending) or the temp dir is full: the scan then reports how many
    // secrets it had, and the in-run H2 test still checks its own evidence.
  }
}

/** Every secret on record, deduplicated; null when the store does not exist (so the scan says "not judged"). */
export function readSecrets(dir: string): StoredSecret[] | null {
  const file = path.join(dir, SECRETS_FILE);
  if (!fs.existsSync(file)) return null;
  const seen = new Map<string, StoredSecret>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const parsed = parseLine(line);
    if (parsed && !seen.has(parsed.secret)) seen.set(parsed.secret, parsed);
  }
  return [...seen.values()];
}

export function removeSecretStore(dir: string): void {
  // Only a directory this module made: never rm -rf a path that came from elsewhere.
  if (!path.basename(dir).startsWith(STORE_PREFIX)) return;
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes the stores of runs whose main process is gone (killed with SIGKILL before its reporter ran). */
export function removeStaleSecretStores(tmpDir: string = os.tmpdir()): number {
  let removed = 0;
  for (const entry of safeReadDir(tmpDir)) {
    if (!entry.startsWith(STORE_PREFIX)) continue;
    const dir = path.join(tmpDir, entry);
    const pid = Number(safeRead(path.join(dir, OWNER_FILE)));
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue;
    // A store another run is creating right now may not have its owner file yet.
    if (isYoung(dir)) continue;
    removeSecretStore(dir);
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isYoung(dir: string): boolean {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs < 60_000;
  } catch {
    return true;
  }
}

function safeReadDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Reads a store as it grows, from where it stopped last time (rule H3 asks on every response which secrets the
 * run knows, workers append to one file: one `stat` per question, and a read only of what was appended since).
 */
export class SecretStoreTail {
  private offset = 0;
  private partial = '';
  private readonly seen = new Map<string, StoredSecret>();

  constructor(private readonly dir: string) {}

  /** Every secret on record so far, in the order they were appended. A missing store (run ending) is none new. */
  secrets(): StoredSecret[] {
    this.readNew();
    return [...this.seen.values()];
  }

  private readNew(): void {
    const file = path.join(this.dir, SECRETS_FILE);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= this.offset) return;
    const buffer = Buffer.alloc(size - this.offset);
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      fs.readSync(fd, buffer, 0, buffer.length, this.offset);
    } catch {
      return;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + buffer.toString('utf8')).split('\n');
    // A line another worker is still writing waits for the next read.
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = parseLine(line);
      if (parsed && !this.seen.has(parsed.secret)) this.seen.set(parsed.secret, parsed);
    }
  }
}

function parseLine(line: string): StoredSecret | null {
  if (!line.trim()) return null;
  try {
    const parsed = JSON.parse(line) as Partial<StoredSecret>;
    if ((parsed.kind === 'issued' || parsed.kind === 'reset') && typeof parsed.secret === 'string') {
      return { kind: parsed.kind, secret: parsed.secret };
    }
  } catch {
    // A line cut short by a killed worker.
  }
  return null;
}
