import { AUTHZ_IDENTITIES, AUTHZ_TARGETS, type AuthzCellRecord, type AuthzTarget } from '../domain/authz-matrix';
import { OPERATION_IDS, OPERATIONS } from '../domain/operations';
import { escapeHtml } from './escape-html';

/**
 * coverage.html's authorization grid: identities (rows) × operations × targets (columns), each cell what the
 * server answered — allowed, denied — or why it was not judged (observed: no rule decides; inconclusive: not sent,
 * e.g. a write to another member's token without LD_OTHER_MEMBER_TOKEN). The columns come from the operations'
 * traits, like the matrix itself; a cell the run did not reach shows "–".
 */
export function renderAuthzGrid(cells: readonly AuthzCellRecord[]): string {
  if (cells.length === 0) return '';
  const columns = OPERATION_IDS.flatMap((operation) =>
    (OPERATIONS[operation].takesId ? [...AUTHZ_TARGETS] : ['collection' as const]).map((target) => ({ operation, target })),
  );
  const head1 = OPERATION_IDS.map((op) => `<th colspan="${OPERATIONS[op].takesId ? AUTHZ_TARGETS.length : 1}">${escapeHtml(op)}</th>`).join(
    '',
  );
  const head2 = columns.map((c) => `<th>${TARGET_LABEL[c.target]}</th>`).join('');
  const rows = AUTHZ_IDENTITIES.map((identity) => {
    const tds = columns.map(({ operation, target }) => {
      const cell = cells.find((c) => c.identity === identity && c.operation === operation && c.target === target);
      return cell ? renderCell(cell) : '<td class="authz-none">–</td>';
    });
    return `<tr><th scope="row">${escapeHtml(identity)}</th>${tds.join('')}</tr>`;
  });
  const counts = (['allowed', 'denied', 'observed', 'inconclusive'] as const)
    .map((v) => `<span class="authz-${v}">${v}: ${cells.filter((c) => c.verdict === v).length}</span>`)
    .join(' ');
  const breaches = cells.filter((c) => c.breach).length;
  return `<h2>Authorization matrix</h2>
<p>Who may do what (rules B1, B2, B4–B6; tests/access-tokens/authz.spec.ts): the server's answer per identity, operation and target. <b>observed</b>: no rule decides, shown and never judged; <b>inconclusive</b>: not sent, with the reason; ✘: not the answer its rule expects.</p>
<p class="legend">${counts}${breaches ? ` <span class="authz-breach">✘ ${breaches} breach(es)</span>` : ''}</p>
<table class="matrix authz" id="authz"><thead><tr><th rowspan="2">identity</th>${head1}</tr><tr>${head2}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const TARGET_LABEL: Record<AuthzTarget, string> = {
  own: 'own',
  'same-member': 'member',
  'other-member': 'other member',
  collection: '—',
};

function renderCell(cell: AuthzCellRecord): string {
  const title = [cell.rule ? `rule ${cell.rule}` : '', cell.note ?? ''].filter(Boolean).join(': ');
  const status = cell.status === null ? '' : ` ${cell.status}`;
  const mark = cell.breach ? '✘ ' : '';
  const cls = cell.breach ? 'authz-breach' : `authz-${cell.verdict}`;
  return `<td class="${cls}" title="${escapeHtml(title)}">${mark}${cell.verdict}${status}${cell.rule ? ` <small>${escapeHtml(cell.rule)}</small>` : ''}</td>`;
}

export const AUTHZ_GRID_CSS = `td.authz-allowed,span.authz-allowed{background:#dafbe1;color:#116329}
td.authz-denied,span.authz-denied{background:#ddf4ff;color:#0a3069}
td.authz-observed,span.authz-observed{background:#f6f8fa;color:#656d76}
td.authz-inconclusive,span.authz-inconclusive{background:#fff8c5;color:#7d4e00}
td.authz-breach,span.authz-breach{background:#ffebe9;color:#a40e26;font-weight:600}
td.authz-none{color:#afb8c1}`;
