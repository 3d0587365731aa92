import type { ApiResult } from '../client/api-client';
import type { CleanupLedger } from '../client/cleanup-ledger';
import type { FailureSignature, SignedError } from '../domain/failure-signature';
import { OPERATIONS, type OperationId } from '../domain/operations';
import { redactSecrets } from '../contract';
import { SETUP_MARKER, failureKindOf, type KindedError, type RecordedKind } from '../domain/failure-kinds';
import type { SuiteApi } from './suite-api';
import { isWholeSecret } from './secret-compare';
import { assertRunTokenName, makeTokenName } from './token-names';
import { asToken, type AccessTokenPost, type TokenRep } from './token-types';

/**
 * The `tokens` fixture: creates tokens named `<prefix>-<runId>-<random>` (H1), records every creation in the
 * cleanup ledger the moment it is seen, and deletes everything the test created afterwards, whatever happened.
 * Creations are tracked from every postToken 201 the test's clients receive (see SuiteApi.afterSend), not only
 * from `create`, so a server that wrongly accepts a bad request still gets its token cleaned up.
 */

export interface CreatedToken {
  id: string;
  /** The whole secret from the 201 body. Never print it: compare with secret-compare helpers. */
  secret: string;
  /** The 201 body. */
  token: TokenRep;
  result: ApiResult;
}

/** Set-up failed before the behaviour under test could be checked. */
export class TokenSetupError extends Error implements KindedError {
  override name = 'TokenSetupError';
  /** Not the behaviour under test: the fixtures record this kind (src/domain/failure-kinds.ts); the prefix is for people. */
  readonly failureKind = 'setup';
  constructor(detail: string) {
    super(`${SETUP_MARKER} ${detail}`);
  }
}

/** Some of the test's tokens could not be deleted; the global teardown will try again. */
export class TokenCleanupError extends Error {
  override name = 'TokenCleanupError';
  /**
   * The one kind every leftover was left behind for (all EnvironmentErrors: the environment stopped the
   * clean-up); undefined when any leftover has another cause or none (e.g. deleteToken answered 409): that is
   * the clean-up's own failure, not the environment's.
   */
  readonly failureKind: RecordedKind | undefined;
  constructor(message: string, leftoverErrors: readonly (Error | undefined)[] = []) {
    super(message);
    const kinds = new Set(leftoverErrors.map((error) => failureKindOf(error)));
    const [only] = kinds;
    this.failureKind = kinds.size === 1 ? only : undefined;
  }
}

export class TokenFactory {
  /** id → name, in creation order. */
  private readonly created = new Map<string, string | undefined>();
  /** Created ids the test itself deleted (deleteToken 204): clean-up does not send a second delete for them. */
  private readonly deletedByTest = new Set<string>();

  constructor(
    private readonly api: SuiteApi,
    private readonly tokenNamePrefix: string,
    /** Null for a session outside a suite run (a script): nothing to sweep at the end of a run. */
    private readonly ledger: CleanupLedger | null,
    /**
     * Sees every typed error before it is thrown (a TokenSetupError, a WholeSecretMissingError), so the session can
     * record its kind and signature (failure-kinds.ts, failure-kind-recorder.ts).
     */
    private readonly onSetupFailure: (error: TokenSetupError | WholeSecretMissingError) => void = () => undefined,
  ) {}

  /** A fresh name inside this run's prefix; `label` helps a person reading the target's token list. */
  newName(label?: string): string {
    return makeTokenName(this.tokenNamePrefix, label);
  }

  /**
   * Creates a token and insists on 201 with a whole secret. Unless the body says otherwise it gets a fresh
   * run name and, when it names no role, custom role or inline role, the least privilege: role reader.
   */
  async create(body: AccessTokenPost = {}): Promise<CreatedToken> {
    const result = await this.post(this.withDefaults(body));
    return this.expectCreated(result, 'tokens.create');
  }

  /** Sends postToken with exactly this body (nothing added): for tests of what postToken accepts. */
  post(body: unknown): Promise<ApiResult> {
    return this.api.send('postToken', { body });
  }

  /** The body `create` would send. */
  withDefaults(body: AccessTokenPost = {}): AccessTokenPost {
    const name = body.name ?? this.newName();
    assertRunTokenName(name, this.tokenNamePrefix);
    const hasRole = body.role !== undefined || body.customRoleIds !== undefined || body.inlineRole !== undefined;
    return { ...(hasRole ? {} : { role: 'reader' as const }), ...body, name };
  }

  /** Reads a postToken result that must be a 201 with a whole secret. */
  expectCreated(result: ApiResult, context: string): CreatedToken {
    if (result.status !== 201) {
      const error = new TokenSetupError(
        `${context}: postToken answered ${result.status}, expected 201; body: ${redactSecrets(result.bodyText.slice(0, 300))}`,
      );
      this.onSetupFailure(error);
      throw error;
    }
    const token = asToken(result.json(), `${context}: postToken 201`);
    if (!isWholeSecret(token.token)) {
      // Not a set-up problem: a 201 without the whole secret breaks rule C2 itself, so this is a contract failure,
      // signed C2 whichever test's set-up met it (one failure, one rule: not the rules of the test that created).
      const error = new WholeSecretMissingError(
        `${context}: postToken 201 carries no whole secret in "token" (rule C2): got ${typeof token.token === 'string' ? `${token.token.length} character(s)` : typeof token.token}`,
      );
      this.onSetupFailure(error);
      throw error;
    }
    return { id: token._id, secret: token.token, token, result };
  }

  /** Called for every final result of the test's clients: records creations and deletions. */
  observe(op: OperationId, id: string | undefined, result: ApiResult): void {
    const { effect } = OPERATIONS[op];
    if (effect === 'create' && result.status === 201) {
      const body = result.json();
      if (typeof body === 'object' && body !== null) {
        const record = body as Record<string, unknown>;
        if (typeof record._id === 'string' && record._id !== '' && !this.created.has(record._id)) {
          const name = typeof record.name === 'string' ? record.name : undefined;
          this.created.set(record._id, name);
          this.ledger?.recordCreated(record._id, name);
        }
      }
    }
    // H1 ("never patches, resets or deletes a token it did not create in that run"), judged at the end of the run
    // from these records against every worker's creations (src/hygiene/outside-verdict.ts).
    if ((effect === 'change' || effect === 'delete') && id !== undefined) this.ledger?.recordWrite(op, id, result.status);
    if (effect === 'delete' && id !== undefined && this.created.has(id) && (result.status === 204 || result.status === 404)) {
      this.ledger?.recordDeleted(id);
      if (result.status === 204) this.deletedByTest.add(id);
    }
  }

  /** Ids this test created, oldest first. */
  createdIds(): string[] {
    return [...this.created.keys()];
  }

  /**
   * Deletes every token the test created, newest first, through `api` (by default the test's admin client).
   * 204 and 404 (already deleted by the test) are both fine. Every id is attempted even when one fails; then
   * one error names what is left behind. A token the test already deleted with a 204 is not deleted again
   * (a second delete only costs a request); should a faulty target have kept it, the global teardown's
   * sweep by run prefix still finds it and reports it as leaked.
   */
  async deleteAll(api: SuiteApi = this.api): Promise<void> {
    const leftovers: string[] = [];
    /** Why each leftover was left: the error thrown, or undefined for an answer that was not 204/404. */
    const leftoverErrors: (Error | undefined)[] = [];
    let firstError: Error | undefined;
    for (const id of this.createdIds().reverse()) {
      if (this.deletedByTest.has(id)) continue;
      try {
        const result = await api.send('deleteToken', { id });
        if (result.status !== 204 && result.status !== 404) {
          leftovers.push(`${id} (deleteToken answered ${result.status})`);
          leftoverErrors.push(undefined);
        }
      } catch (error) {
        const thrown = error instanceof Error ? error : new Error(String(error));
        firstError ??= thrown;
        leftovers.push(`${id} (${thrown.name})`);
        leftoverErrors.push(thrown);
      }
    }
    this.created.clear();
    this.deletedByTest.clear();
    if (firstError !== undefined && leftovers.length === 1) throw firstError;
    if (leftovers.length > 0) {
      const cause = firstError ? ` First error: ${firstError.message}` : '';
      throw new TokenCleanupError(
        `could not delete ${leftovers.length} token(s) this test created: ${leftovers.join(', ')}; the global teardown retries them.${cause}`,
        leftoverErrors,
      );
    }
  }
}

/** postToken answered 201 without the whole secret (rule C2), met while a test created a token it needed. */
export class WholeSecretMissingError extends Error implements KindedError, SignedError {
  override readonly name = 'WholeSecretMissingError';
  readonly failureKind = 'contract';
  readonly failureSignature: FailureSignature = { rule: 'C2', operation: 'postToken', status: 201 };
}
