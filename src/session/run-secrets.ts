import type { ApiResult } from '../client/api-client';
import type { KnownSecret } from '../contract/secret-exposure';
import { registerSecret } from '../contract/secrets';
import { issuesSecret } from '../domain/operations';
import { SecretStoreTail } from '../secrets/secret-store';

/**
 * The secrets a judged session looks for in every response (rule H3): the configured token, every secret the run's
 * workers put on record in the run's store (src/secrets: the client announces each postToken / resetToken secret
 * there), and the ones this session saw issued itself (a script without global set-up has no store).
 *
 * Order matters: a response is judged against what was known BEFORE it (`known`), and only then does the session
 * learn what it issued (`learn`). So the secret a postToken or resetToken issues is no hit in its own response,
 * and an earlier secret there is one. The store is read on `learn` too, not before the judgement: the client has
 * already appended this response's secret to it when the session judges it.
 */
export class RunSecrets {
  private readonly learned = new Map<string, KnownSecret>();
  private readonly tail: SecretStoreTail | null;
  private snapshot: KnownSecret[];
  /** How many secrets were last handed to redaction (registering is idempotent; this only saves the work). */
  private registered = 0;

  constructor(configured: string, storeDir: string | null | undefined) {
    this.tail = storeDir ? new SecretStoreTail(storeDir) : null;
    if (configured.trim() !== '') this.learned.set(configured.trim(), { value: configured.trim(), kind: 'configured' });
    this.snapshot = this.collect();
  }

  /** What the run knew before the response about to be judged. */
  known(): readonly KnownSecret[] {
    return this.snapshot;
  }

  /** After a response was judged: its own issued secret, and whatever other workers put on record meanwhile. */
  learn(result: ApiResult): void {
    const kind = issuesSecret(result.operationId);
    if (kind !== false && result.status >= 200 && result.status < 300) {
      const body = result.json();
      const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
      // Four characters are what every read shows (D1): not a secret.
      if (typeof token === 'string' && token.length > 4 && !this.learned.has(token)) this.learned.set(token, { value: token, kind });
    }
    this.snapshot = this.collect();
  }

  private collect(): KnownSecret[] {
    const all = new Map(this.learned);
    for (const { secret, kind } of this.tail?.secrets() ?? []) if (!all.has(secret)) all.set(secret, { value: secret, kind });
    // A secret another worker issued is not yet in this process's redaction registry: a report naming a hit of it
    // must still mask it (H2).
    if (all.size !== this.registered) for (const value of all.keys()) registerSecret(value);
    this.registered = all.size;
    return [...all.values()];
  }
}
