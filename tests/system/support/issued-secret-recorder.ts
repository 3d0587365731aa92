import fs from 'node:fs';
import path from 'node:path';

/**
 * Knowing every secret the EMBEDDED server issued, without touching the server's code: the suite starts
 * that server itself (webServer: `node --require tsx/cjs scripts/serve.ts`), out of reach of a recording proxy, but it
 * inherits the run's environment. A `--require` preload in NODE_OPTIONS wraps `ServerResponse.end` in the
 * server process only (it checks the script it runs in) and appends each whole `token` value the server
 * answers with, and each Authorization value it was sent, to a log file outside the reports directory.
 *
 * The preload is plain CommonJS written at run time: NODE_OPTIONS reaches every Node process of the run
 * (npx, tsx, Playwright and its workers) before any TypeScript loader exists.
 */
const PRELOAD_SOURCE = String.raw`'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const logFile = process.env.ISSUED_SECRETS_LOG;
const script = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (logFile && script.endsWith(path.join('scripts', 'serve.ts'))) {
  fs.appendFileSync(logFile, JSON.stringify({ active: process.pid }) + '\n');
  const end = http.ServerResponse.prototype.end;
  http.ServerResponse.prototype.end = function (chunk, ...rest) {
    const found = [];
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    for (const m of text.matchAll(/"token"\s*:\s*"((?:[^"\\]|\\.){5,}?)"/g)) found.push(JSON.parse('"' + m[1] + '"'));
    const auth = this.req && this.req.headers ? this.req.headers.authorization : undefined;
    if (typeof auth === 'string' && auth.length > 4) found.push(auth);
    if (found.length > 0) fs.appendFileSync(logFile, found.map((secret) => JSON.stringify({ secret })).join('\n') + '\n');
    return end.call(this, chunk, ...rest);
  };
}
`;

export interface IssuedSecretRecorder {
  /** Environment for the run: NODE_OPTIONS with the preload, and where it logs. */
  env: Record<string, string>;
  /** Whether the preload ran inside the reference server (otherwise the secrets list proves nothing). */
  wasActive(): boolean;
  /** Every secret the server issued or was sent, as recorded so far. */
  readSecrets(): Set<string>;
}

/** Writes the preload into `dir` (keep it outside the reports directory: its log holds whole secrets). */
export function createIssuedSecretRecorder(
  dir: string,
  baseNodeOptions: string | undefined = process.env.NODE_OPTIONS,
): IssuedSecretRecorder {
  const preload = path.join(dir, 'issued-secret-recorder.cjs');
  const log = path.join(dir, 'issued-secrets.jsonl');
  fs.writeFileSync(preload, PRELOAD_SOURCE);
  fs.writeFileSync(log, '');
  const entries = (): { active?: number; secret?: string }[] =>
    fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { active?: number; secret?: string });
  return {
    // A path with spaces would need quoting inside NODE_OPTIONS; JSON.stringify gives the quotes Node accepts.
    env: { NODE_OPTIONS: [baseNodeOptions, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(' '), ISSUED_SECRETS_LOG: log },
    wasActive: () => entries().some((e) => typeof e.active === 'number'),
    readSecrets: () => new Set(entries().flatMap((e) => (typeof e.secret === 'string' ? [e.secret] : []))),
  };
}
