import type { HttpExchange } from './exchange';
import type { SecretExposureFailure, SecretSighting } from './failures';
import { escapeRegExp, maskSecret } from './secrets';

/**
 * Rule H3: no response — status line, header, body, error message — carries a secret the run knows, other than the
 * one postToken or resetToken issues in that very response. Pure: the caller passes in the secrets it knew BEFORE
 * this response arrived (the judged session does: src/session/run-secrets.ts), so a secret issued here is not yet
 * among them and its `token` field is no hit, while a reset that answers with the old secret, or a create that
 * answers with the configured one, is.
 *
 * Cheap on purpose, since it runs on every response: one `includes` per secret over the status text, the header
 * values and the body; a JSON body is walked for the place (a JSON pointer) only after a hit.
 */

export type KnownSecretKind = 'configured' | 'issued' | 'reset';

export interface KnownSecret {
  readonly value: string;
  /** Where the run got it: the configured LD_ACCESS_TOKEN, a postToken 201, a resetToken 200. */
  readonly kind: KnownSecretKind;
}

/** Every form a secret takes in the body text: as is, and escaped inside a JSON string. */
function bodyForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  return escaped === secret ? [secret] : [secret, escaped];
}

/** JSON pointers (RFC 6901) of every string value, or key, in `value` that contains `secret`. */
function pointersOf(value: unknown, secret: string, at = ''): string[] {
  if (typeof value === 'string') return value.includes(secret) ? [at === '' ? '/' : at] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pointersOf(item, secret, `${at}/${index}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return [...(key.includes(secret) ? [`${here} (the key)`] : []), ...pointersOf(item, secret, here)];
    });
  }
  return [];
}

function bodyPlaces(bodyText: string, parsed: unknown, secret: string): string[] {
  if (!bodyForms(secret).some((form) => bodyText.includes(form))) return [];
  const pointers = parsed === undefined ? [] : pointersOf(parsed, secret);
  // Not JSON, or only in a form the walk cannot see (an escape the server chose): the body as a whole.
  return pointers.length > 0 ? pointers.map((pointer) => `body ${pointer}`) : ['body'];
}

/**
 * One regular expression over every form of every secret, built once per list (the session hands the same array
 * until it learns a new secret): one pass over the response instead of one `includes` per secret, which cost
 * 2 ms on a page of 25 tokens with 115 secrets (measured; the pass costs a small fraction of that).
 */
const anySecretPatterns = new WeakMap<readonly KnownSecret[], RegExp | null>();

function anySecretPattern(secrets: readonly KnownSecret[]): RegExp | null {
  let pattern = anySecretPatterns.get(secrets);
  if (pattern === undefined) {
    const forms = [...new Set(secrets.filter(({ value }) => value !== '').flatMap(({ value }) => bodyForms(value)))];
    // Longest first is not needed for a yes/no answer; escaping makes each form a literal.
    pattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'));
    anySecretPatterns.set(secrets, pattern);
  }
  return pattern;
}

/** True when some known secret may be somewhere in the response (the cheap first pass). */
function mayHoldSecret(response: HttpExchange['response'], secrets: readonly KnownSecret[]): boolean {
  const pattern = anySecretPattern(secrets);
  if (pattern === null) return false;
  if (response.statusText !== undefined && pattern.test(response.statusText)) return true;
  if (Object.values(response.headers).some((value) => pattern.test(value))) return true;
  return pattern.test(response.bodyText);
}

/** Where each known secret shows up in the response; [] when nowhere. */
export function findSecretSightings(
  response: HttpExchange['response'],
  parsedBody: unknown,
  secrets: readonly KnownSecret[],
): SecretSighting[] {
  const sightings: SecretSighting[] = [];
  const seen = new Set<string>();
  for (const { value, kind } of secrets) {
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    const places: string[] = [];
    if (response.statusText?.includes(value)) places.push('status line');
    for (const [name, headerText] of Object.entries(response.headers)) {
      if (headerText.includes(value)) places.push(`header ${name.toLowerCase()}`);
    }
    places.push(...bodyPlaces(response.bodyText, parsedBody, value));
    for (const where of places) sightings.push({ where, kind, masked: maskSecret(value) });
  }
  return sightings;
}

export function secretExposureFailures(
  exchange: HttpExchange,
  parsedBody: unknown,
  secrets: readonly KnownSecret[],
): SecretExposureFailure[] {
  if (secrets.length === 0 || !mayHoldSecret(exchange.response, secrets)) return [];
  const sightings = findSecretSightings(exchange.response, parsedBody, secrets);
  return sightings.length === 0 ? [] : [{ check: 'secret_exposure', sightings }];
}
