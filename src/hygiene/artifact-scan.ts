import fs from 'node:fs';
import path from 'node:path';
import { readZipEntries } from './zip-entries';

export interface Corpus {
  /** File path (and, inside archives or encoded blobs, the route to the piece). */
  where: string;
  data: Buffer;
}

export interface SecretHit {
  where: string;
  /** Which secret, masked: only its last four characters (the API itself shows those). */
  secret: string;
}

const BASE64_BLOB = /[A-Za-z0-9+/]{24,}={0,2}/g;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Every byte a run left behind, opened up: each file under `dir`, the entries of every zip (the HTML
 * report embeds its data as a base64 zip), and every base64 blob decoded (JSON reports carry attachment
 * bodies as base64). Nested to a small depth.
 */
export function collectCorpora(dir: string): Corpus[] {
  return collectFileCorpora(listFiles(dir), dir);
}

/** The same for a list of files, each named relative to `baseDir`. */
export function collectFileCorpora(files: readonly string[], baseDir: string): Corpus[] {
  const out: Corpus[] = [];
  for (const file of files) expand({ where: path.relative(baseDir, file), data: fs.readFileSync(file) }, out, 0);
  return out;
}

/**
 * The needles a secret is looked for with: the secret without its last four characters (a masked value
 * shows only those four) and a 16-character piece of its random part (catches a secret cut short).
 */
export function secretNeedles(secret: string): string[] {
  return [secret.slice(0, -4), secret.length >= 24 ? secret.slice(4, 20) : secret].filter((n) => n.length >= 8);
}

/**
 * Looks for each secret in each corpus: the secret without its last four characters (a masked value
 * shows only those four) and a 16-character piece of its random part (catches a secret cut short).
 */
export function scanForSecrets(corpora: readonly Corpus[], secrets: Iterable<string>): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const secret of secrets) {
    const needles = secretNeedles(secret);
    for (const corpus of corpora) {
      if (needles.some((needle) => corpus.data.includes(needle))) hits.push({ where: corpus.where, secret: `***${secret.slice(-4)}` });
    }
  }
  return hits;
}

function expand(corpus: Corpus, out: Corpus[], depth: number): void {
  out.push(corpus);
  if (depth > 3) return;
  if (corpus.data.subarray(0, 4).equals(ZIP_MAGIC)) {
    try {
      for (const entry of readZipEntries(corpus.data)) expand({ where: `${corpus.where}!${entry.name}`, data: entry.data }, out, depth + 1);
    } catch {
      // Not a readable zip after all: it was still scanned as bytes.
    }
    return;
  }
  const text = corpus.data.toString('latin1');
  let index = 0;
  for (const match of text.matchAll(BASE64_BLOB)) {
    const decoded = Buffer.from(match[0], 'base64');
    expand({ where: `${corpus.where}#base64[${index++}]`, data: decoded }, out, depth + 1);
  }
}

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * The reference server's secret format, `api-<uuid v4>`: on the embedded target every such string is a
 * secret the server issued (or its admin token), whether or not the test knew it.
 */
export const REFERENCE_SECRET_PATTERN = /api-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/gi;

/** Every piece of every corpus matching a secret pattern; the match is reported masked, like in scanForSecrets. */
export function scanForSecretPattern(corpora: readonly Corpus[], pattern: RegExp = REFERENCE_SECRET_PATTERN): SecretHit[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const hits: SecretHit[] = [];
  for (const corpus of corpora) {
    for (const match of corpus.data.toString('latin1').matchAll(global))
      hits.push({ where: corpus.where, secret: `***${match[0].slice(-4)}` });
  }
  return hits;
}
