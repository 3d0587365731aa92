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

export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const secret = value.trim();
  if (secret.length < MIN_SECRET_LENGTH || secret.startsWith(MASK_PREFIX)) return;
  secrets.add(secret);
}

/**
 * For unit tests, and for explore:seeds between independent runs (each on its own server, closed before this):
 * the registry is otherwise append-only for the life of the process.
 */
export function clearRegisteredSecrets(): void {
  secrets.clear();
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
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    const mask = maskSecret(secret);
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      out = out.split(form).join(mask);
    }
  }
  out = out.replace(AUTHORIZATION_VALUE, (whole: string, head: string, value: string) =>
    SHELL_VARIABLE.test(value.trim()) ? whole : `${head}${maskSecret(value.trim())}`,
  );
  out = out.replace(JSON_TOKEN_FIELD, (_m, head: string, value: string, tail: string) => `${head}${maskSecret(value)}${tail}`);
  out = out.replace(ESCAPED_JSON_TOKEN_FIELD, (_m, head: string, value: string, tail: string) => `${head}${maskSecret(value)}${tail}`);
  return out;
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
      headers: redactHeaders(exchange.response.headers),
      bodyText: redactSecrets(exchange.response.bodyText),
    },
  };
}
