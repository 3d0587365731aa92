import type { HttpExchange } from '../contract/exchange';
import { maskSecret, redactSecrets } from '../contract';

/**
 * A ready-to-paste `curl` reproducing a request, attached when a test fails. The configured token becomes
 * `$LD_ACCESS_TOKEN`; any other token (one created during the test) becomes `$TOKEN_UNDER_TEST`, because its
 * secret must never reach a report (rule H2). Bodies and URLs go through `redactSecrets` too. The client
 * records exchanges with the Authorization value already masked, so the configured token is recognised by
 * its mask.
 */

/** Headers the HTTP stack adds by itself; repeating them only adds noise. */
const OMITTED_HEADERS = new Set(['authorization', 'host', 'content-length', 'connection', 'user-agent', 'accept-encoding']);

export function renderCurlCommand(exchange: HttpExchange, configuredToken: string): string {
  const { request } = exchange;
  const lines = [`curl -sS -i -X ${request.method} ${quoteForShell(redactSecrets(request.url))}`];
  const authorization = findHeader(request.headers, 'authorization');
  let note: string | null = null;
  if (authorization === undefined) {
    note = '# The original request carried no Authorization header.';
  } else if (authorization === configuredToken || authorization === maskSecret(configuredToken)) {
    lines.push(`-H "Authorization: $LD_ACCESS_TOKEN"`);
  } else {
    note = '# Authorization was a token created during the test; set TOKEN_UNDER_TEST to such a token.';
    lines.push(`-H "Authorization: $TOKEN_UNDER_TEST"`);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (OMITTED_HEADERS.has(name.toLowerCase())) continue;
    lines.push(`-H ${quoteForShell(`${name}: ${redactSecrets(value)}`)}`);
  }
  if (request.bodyText !== undefined && request.bodyText !== '') {
    lines.push(`--data-raw ${quoteForShell(redactSecrets(request.bodyText))}`);
  }
  const command = lines.join(' \\\n  ');
  return note === null ? `${command}\n` : `${note}\n${command}\n`;
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** POSIX single-quoting: everything literal, a single quote written as '\''. */
export function quoteForShell(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
