import type { HttpExchange } from '../contract/exchange';
import { redactSecrets } from '../contract';
import { quoteForShell } from '../session/curl-command';

/** Headers the HTTP stack adds by itself; repeating them only adds noise. */
const OMITTED = new Set(['authorization', 'host', 'content-length', 'connection', 'user-agent', 'accept-encoding']);

/**
 * The request as a ready-to-paste curl with the side's credential as its variable (`$LD_ACCESS_TOKEN_A`): a plan's
 * every request is sent with the side's configured token, so no other secret can stand there; URL, headers and
 * body go through the run's redaction too (an issued secret in a body is masked).
 */
export function renderMaskedCurl(exchange: HttpExchange, tokenVariable: string): string {
  const { request } = exchange;
  const lines = [`curl -sS -i -X ${request.method} ${quoteForShell(redactSecrets(request.url))}`, `-H "Authorization: $${tokenVariable}"`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!OMITTED.has(name.toLowerCase())) lines.push(`-H ${quoteForShell(`${name}: ${redactSecrets(value)}`)}`);
  }
  if (request.bodyText !== undefined && request.bodyText !== '') lines.push(`--data-raw ${quoteForShell(redactSecrets(request.bodyText))}`);
  return lines.join(' \\\n  ');
}
