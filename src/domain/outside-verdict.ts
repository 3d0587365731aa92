/**
 * The shape of H1 and H2 judged from the outside (coverage.json and summary.json `outside`): types only, on
 * the bottom floor, so the coverage model that reports them need not import the hygiene code that makes
 * them (src/hygiene/outside-verdict.ts). Plain data, no secret ever: an H2 finding names the artifact and
 * the KIND of secret, never the secret or a piece of it.
 */

export type OutsideState = 'passed' | 'failed' | 'not-judged';

export interface OutsideVerdict {
  state: OutsideState;
  /** One line: what was judged and the result (or why it was not judged). */
  summary: string;
  /** One actionable line per problem found (H1: a leftover token; H2: an artifact holding a secret). */
  problems: string[];
}

export interface OutsideVerdicts {
  H1: OutsideVerdict;
  H2: OutsideVerdict;
}
