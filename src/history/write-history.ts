/**
 * `npm run history`: load the inputs, build the history, write history.html and history.json, and keep the
 * summaries of the last `keep` days in `<out>/nights/` — the nightly uploads them with the report, and the next
 * night reads them back from that artifact (docs/history.md: the chain of nights lives in the artifacts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildHistory, type SummaryInput } from './build-history';
import type { HistoryReport } from './history-model';
import { HistoryInputError, loadSummaries } from './load-summaries';
import { renderHistoryHtml } from './render-history-html';

export interface WriteHistoryOptions {
  from: readonly string[];
  out: string;
  /** Days of summaries kept in `<out>/nights/` (counted back from the newest night). */
  keep: number;
  now?: Date;
}

export interface WriteHistoryResult {
  history: HistoryReport;
  htmlFile: string;
  jsonFile: string;
  kept: number;
}

export const NIGHTS_DIR = 'nights';

export function writeHistory(options: WriteHistoryOptions): WriteHistoryResult {
  const { inputs, skipped } = loadSummaries(options.from);
  if (inputs.length === 0) throw new HistoryInputError(`no valid summary.json among ${options.from.join(', ')}`);
  const history = buildHistory(inputs, { now: options.now, skipped });
  fs.mkdirSync(options.out, { recursive: true });
  const htmlFile = path.join(options.out, 'history.html');
  const jsonFile = path.join(options.out, 'history.json');
  fs.writeFileSync(htmlFile, renderHistoryHtml(history));
  fs.writeFileSync(jsonFile, `${JSON.stringify(history, null, 2)}\n`);
  const kept = keepNights(inputs, history.days, options.out, options.keep);
  return { history, htmlFile, jsonFile, kept };
}

/** Rewrites `<out>/nights/` with the inputs of the last `keep` days; returns how many it kept. */
function keepNights(inputs: readonly SummaryInput[], days: readonly string[], out: string, keep: number): number {
  const from = days[Math.max(0, days.length - keep)] ?? '';
  const dir = path.join(out, NIGHTS_DIR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let kept = 0;
  for (const { summary } of inputs) {
    const stamp = summary.startedAt ?? summary.generatedAt;
    if (stamp.slice(0, 10) < from) continue;
    const name = `${stamp.replace(/[^0-9A-Za-z]/g, '')}-${kept}.json`;
    fs.writeFileSync(path.join(dir, name), `${JSON.stringify(summary, null, 2)}\n`);
    kept++;
  }
  return kept;
}
