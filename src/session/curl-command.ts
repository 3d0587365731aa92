import type { HttpExchange } from '../contract/exchange';
import { maskSecret, redactSecrets } from '../contract';
import { MASK_PREFIX } from '../contract/secrets';

/**
 * A ready-to-paste `curl` reproducing a request, attached when a test fails. The credential is always a named
 * shell variable, never a secret nor part of one (rule H2): the configured token becomes `$LD_ACCESS_TOKEN`; a
 * token the run issued becomes `$ISSUED_TOKEN_1`, `$ISSUED_TOKEN_2`, … with a comment line saying the run
 * deleted it. Bodies and URLs go through `redactSecrets` too. The client records exchanges with the
 * Authorization value already masked, so a token is recognised by its mask.
 */

/**
 * Names the tokens the run issued, in the order the commands meet them, so the curl commands of one test (its
 * attachments) or of one explore failure call the same token by the same name. Keyed by the recorded mask
 * (the last four characters): two issued tokens that share them would share a name, which costs only the
 * reader a second look.
 */
export class IssuedTokenNames {
  private readonly names = new Map<string, string>();

  nameOf(authorization: string): string {
    const key = authorization.startsWith(MASK_PREFIX) ? authorization : maskSecret(authorization);
    let name = this.names.get(key);
    if (name === undefined) {
      name = `ISSUED_TOKEN_${this.names.size + 1}`;
      this.names.set(key, name);
    }
    return name;
  }
}

/** Headers the HTTP stack adds by itself; repeating them only adds noise. */
const OMITTED_HEADERS = new Set(['authorization', 'host', 'content-length', 'connection', 'user-agent', 'accept-encoding']);

export function renderCurlCommand(exchange: HttpExchange, configuredToken: string, issued = new IssuedTokenNames()): string {
  const { request } = exchange;
  const lines = [`curl -sS -i -X ${request.method} ${quoteForShell(redactSecrets(request.url))}`];
  const authorization = findHeader(request.headers, 'authorization');
  let note: string | null = null;
  if (authorization === undefined) {
    note = '# The original request carried no Authorization header.';
  } else if (authorization === configuredToken || authorization === maskSecret(configuredToken)) {
    lines.push(`-H "Authorization: $LD_ACCESS_TOKEN"`);
  } else {
    const name = issued.nameOf(authorization);
    note =
      `# ${name}: a token this run issued for the request; the run has deleted it.` +
      ` Issue a token like it and set ${name} to its secret.`;
    lines.push(`-H "Authorization: $${name}"`);
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
