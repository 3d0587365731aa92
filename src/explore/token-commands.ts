/**
 * Explore's commands over the tokens a run created (fc.commands): create, read, list, patch, reset,
 * delete, use a secret, and ask for an id no token has. Each sends one request, predicts the answer from
 * the model, checks it, and updates the model. `toString` is what a shrunk failure lists: inputs only,
 * never a secret.
 */
import type fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { ID_OPERATIONS, type IdOperationId } from '../domain/operations';
import {
  expectLastFour,
  expectLastModified,
  expectLikeModel,
  expectNoWholeSecret,
  expectStatus,
  describeDifferences,
  show,
  tokenBody,
} from './command-checks';
import { ExploreViolation, type ExploreSystem } from './explore-system';
import { asRecord, pickToken, withoutSecret, type ExploreModel, type ModelToken } from './explore-model';
import type { ExpiryInput, ListQuery, PatchInput } from './inputs';
import { answersFor, predictPatch, resolvePatchBody, type PatchAnswer } from './patch-prediction';
import { blameOf, PREDICTION_ROWS, type OpenRowId, type PredictionRowId } from './prediction-rules';
import { leniencyFor, projectSent, projectToken } from './token-projection';
import { expectedAfter, fillEmpty, secretsAfterDelete, secretsAfterReset } from './token-transitions';

type Command = fc.AsyncCommand<ExploreModel, ExploreSystem>;

const canSend = (m: ExploreModel): boolean => m.budget.canSpend(1);

type PickedToken = { token: ModelToken; index: number };

/**
 * A command on one of the sequence's tokens, chosen by `pick` (pickToken): runnable once a token exists;
 * `runOn` gets the token and its index into the system's ids and secrets. Six commands share this guard and pick.
 */
abstract class OnTokenCommand implements Command {
  constructor(readonly pick: number) {}
  check(m: ExploreModel): boolean {
    return canSend(m) && m.tokens.length > 0;
  }
  async run(m: ExploreModel, r: ExploreSystem): Promise<void> {
    const picked = pickToken(m, this.pick);
    if (picked) await this.runOn(m, r, picked);
  }
  protected abstract runOn(m: ExploreModel, r: ExploreSystem, picked: PickedToken): Promise<void>;
  abstract toString(): string;
}

/** The open row under which a correct server may refuse a schema-valid postToken body, or null. */
function postLeniency(body: Record<string, unknown>): OpenRowId | null {
  if (body.defaultApiVersion !== undefined) return 'create-api-version';
  const sendsRole = ['role', 'customRoleIds', 'inlineRole'].some((key) => body[key] !== undefined);
  return leniencyFor(sendsRole ? body : { ...body, role: 'reader' });
}

export class CreateCommand implements Command {
  constructor(readonly input: { body: unknown; valid: boolean }) {}
  check = canSend;
  async run(m: ExploreModel, r: ExploreSystem): Promise<void> {
    const { body, valid } = this.input;
    const result = await r.call(`create a token${valid ? '' : ' from a body AccessTokenPost rejects'}`, 'postToken', { body });
    const created = result.status === 201 ? asRecord(result.json()) : null;
    if (created && typeof created._id === 'string') {
      // Recorded before any verdict, so the token is cleaned up whatever follows (H1).
      r.ids.push(created._id);
      r.secrets.push(typeof created.token === 'string' ? [created.token] : []);
      m.tokens.push({
        label: m.tokens.length + 1,
        doc: withoutSecret(created),
        deleted: false,
        secrets: [{ state: 'live', row: 'secret-authenticates', why: 'was issued by postToken' }],
      });
    }
    const record = asRecord(body);
    if (!valid) return expectStatus(result, [400], 'create-invalid', 'the body does not match AccessTokenPost');
    const lenient = record ? postLeniency(record) : null;
    if (result.status === 400 && lenient) return r.observe(lenient, result);
    expectStatus(result, [201], 'create-valid', 'the body is a valid AccessTokenPost');
    if (!created || typeof created.token !== 'string' || created.token.length <= 4) {
      throw new ExploreViolation(blameOf('create-whole-secret'), 'postToken 201 does not carry the whole new secret in "token"');
    }
    const sent = projectSent(record ?? {});
    const echoed = Object.fromEntries(Object.keys(sent).map((key) => [key, projectToken(created)[key]]));
    expectLikeModel(sent, echoed, 'create-valid', `token #${m.tokens.length}: postToken 201 does not echo what was sent`);
  }
  toString(): string {
    return `create ${show(this.input.body, 240)}`;
  }
}

export class ReadCommand extends OnTokenCommand {
  protected async runOn(_m: ExploreModel, r: ExploreSystem, { token, index }: PickedToken): Promise<void> {
    const result = await r.call(`read token #${token.label}`, 'getToken', { id: r.ids[index] ?? '' });
    if (token.deleted) return expectStatus(result, [404], 'delete', `token #${token.label} was deleted`);
    expectStatus(result, [200], 'read-exists', `token #${token.label} exists`);
    expectNoWholeSecret(result, r);
    const body = tokenBody(result, 'read-exists');
    expectLastFour(body, r.secrets[index]?.at(-1), token.label);
    expectLikeModel(
      token.doc,
      body,
      'read-like-model',
      `token #${token.label}: getToken differs from the model (every accepted change applied, every refused one not)`,
    );
    expectLastModified(token, body, false);
    token.doc = withoutSecret(body);
  }
  toString(): string {
    return `read #${this.pick}`;
  }
}

export class ListCommand implements Command {
  constructor(readonly query: ListQuery) {}
  check = canSend;
  async run(m: ExploreModel, r: ExploreSystem): Promise<void> {
    const result = await r.call('list tokens', 'getTokens', { query: this.query });
    expectStatus(result, [200], 'list-answered', 'limit and offset are within range');
    expectNoWholeSecret(result, r);
    const items = asRecord(result.json())?.items;
    if (!Array.isArray(items)) return;
    const limit = this.query.limit;
    if (typeof limit === 'number' && items.length > limit)
      throw new ExploreViolation(blameOf('list-limit'), `getTokens returned ${items.length} items for limit=${limit}`);
    for (const raw of items) {
      const item = asRecord(raw);
      const index = item && typeof item._id === 'string' ? r.ids.indexOf(item._id) : -1;
      const token = index >= 0 ? m.tokens[index] : undefined;
      if (!item || !token) continue;
      if (token.deleted)
        throw new ExploreViolation(blameOf('list-no-deleted'), `getTokens still lists token #${token.label}, which was deleted`);
      expectLastFour(item, r.secrets[index]?.at(-1), token.label);
      expectLikeModel(token.doc, item, 'list-like-model', `token #${token.label} as listed differs from the model`);
    }
  }
  toString(): string {
    return `list ${show(this.query)}`;
  }
}

export class PatchCommand extends OnTokenCommand {
  constructor(
    pick: number,
    readonly patch: PatchInput,
  ) {
    super(pick);
  }
  override check(m: ExploreModel): boolean {
    const picked = canSend(m) ? pickToken(m, this.pick) : null;
    if (!picked) return false;
    const prediction = predictPatch(resolvePatchBody(this.patch, picked.token.doc), picked.token.doc);
    // H1: a patch that could leave a token without the run's name prefix is not sent.
    return prediction.answers.every(
      (a) =>
        a.doc === undefined || (!a.unjudged.includes('name') && typeof a.doc.name === 'string' && a.doc.name.startsWith(`${m.prefix}-`)),
    );
  }
  protected async runOn(_m: ExploreModel, r: ExploreSystem, { token, index }: PickedToken): Promise<void> {
    const body = resolvePatchBody(this.patch, token.doc);
    const result = await r.call(`patch token #${token.label}`, 'patchToken', { id: r.ids[index] ?? '', body });
    if (token.deleted) return expectStatus(result, [404], 'delete', `token #${token.label} was deleted`);
    const prediction = predictPatch(body, token.doc);
    const candidates = answersFor(prediction, result.status);
    const primary = prediction.answers[0];
    if (!primary || candidates.length === 0) {
      const allowed = [...new Set(prediction.answers.flatMap((a) => a.statuses))];
      throw new ExploreViolation(
        blameOf(primary?.row ?? 'patch-applies'),
        `patchToken answered ${result.status}, expected ${allowed.join(' or ')}: ${prediction.why}`,
      );
    }
    if (result.status !== 200) {
      // A refusal: E5 is judged by the reads that follow (the model keeps the token as it was).
      const accepted = candidates[0] as PatchAnswer;
      if (PREDICTION_ROWS[accepted.row].kind === 'open') r.observe(accepted.row as OpenRowId, result);
      // Which of E4's two documented refusals the target chose (E3's malformed patch has one answer only: 400).
      if (accepted.statuses.length > 1) r.observe('patch-status-400-or-422', result);
      return;
    }
    expectNoWholeSecret(result, r);
    const patched = tokenBody(result, 'patch-result');
    const judged = candidates.map((answer) => ({ answer, ...expectedAfter(answer, patched) }));
    const match = judged.find((j) => j.differences.length === 0);
    if (!match) {
      const first = judged[0];
      throw new ExploreViolation(
        blameOf('patch-result'),
        `token #${token.label}: patchToken 200 differs from the patch applied to the model: ${first ? describeDifferences(first.differences).join('; ') : ''}`,
      );
    }
    if (PREDICTION_ROWS[match.answer.row].kind === 'open') r.observe(match.answer.row as OpenRowId, result);
    // Under E6's "shown as empty", an unset field and its empty value are the same setting: no change to move lastModified for.
    const view = (doc: Record<string, unknown>): Record<string, unknown> => projectToken(fillEmpty(doc, match.answer.fillEmpty ?? []));
    expectLastModified(token, patched, !isDeepStrictEqual(view(token.doc), view(match.expected)));
    token.doc = withoutSecret(patched);
  }
  toString(): string {
    return `patch #${this.pick} ${show(this.patch.kind === 'ops' ? this.patch.ops : this.patch.body, 400)}`;
  }
}

export class ResetCommand extends OnTokenCommand {
  constructor(
    pick: number,
    readonly expiry: ExpiryInput,
  ) {
    super(pick);
  }
  protected async runOn(_m: ExploreModel, r: ExploreSystem, { token, index }: PickedToken): Promise<void> {
    const query =
      this.expiry.kind === 'none' ? undefined : { expiry: r.serverNow() + (this.expiry.kind === 'past' ? -1 : 1) * this.expiry.offsetMs };
    const result = await r.call(
      `reset token #${token.label}'s secret${query ? ` (old secret expires ${this.expiry.kind === 'past' ? 'in the past' : 'later'})` : ''}`,
      'resetToken',
      { id: r.ids[index] ?? '', ...(query ? { query } : {}) },
    );
    if (token.deleted) return expectStatus(result, [404], 'delete', `token #${token.label} was deleted`);
    expectStatus(result, [200], 'reset', `token #${token.label} exists`);
    const body = tokenBody(result, 'reset');
    const secret = body.token;
    const previous = r.secrets[index] ?? [];
    if (typeof secret !== 'string' || secret.length <= 4)
      throw new ExploreViolation(blameOf('reset'), 'resetToken 200 does not carry the whole new secret');
    if (previous.includes(secret))
      throw new ExploreViolation(blameOf('reset'), `token #${token.label}: the "new" secret is one it had before`);
    if (body._id !== token.doc._id) throw new ExploreViolation(blameOf('reset'), `token #${token.label}: resetToken changed _id`);
    expectLikeModel(token.doc, body, 'reset', `token #${token.label}: resetToken changed more than the secret`);
    token.secrets = secretsAfterReset(token.secrets, this.expiry.kind);
    previous.push(secret);
    r.secrets[index] = previous;
    token.doc = withoutSecret(body);
  }
  toString(): string {
    return `reset #${this.pick} ${this.expiry.kind === 'none' ? 'without expiry' : `expiry ${this.expiry.kind} (${Math.round(this.expiry.offsetMs / 60_000)} min)`}`;
  }
}

export class DeleteCommand extends OnTokenCommand {
  protected async runOn(_m: ExploreModel, r: ExploreSystem, { token, index }: PickedToken): Promise<void> {
    const result = await r.call(`delete token #${token.label}`, 'deleteToken', { id: r.ids[index] ?? '' });
    const wasDeleted = token.deleted;
    if (result.status === 204) {
      token.deleted = true;
      token.secrets = secretsAfterDelete(token.secrets);
    }
    expectStatus(
      result,
      wasDeleted ? [404] : [204],
      'delete',
      wasDeleted ? `token #${token.label} was deleted already` : `token #${token.label} exists`,
    );
  }
  toString(): string {
    return `delete #${this.pick}`;
  }
}

/** Sends one request with the n-th secret token #pick was given and checks it is alive or dead as the model says. */
async function useSecret(m: ExploreModel, r: ExploreSystem, picked: PickedToken, n: number): Promise<void> {
  const secrets = r.secrets[picked.index] ?? [];
  const { token } = picked;
  const state = token.secrets[n];
  const which = n === secrets.length - 1 ? 'current secret' : `secret ${n + 1} of ${secrets.length} (replaced)`;
  const result = await r.call(`use token #${token.label}'s ${which}`, 'getTokens', { token: secrets[n] ?? '', query: { limit: 1 } });
  if (!state) return;
  if (state.state === 'dead') return expectStatus(result, [401], state.row, `token #${token.label}'s ${which} ${state.why}`);
  if (result.status === 401)
    throw new ExploreViolation(blameOf(state.row), `token #${token.label}'s ${which} ${state.why} and must still authenticate, got 401`);
  const role = token.doc.role;
  // The B rules say what reader and admin tokens may do; a writer's list is answered 200 or 403, and recorded.
  if (role === 'writer' && (result.status === 200 || result.status === 403)) return r.observe('writer-lists', result);
  const row: PredictionRowId | null =
    role === 'reader' ? 'reader-lists' : role === 'admin' ? 'admin-lists' : role === 'writer' ? 'writer-lists' : null;
  if (row) expectStatus(result, [200], row, `a ${String(role)} token may list tokens`);
}

export class UseSecretCommand extends OnTokenCommand {
  constructor(
    pick: number,
    readonly which: number,
  ) {
    super(pick);
  }
  protected async runOn(m: ExploreModel, r: ExploreSystem, picked: PickedToken): Promise<void> {
    const secrets = r.secrets[picked.index] ?? [];
    if (secrets.length === 0) return;
    await useSecret(m, r, picked, this.which % secrets.length);
  }
  toString(): string {
    return `use secret ${this.which} of #${this.pick}`;
  }
}

/**
 * Uses every secret a token was ever given, newest first (at most MAX_SECRETS_USED): a secret that should
 * be dead but works, or should work but is dead, shows whichever of its token's resets or deletes caused it.
 */
const MAX_SECRETS_USED = 4;

export class UseAllSecretsCommand extends OnTokenCommand {
  protected async runOn(m: ExploreModel, r: ExploreSystem, picked: PickedToken): Promise<void> {
    const secrets = r.secrets[picked.index] ?? [];
    for (let n = secrets.length - 1; n >= Math.max(0, secrets.length - MAX_SECRETS_USED); n--) {
      if (!m.budget.canSpend(1)) return;
      await useSecret(m, r, picked, n);
    }
  }
  toString(): string {
    return `use every secret of #${this.pick}`;
  }
}

/** The body each operation that takes an id is sent for an unknown id: a valid one where it needs one, so only the id is wrong. */
const UNKNOWN_ID_BODY: Record<IdOperationId, unknown> = {
  getToken: undefined,
  patchToken: [{ op: 'replace', path: '/description', value: 'x' }],
  deleteToken: undefined,
  resetToken: undefined,
};

export class UnknownIdCommand implements Command {
  constructor(
    readonly opIndex: number,
    readonly id: string,
  ) {}
  check = canSend;
  async run(_m: ExploreModel, r: ExploreSystem): Promise<void> {
    if (r.ids.includes(this.id)) return;
    const op = ID_OPERATIONS[this.opIndex % ID_OPERATIONS.length] ?? 'getToken';
    const body = UNKNOWN_ID_BODY[op];
    const result = await r.call(`${op} for an id no token has`, op, { id: this.id, ...(body ? { body } : {}) });
    expectStatus(result, [404], 'unknown-id', `${show(this.id)} names no token`);
  }
  toString(): string {
    return `${ID_OPERATIONS[this.opIndex % ID_OPERATIONS.length] ?? 'getToken'} unknown id ${show(this.id)}`;
  }
}
