import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test/reporter';

/**
 * Where Playwright's blob reporter writes its zip in this run, or null when no blob reporter is on the list.
 * The same order as Playwright 1.65's resolveOutputFile('BLOB', …) (node_modules/playwright/lib/runner/index.js):
 * PLAYWRIGHT_BLOB_OUTPUT_FILE, the reporter's outputFile, PLAYWRIGHT_BLOB_OUTPUT_DIR, its outputDir, then
 * `blob-report` next to the config's package.json. A wrong guess is never a silent pass: the hygiene reporter
 * reports H2 not judged when it finds no zip written by this run there.
 */
export function findBlobReportDir(
  config: Pick<FullConfig, 'reporter' | 'configFile' | 'rootDir'>,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const entry = config.reporter.find(([name]) => name === 'blob');
  if (!entry) return null;
  const options = (entry[1] ?? {}) as { outputFile?: unknown; outputDir?: unknown };
  const configDir = config.configFile ? path.dirname(config.configFile) : config.rootDir;
  if (env.PLAYWRIGHT_BLOB_OUTPUT_FILE) return path.dirname(path.resolve(env.PLAYWRIGHT_BLOB_OUTPUT_FILE));
  if (typeof options.outputFile === 'string') return path.dirname(path.resolve(configDir, options.outputFile));
  if (env.PLAYWRIGHT_BLOB_OUTPUT_DIR) return path.resolve(env.PLAYWRIGHT_BLOB_OUTPUT_DIR);
  if (typeof options.outputDir === 'string') return path.resolve(configDir, options.outputDir);
  return path.resolve(packageRoot(configDir) ?? process.cwd(), 'blob-report');
}

/** The zip the blob reporter wrote in this run (modified since `since`), relative to its folder; null if none. */
export function findFreshBlobZip(dir: string, since: number): string | null {
  if (!fs.existsSync(dir)) return null;
  const zips = fs.readdirSync(dir).filter((f) => f.endsWith('.zip') && fs.statSync(path.join(dir, f)).mtimeMs >= since - 1000);
  return zips.sort()[0] ?? null;
}

function packageRoot(dir: string): string | null {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return null;
  }
}
