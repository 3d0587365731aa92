/**
 * A shrunk explore failure as a person reads it: the rule broken, the seed and the command that replays
 * it, then numbered steps — each request and response, secrets masked — and a curl reproduction of the
 * failing step. Bodies are shortened; the full exchanges are in the test's exchanges.json.
 */
import type { HttpExchange } from '../contract/exchange';
import { redactSecrets } from '../contract';
import type { ExploreFailure } from './run-explore';

const BODY_LIMIT = 400;

export interface RenderContext {
  seed: number;
  budget: number;
  /** Turns the failing step into a ready-to-paste curl command (already redacted). */
  curl: (exchange: HttpExchange) => string;
}

/** Members that repeat on every Token and say nothing about the failure. */
const NOISE = new Set(['_member', '_links', 'ownerId', 'memberId']);

function withoutNoise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNoise);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !NOISE.has(key))
      .map(([key, v]) => [key, withoutNoise(v)]),
  );
}

/** A body on one line: JSON without the repeated Token members (all of it is in exchanges.json), redacted. */
function shorten(text: string): string {
  let compact = text;
  try {
    compact = JSON.stringify(withoutNoise(JSON.parse(text)));
  } catch {
    // not JSON: shown as sent
  }
  const flat = redactSecrets(compact).replace(/\s*\n\s*/g, ' ');
  return flat.length > BODY_LIMIT ? `${flat.slice(0, BODY_LIMIT)}… (${flat.length} characters)` : flat;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

export function renderExploreFailure(failure: ExploreFailure, ctx: RenderContext): string {
  const lines = [
    `Explore broke rule ${failure.rule}: ${failure.message}`,
    '',
    `Seed ${ctx.seed}; replay: LD_EXPLORE_SEED=${ctx.seed} LD_EXPLORE_REQUESTS=${ctx.budget} npx playwright test --grep @explore`,
    `Shrunk (${failure.shrinks} shrink step${failure.shrinks === 1 ? '' : 's'}) to ${failure.steps.length} request${failure.steps.length === 1 ? '' : 's'}:`,
  ];
  failure.steps.forEach((step, i) => {
    const { request, response } = step.exchange;
    const last = i === failure.steps.length - 1;
    lines.push(`${String(i + 1).padStart(2)}. ${step.intent}${last ? `   <-- breaks ${failure.rule}` : ''}`);
    lines.push(`    ${request.method} ${pathOf(request.url)}${request.bodyText ? `  ${shorten(request.bodyText)}` : ''}`);
    lines.push(`    → ${response.status}${response.bodyText ? `  ${shorten(response.bodyText)}` : ''}`);
  });
  const failing = failure.steps.at(-1);
  if (failing) lines.push('', 'Reproduce the failing step:', ctx.curl(failing.original).trimEnd());
  lines.push('', 'Replay the whole shrunk sequence: the explore-replay.sh attachment (bash; LD_BASE_URL and LD_ACCESS_TOKEN set).');
  lines.push('', `Commands (fast-check): ${redactSecrets(failure.commands)}`);
  return lines.join('\n');
}
