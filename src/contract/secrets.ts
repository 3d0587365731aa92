import type { HttpExchange } from './exchange';

/**
 * Process-wide secret registry and redaction (rule H2: no secret in any report, trace, log or
 * attachment). Everything that leaves the process as text goes through redactSecrets.
 *
 * Masking: `***` followed by the last four characters — the same four characters the API
 * itself shows in reads (rule D1), so a masked value can be matched to a token in the
 * LaunchDarkly UI, and no more of the secret survives. Values shorter than 12 characters
 * become `***` alone (four characters would be too large a share of them).
 *
 * Three nets, because a secret can reach text before anyone registered it:
 * 1. every registered secret, wherever it appears (also JSON-escaped and URL-encoded);
 * 2. the value of any `authorization` header (`authorization: x`, `"Authorization": "x"`),
 *    which covers Playwright's call logs — unless the value is a shell variable reference
 *    (`$LD_ACCESS_TOKEN`), which names a credential without holding it;
 * 3. any JSON `"token": "<value>"` field longer than 4 characters (postToken and resetToken
 *    responses carry the whole secret there; reads carry only 4 characters, which stay).
 */

export const MASK_PREFIX = '***';
/** Below this length a value is not treated as a secret (an obfuscated `token` has 4). */
export const MIN_SECRET_LENGTH = 5;
const SHOW_LAST4_FROM_LENGTH = 12;

const secrets = new Set<string>();
/**
 * Every registered secret's forms in one regular expression, built when first needed after a change. A run
 * registers hundreds of secrets (explore issues and resets one every few requests) and redacts every header and
 * body of every exchange: sorting the registry and splitting each text once per form was 58% of a 1000-request
 * explore seed's CPU time (profiled, issue 23); one pass of one expression is a small share of it.
 */
let matcher: { pattern: RegExp; maskOf: Map<string, string> } | null = null;

export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const secret = value.trim();
  if (secret.length < MIN_SECRET_LENGTH || secret.startsWith(MASK_PREFIX)) return;
  if (secrets.has(secret)) return;
  secrets.add(secret);
  matcher = null;
}

/**
 * For unit tests, and for explore:seeds between independent runs (each on its own server, closed before this):
 * the registry is otherwise append-only for the life of the process.
 */
export function clearRegisteredSecrets(): void {
  secrets.clear();
  matcher = null;
}

export function maskSecret(value: string): string {
  return value.length >= SHOW_LAST4_FROM_LENGTH ? `${MASK_PREFIX}${value.slice(-4)}` : MASK_PREFIX;
}

// The value may not start with space or quote, so backtracking cannot slip past an existing mask.
// The value ends at a quote, a line end, a comma, a brace or an ANSI escape (Playwright's coloured call logs).
// eslint-disable-next-line no-control-regex -- ESC is exactly the character meant here
const AUTHORIZATION_VALUE = /(\bauthorization\b["']?\s*[:=]\s*["']?)(?![\s"']|\*\*\*)([^"'\r\n,}\u001b]+)/gi;
/**
 * A shell variable reference (`$LD_ACCESS_TOKEN`, `${ISSUED_TOKEN_1}`) is a name, not a credential: the curl
 * reproductions print the credential that way, and masking the name itself gave `Authorization: ***OKEN` (issue 24).
 * Upper-case names only, the whole value: no LaunchDarkly secret (api-…, sdk-…, mob-…) has this form, and a
 * registered secret is masked by the first net before this one runs.
 */
// The value ends before a `}`, so `${NAME}` arrives as `${NAME`.
const SHELL_VARIABLE = /^\$\{?[A-Z_][A-Z0-9_]*\}?$/;
const JSON_TOKEN_FIELD = /("token"\s*:\s*")(?!\*\*\*)((?:[^"\\]|\\.){5,}?)(")/g;
/** The same field inside a JSON document that was itself JSON-encoded into a string. */
const ESCAPED_JSON_TOKEN_FIELD = /(\\"token\\"\s*:\s*\\")(?!\*\*\*)((?:[^"\\]|\\[^"]){5,}?)(\\")/g;

export function redactSecrets(text: string): string {
  let out = text;
  const registered = registeredMatcher();
  if (registered) out = out.replace(registered.pattern, (form) => registered.maskOf.get(form) ?? MASK_PREFIX);
  out = out.replace(AUTHORIZATION_VALUE, (whole: string, head: string, value: string) =>
    SHELL_VARIABLE.test(value.trim()) ? whole : `${head}${maskSecret(value.trim())}`,
  );
  out = out.replace(JSON_TOKEN_FIELD, (_m, head: string, value: string, tail: string) => `${head}${maskSecret(value)}${tail}`);
  out = out.replace(ESCAPED_JSON_TOKEN_FIELD, (_m, head: string, value: string, tail: string) => `${head}${maskSecret(value)}${tail}`);
  return out;
}

/** The registry's matcher: each secret raw, JSON-escaped and URL-encoded, mapped to the secret's mask. */
function registeredMatcher(): { pattern: RegExp; maskOf: Map<string, string> } | null {
  if (secrets.size === 0) return null;
  if (matcher) return matcher;
  const maskOf = new Map<string, string>();
  // Longest secret first, so a form two secrets share (one's escaped form is the other's raw form) takes the longer one's mask.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    const mask = maskSecret(secret);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      if (!maskOf.has(form)) maskOf.set(form, mask);
    }
  }
  // Longest first: alternatives are tried in order at each position, so a secret that contains another is masked whole.
  const forms = [...maskOf.keys()].sort((a, b) => b.length - a.length);
  matcher = { pattern: new RegExp(forms.map(escapeRegExp).join('|'), 'g'), maskOf };
  return matcher;
}

/** A literal as a regular expression source (every secret matcher of the contract library uses it). */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? maskSecret(value.trim()) : redactSecrets(value);
  }
  return out;
}

/** A copy safe to attach or print: URL, headers and both bodies redacted. */
export function redactExchange(exchange: HttpExchange): HttpExchange {
  const request: HttpExchange['request'] = {
    method: exchange.request.method,
    url: redactSecrets(exchange.request.url),
    headers: redactHeaders(exchange.request.headers),
  };
  if (exchange.request.bodyText !== undefined) request.bodyText = redactSecrets(exchange.request.bodyText);
  return {
    operationId: exchange.operationId,
    request,
    response: {
      status: exchange.response.status,
      ...(exchange.response.statusText !== undefined ? { statusText: redactSecrets(exchange.response.statusText) } : {}),
      headers: redactHeaders(exchange.response.headers),
      bodyText: redactSecrets(exchange.response.bodyText),
    },
  };
}
