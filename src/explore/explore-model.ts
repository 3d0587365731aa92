/**
 * Explore's model: what the run's own tokens look like and which of their secrets must work. A token's
 * document is the representation the server last sent (so choices the spec leaves open — an omitted empty
 * list, extra fields — carry through), minus the secret. Secret states: `live` must authenticate, `dead`
 * must get 401.
 */
import type { PredictionRowId } from './prediction-rules';
import type { ExploreBudget } from './explore-budget';

/** `live` must authenticate, `dead` must get 401; `row` (of the prediction table) and `why` say which promise decides it. */
export interface SecretState {
  state: 'live' | 'dead';
  row: PredictionRowId;
  why: string;
}

export interface ModelToken {
  /** 1-based label used in rendered steps: "token #2". */
  label: number;
  doc: Record<string, unknown>;
  deleted: boolean;
  /** One per secret the token was given, oldest first; the last is the current one. */
  secrets: SecretState[];
}

export interface ExploreModel {
  tokens: ModelToken[];
  budget: ExploreBudget;
  prefix: string;
}

export function pickToken(model: ExploreModel, pick: number): { token: ModelToken; index: number } | null {
  if (model.tokens.length === 0) return null;
  const index = pick % model.tokens.length;
  const token = model.tokens[index];
  return token ? { token, index } : null;
}

/**
 * The token as a read shows it: a whole secret (postToken, resetToken) becomes its last four characters,
 * as D1 has reads show it — a patch may `copy` or `test` `/token`, so the model needs it too.
 */
export function withoutSecret(body: Record<string, unknown>): Record<string, unknown> {
  const { token, ...rest } = body;
  return typeof token === 'string' ? { ...rest, token: token.slice(-4) } : rest;
}

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
