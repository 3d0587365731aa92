/**
 * Explore's shrunk sequence as one runnable shell script (issue 24.2): bash with `set -euo pipefail`, one curl per
 * step against `$LD_BASE_URL` with `$LD_ACCESS_TOKEN`, printing each step's status, then whether the breaking step
 * answered as it did in the run. Ids and secrets a later step uses are bound from the earlier step's response at
 * run time (node reads the JSON: the suite needs node anyway, jq may be absent), so the script holds no secret and
 * no id of the run's deleted tokens; the tokens it creates are deleted when it ends.
 */
import type { HttpExchange } from '../contract/exchange';
import { maskSecret, redactSecrets } from '../contract';
import { MASK_PREFIX } from '../contract/secrets';
import { IssuedTokenNames, quoteForShell } from '../session/curl-command';
import type { ExploreFailure } from './run-explore';

/** Headers the HTTP stack adds by itself, and the credential (written as a variable). */
const OMITTED_HEADERS = new Set(['authorization', 'host', 'content-length', 'connection', 'user-agent', 'accept-encoding']);

export interface ReplayContext {
  seed: number;
  /** The configured token: a request that carried it uses `$LD_ACCESS_TOKEN`. */
  configuredToken: string;
}

/** A value seen in a response, bound to a shell variable, and how the recorded requests show it. */
interface Binding {
  variable: string;
  /** The literal text in URLs and bodies (an id) or the recorded Authorization mask (a secret). */
  recorded: string;
}

const PRELUDE = `set -euo pipefail
: "\${LD_BASE_URL:?set LD_BASE_URL to the target, e.g. http://127.0.0.1:4010 (no path)}"
: "\${LD_ACCESS_TOKEN:?set LD_ACCESS_TOKEN to an admin access token of the target}"
body=$(mktemp)
created=()
status=''
# Deletes what this script created, whatever happens (the run's own tokens are long gone).
cleanup() {
  for id in "\${created[@]+"\${created[@]}"}"; do
    curl -sS -o /dev/null -X DELETE "$LD_BASE_URL/api/v2/tokens/$id" -H "Authorization: $LD_ACCESS_TOKEN" -H "ld-api-version: $api_version" || true
  done
  rm -f "$body"
}
trap cleanup EXIT
# One member of the last response's JSON body, empty when absent or not JSON.
field() {
  node -e 'try { const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]]; process.stdout.write(v == null ? "" : String(v)); } catch { }' "$body" "$1"
}
# step number, label, the status the run saw, then curl's arguments: prints the status this target answers.
send() {
  local step=$1 label=$2 seen=$3
  shift 3
  status=$(curl -sS -o "$body" -w '%{http_code}' "$@")
  echo "$step. $label -> $status (the run saw $seen)"
}`;

export function renderReplayScript(failure: ExploreFailure, ctx: ReplayContext): string {
  const configuredMask = maskSecret(ctx.configuredToken);
  const ids: Binding[] = [];
  const secrets: Binding[] = [];
  const issued = new IssuedTokenNames();
  const unbound = new Set<string>();
  const apiVersion = findHeader(failure.steps[0]?.original.request.headers ?? {}, 'ld-api-version') ?? '20240415';
  const body: string[] = [];
  failure.steps.forEach((step, index) => {
    const number = index + 1;
    const { request, response } = step.original;
    const breaking = number === failure.steps.length;
    // An id in the intent reads as its variable's name: the script holds no id of the run.
    const intent = ids.reduce((text, binding) => text.split(binding.recorded).join(`<${binding.variable}>`), redactSecrets(step.intent));
    const label = `${intent} (${step.original.operationId})${breaking ? ` breaks ${failure.rule}` : ''}`;
    const args = [`-X ${request.method}`, withVariables(urlFromBase(request.url), ids)];
    const authorization = findHeader(request.headers, 'authorization');
    if (authorization !== undefined) args.push(`-H "Authorization: $${credentialVariable(authorization)}"`);
    for (const [name, value] of Object.entries(request.headers)) {
      if (OMITTED_HEADERS.has(name.toLowerCase())) continue;
      args.push(`-H ${quoteForShell(`${name}: ${redactSecrets(value)}`)}`);
    }
    if (request.bodyText !== undefined && request.bodyText !== '') args.push(`--data-raw ${withVariables(request.bodyText, ids)}`);
    body.push('', `send ${number} ${quoteForShell(label)} ${response.status} \\\n  ${args.join(' \\\n  ')}`);
    body.push(...bindFrom(step.original, number, ids, secrets));
  });
  const breaking = failure.steps.at(-1);
  const seen = breaking?.original.response.status;
  const header = [
    '#!/usr/bin/env bash',
    `# Explore broke rule ${failure.rule}: ${redactSecrets(firstLine(failure.message))}`,
    `# The shrunk sequence of seed ${ctx.seed}, replayed step by step; the last step is the one that broke the rule.`,
    '# Needs bash, curl and node. Run: LD_BASE_URL=<target> LD_ACCESS_TOKEN=<admin token> bash explore-replay.sh',
    "# Ids and secrets come from the earlier steps' responses; times in the requests (an expiry) are the run's.",
    ...[...unbound].map(
      (name) => `# ${name}: a token the run used that no step of this script issues; set ${name} to the secret of a token like it.`,
    ),
    `api_version=${quoteForShell(apiVersion)}`,
    PRELUDE,
  ];
  const verdict =
    seen === undefined
      ? ['', 'echo "the shrunk sequence sent no request (the breach was no answer at all)"']
      : [
          '',
          `echo "response body of step ${failure.steps.length}:"`,
          'head -c 2000 "$body"; echo',
          `if [ "$status" = '${seen}' ]; then`,
          `  echo "REPRODUCED: step ${failure.steps.length} answered $status, as in the run that broke ${failure.rule}"`,
          'else',
          `  echo "NOT REPRODUCED: step ${failure.steps.length} answered $status; the run saw ${seen}"`,
          'fi',
        ];
  return `${[...header, ...body, ...verdict].join('\n')}\n`;

  function credentialVariable(authorization: string): string {
    const mask = authorization.startsWith(MASK_PREFIX) ? authorization : maskSecret(authorization);
    if (mask === configuredMask) return 'LD_ACCESS_TOKEN';
    // The latest secret with that mask: a reset's new secret wins over the one it replaced only if later.
    const bound = [...secrets].reverse().find((binding) => binding.recorded === mask);
    if (bound) return bound.variable;
    const name = issued.nameOf(authorization);
    unbound.add(name);
    return name;
  }
}

/** Binds the id and secret a create or reset answered with, for the later steps; a created token is deleted at the end. */
function bindFrom(exchange: HttpExchange, step: number, ids: Binding[], secrets: Binding[]): string[] {
  const { operationId, response } = exchange;
  if (response.status < 200 || response.status >= 300) return [];
  if (operationId !== 'postToken' && operationId !== 'resetToken') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.bodyText);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const { _id: id, token } = parsed as { _id?: unknown; token?: unknown };
  const lines: string[] = [];
  if (operationId === 'postToken' && typeof id === 'string' && id !== '' && !ids.some((b) => b.recorded === id)) {
    const variable = `ID_${ids.length + 1}`;
    ids.push({ variable, recorded: id });
    lines.push(`${variable}=$(field _id)`, `if [ -n "$${variable}" ]; then created+=("$${variable}"); fi`);
  }
  if (typeof token === 'string' && token !== '') {
    const variable = `SECRET_${step}`;
    secrets.push({ variable, recorded: maskSecret(token) });
    lines.push(`${variable}=$(field token)`);
  }
  return lines;
}

/** The request's URL with the run's origin replaced by `$LD_BASE_URL`. */
function urlFromBase(url: string): string {
  try {
    const parsed = new URL(url);
    return `\u0000BASE\u0000${url.slice(parsed.origin.length)}`;
  } catch {
    return url;
  }
}

/**
 * One shell word: literal text single-quoted, each bound id as its variable, `$LD_BASE_URL` for the origin; what
 * is left goes through redactSecrets (a secret nobody bound shows as its mask, never whole).
 */
function withVariables(text: string, ids: readonly Binding[]): string {
  const parts: string[] = [];
  const pattern = new RegExp(['\u0000BASE\u0000', ...ids.map((b) => escapeRegExp(b.recorded))].join('|'), 'g');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    if (start > last) parts.push(quoteForShell(redactSecrets(text.slice(last, start))));
    const variable = match[0] === '\u0000BASE\u0000' ? 'LD_BASE_URL' : ids.find((b) => b.recorded === match[0])?.variable;
    parts.push(`"$${variable ?? ''}"`);
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(quoteForShell(redactSecrets(text.slice(last))));
  return parts.join('') || "''";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}
