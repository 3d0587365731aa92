/**
 * The README's "Reading a failure" section: three broken getToken responses, judged by the real
 * contract checks and rendered by the real renderer, so the documentation shows what a person
 * actually reads — never a hand-typed imitation that drifts from the code.
 */
import { checkExchange, renderContractReport } from '../contract';
import type { HttpExchange } from '../contract/exchange';

const TOKEN = {
  _id: '61095542756dba551110ae21',
  ownerId: '569f514156e003339cfd3917',
  memberId: '569f514183f2164430000002',
  name: 'ldct-1a2b3c-reader',
  role: 'reader',
  token: 'ae21',
  creationDate: 1628001602644,
  lastModified: 1628001602644,
  _links: {
    parent: { href: '/api/v2/tokens', type: 'application/json' },
    self: { href: '/api/v2/tokens/61095542756dba551110ae21', type: 'application/json' },
  },
};

function getTokenExchange(status: number, body: unknown): HttpExchange {
  return {
    operationId: 'getToken',
    request: { method: 'GET', url: 'http://127.0.0.1:4010/api/v2/tokens/61095542756dba551110ae21', headers: {} },
    response: { status, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) },
  };
}

const { _id: _dropped, ...tokenWithoutId } = TOKEN;

export const FAILURE_EXAMPLES: { title: string; exchange: HttpExchange }[] = [
  { title: 'A wrong type: `creationDate` sent as a string', exchange: getTokenExchange(200, { ...TOKEN, creationDate: 'yesterday' }) },
  { title: 'A missing required field: no `_id`', exchange: getTokenExchange(200, tokenWithoutId) },
  { title: 'An undocumented status: 418 on getToken', exchange: getTokenExchange(418, { code: 'teapot', message: "I'm a teapot" }) },
];

export function renderFailureExamplesMarkdown(examples: readonly { title: string; exchange: HttpExchange }[] = FAILURE_EXAMPLES): string {
  return examples.map(({ title, exchange }) => {
    const report = checkExchange(exchange, { strict: false });
    if (report.ok) throw new Error(`failure example "${title}" passed the contract checks: the example is wrong`);
    return `**${title}**\n\n\`\`\`text\n${renderContractReport(report, exchange)}\n\`\`\``;
  }).join('\n\n');
}
