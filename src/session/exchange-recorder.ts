import type { ApiResult } from '../client/api-client';
import { checkExchange, redactExchange, renderContractReport, type ContractReport } from '../contract';
import type { HttpExchange } from '../contract/exchange';
import type { ContractObservation } from '../domain/observations';
import { failedAssertionsOn, wasJudgedByFailedAssertion } from '../contract/failed-assertions';
import type { RunSecrets } from './run-secrets';

/**
 * Everything one test received, judged by the contract checks: the observations for the coverage matrix
 * (one per judged response — set-up and clean-up calls included), the redacted exchanges for the
 * `exchanges.json` attachment, and which exchanges failed (for the curl attachments).
 */

export interface JudgedExchange {
  /** Redacted copy: safe to attach. */
  exchange: HttpExchange;
  /** Null when the exchange was deliberately not judged (e.g. an ignored method override). */
  report: ContractReport | null;
  /** The contract report as a person reads it; null when conformant or not judged. */
  rendered: string | null;
  /** The exchange as sent, kept in memory only to build a curl command (its token is replaced there). */
  original: HttpExchange;
  /** The target's latency for this response (ApiResult.durationMs). */
  durationMs: number;
  /**
   * Judged for the evidence (observation, verdict in exchanges.json) but not reported by the fixture: the
   * test judges these itself and reports its own failure (explore, which must shrink a breach first).
   */
  quiet?: boolean;
  /** Sent by the session's clean-up (after the body): never the request a failure's curl reproduces. */
  cleanup?: boolean;
  /** How many errors the test had when the response arrived (to find the response an assertion read). */
  errorsBefore?: number;
}

/** A failing status assertion as the failure collector reads it (ExchangeRecorder.failedAssertions). */
export interface FailedStatusAssertion {
  message: string;
  rule?: string;
  operation: string;
  status: number;
}

/** Where a response arrived in the test: during clean-up or not, after how many errors. */
export interface ArrivalContext {
  cleanup?: boolean;
  errorsBefore?: number;
}

export class ExchangeRecorder {
  private readonly judged: JudgedExchange[] = [];
  /** Exchanges a test named as the ones to reproduce when it fails (explore's failing step). */
  private readonly marked: Pick<JudgedExchange, 'exchange' | 'original'>[] = [];

  /** Each judged result's entry, so a caller that judges for itself gets the session's verdict back. */
  private readonly verdicts = new WeakMap<ApiResult, JudgedExchange>();

  /** `secrets`: what rule H3 looks for in every response (absent: none, e.g. a unit test's recorder). */
  constructor(
    private readonly strict: boolean,
    private readonly secrets?: RunSecrets,
  ) {}

  /** Runs the contract checks on a response and records it; returns the judged entry. */
  judge(result: ApiResult, opts: { quiet?: boolean } & ArrivalContext = {}): JudgedExchange {
    const report = checkExchange(result.exchange, { strict: this.strict, ...(this.secrets ? { secrets: this.secrets.known() } : {}) });
    // Only now: the secret this response issues is no hit in itself (rule H3).
    this.secrets?.learn(result);
    const exchange = redactExchange(result.exchange);
    const entry: JudgedExchange = {
      exchange,
      report,
      rendered: report.ok ? null : renderContractReport(report, exchange),
      original: result.exchange,
      durationMs: result.durationMs,
      ...(opts.quiet ? { quiet: true } : {}),
      ...arrival(opts),
    };
    this.judged.push(entry);
    this.verdicts.set(result, entry);
    return entry;
  }

  /** The entry `judge` recorded for this very result; undefined when it was kept unjudged or never seen. */
  verdictOf(result: ApiResult): JudgedExchange | undefined {
    return this.verdicts.get(result);
  }

  /** Records a response without judging it: it is kept in exchanges.json but yields no observation. */
  keepUnjudged(result: ApiResult, context: ArrivalContext = {}): void {
    // Not judged, but a secret it issued is still one the run knows from now on.
    this.secrets?.learn(result);
    this.judged.push({
      exchange: redactExchange(result.exchange),
      report: null,
      rendered: null,
      original: result.exchange,
      durationMs: result.durationMs,
      ...arrival(context),
    });
  }

  observations(): ContractObservation[] {
    return this.judged.flatMap(({ report, durationMs }) =>
      report === null
        ? []
        : [
            {
              operationId: report.operationId,
              method: report.method,
              status: report.status,
              conformant: report.ok,
              failedChecks: [...new Set(report.failures.map((failure) => failure.check))],
              // A tenth of a ms is plenty for percentiles and keeps the attachment short.
              durationMs: Math.round(durationMs * 10) / 10,
            },
          ],
    );
  }

  /** Entries whose response broke the contract (quiet ones are reported by their test). */
  failing(): JudgedExchange[] {
    return this.judged.filter((entry) => entry.report !== null && !entry.report.ok && entry.quiet !== true);
  }

  /**
   * Every failing status assertion on a response of this test, in arrival order: the text it raised (to find its
   * error among the test's), the rule it named, and the operation and status of the response it judged.
   */
  failedAssertions(): FailedStatusAssertion[] {
    return this.judged.flatMap((entry) =>
      failedAssertionsOn(entry.original).map((note) => ({
        message: note.message,
        ...(note.rule ? { rule: note.rule } : {}),
        operation: entry.exchange.operationId,
        status: entry.exchange.response.status,
      })),
    );
  }

  /** Names the exchange a failing test's curl attachment should reproduce (it is kept in memory only). */
  markForReproduction(original: HttpExchange): void {
    this.marked.push({ exchange: redactExchange(original), original });
  }

  /**
   * What the curl attachments of a failed test reproduce (issue 24.2), each once, in this order: the exchanges the
   * test marked (explore's breaking step); the responses that broke the contract; the ones a failing status
   * assertion judged; else, for an assertion that named no exchange, the last response it could have read (the
   * last before its error, clean-up excluded); else the last response sent outside clean-up, else the last.
   * `firstAssertionError`: the index of the test's first error that is neither a contract breach nor the
   * environment's, when there is one.
   */
  toReproduce(firstAssertionError?: number): Pick<JudgedExchange, 'exchange' | 'original'>[] {
    const picked: Pick<JudgedExchange, 'exchange' | 'original'>[] = [...this.marked];
    const add = (entry: Pick<JudgedExchange, 'exchange' | 'original'> | undefined): void => {
      if (entry && !picked.some((p) => p.original === entry.original)) picked.push(entry);
    };
    if (this.marked.length > 0) return picked;
    this.failing().forEach(add);
    const judgedByAssertion = this.judged.filter((entry) => wasJudgedByFailedAssertion(entry.original));
    judgedByAssertion.forEach(add);
    const body = this.judged.filter((entry) => entry.cleanup !== true);
    if (judgedByAssertion.length === 0 && firstAssertionError !== undefined) {
      add(body.filter((entry) => (entry.errorsBefore ?? 0) <= firstAssertionError).at(-1));
    }
    if (picked.length === 0) add(body.at(-1) ?? this.last());
    return picked;
  }

  last(): JudgedExchange | undefined {
    return this.judged.at(-1);
  }

  /** How many secrets rule H3 looks for in the next response (0 without a RunSecrets). */
  secretsLookedFor(): number {
    return this.secrets?.known().length ?? 0;
  }

  count(): number {
    return this.judged.length;
  }

  /**
   * The `exchanges.json` attachment body: redacted requests and responses with their verdicts. Bodies longer
   * than MAX_EVIDENCE_BODY_CHARS are cut (the oversized-body tests send 2 MiB): in full they made up most of
   * every report's size and of the reporters' time, and the first 16 KiB show what was sent as well as 2 MiB.
   */
  exchangesJson(): string {
    const entries = this.judged.map(({ exchange, report }) => ({
      operationId: exchange.operationId,
      request:
        exchange.request.bodyText === undefined
          ? exchange.request
          : { ...exchange.request, bodyText: truncateBody(exchange.request.bodyText) },
      response: { ...exchange.response, bodyText: truncateBody(exchange.response.bodyText) },
      verdict: report === null ? 'not judged' : report.ok ? 'conformant' : 'contract failure',
      failedChecks: report === null ? [] : [...new Set(report.failures.map((failure) => failure.check))],
    }));
    return `${JSON.stringify({ exchanges: entries }, null, 2)}\n`;
  }
}

function arrival(context: ArrivalContext): ArrivalContext {
  return {
    ...(context.cleanup ? { cleanup: true } : {}),
    ...(context.errorsBefore !== undefined ? { errorsBefore: context.errorsBefore } : {}),
  };
}

/** Evidence bodies are cut after this many characters (see exchangesJson). */
export const MAX_EVIDENCE_BODY_CHARS = 16_384;

export function truncateBody(text: string): string {
  if (text.length <= MAX_EVIDENCE_BODY_CHARS) return text;
  return `${text.slice(0, MAX_EVIDENCE_BODY_CHARS)}… [cut: ${text.length} characters in all]`;
}
