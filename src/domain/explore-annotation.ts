/**
 * Explore's `explore-seed` annotation: the seed and request budget it ran with, written as the replay line a person
 * pastes (`LD_EXPLORE_SEED=… LD_EXPLORE_REQUESTS=…`) and read back by the coverage reporter into summary.json's
 * `explore` (a history of nights needs the seed of each). One format, written and parsed here.
 */
import type { ExploreRunItem } from './run-summary';

export const EXPLORE_SEED_ANNOTATION = 'explore-seed';

const REPLAY_LINE = /^LD_EXPLORE_SEED=(-?\d+) LD_EXPLORE_REQUESTS=(\d+)$/;

export function formatExploreSeed(run: ExploreRunItem): string {
  return `LD_EXPLORE_SEED=${run.seed} LD_EXPLORE_REQUESTS=${run.budget}`;
}

/** The seed and budget of an `explore-seed` annotation's description; null when it is not one. */
export function parseExploreSeed(description: string | undefined): ExploreRunItem | null {
  const match = REPLAY_LINE.exec(description?.trim() ?? '');
  if (!match) return null;
  return { seed: Number(match[1]), budget: Number(match[2]) };
}
