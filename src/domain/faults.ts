import type { RuleId } from './rules';

/** What a fault breaks: one behaviour rule, or 'schema' for a response shape the contract checks reject. */
export type FaultRule = RuleId | 'schema';

/**
 * What a fault catalogue says about each of its faults, whichever server carries it — the reference server's
 * (src/server/faults.ts) and the alt-server's (tests/system/alt-server/faults.ts) alike. The self-check and the
 * alt-detection test read `rule` to tell whether a test guarding that very promise caught the fault, so it is
 * typed: a rule id that specs/behaviour.md does not have does not compile.
 */
export interface FaultInfo {
  /** The behaviour rule id (A1..H2) the fault breaks, or 'schema' for a response-shape break. */
  rule: FaultRule;
  /** One line: what the faulty server does. */
  description: string;
  /**
   * Set when the suite cannot — or must not — detect this fault, with the reason. The self-check
   * lists such faults but does not count them as caught (they are kept, not deleted, so the catalogue
   * stays honest about what the suite does not judge).
   */
  undetectableByDesign?: string;
}
