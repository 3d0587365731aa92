import { expect, test } from '@playwright/test';
import { AUTHZ_IDENTITIES, type AuthzCellRecord } from '../../../src/domain/authz-matrix';
import { renderAuthzGrid } from '../../../src/coverage/render-authz-grid';

const DENIED: AuthzCellRecord = { identity: 'reader', operation: 'patchToken', target: 'own', verdict: 'denied', status: 403, rule: 'B5' };
const BREACH: AuthzCellRecord = { ...DENIED, verdict: 'allowed', status: 200, breach: true };
const INCONCLUSIVE: AuthzCellRecord = {
  identity: 'writer',
  operation: 'deleteToken',
  target: 'other-member',
  verdict: 'inconclusive',
  status: null,
  rule: null,
  note: 'LD_OTHER_MEMBER_TOKEN is not set',
};

test.describe('renderAuthzGrid', () => {
  const rows: { given: string; cells: AuthzCellRecord[]; want: string[]; wantNot?: string[] }[] = [
    { given: 'no cells (the matrix did not run)', cells: [], want: [] },
    { given: 'a denied cell', cells: [DENIED], want: ['id="authz"', 'class="authz-denied"', 'denied 403 <small>B5</small>', 'denied: 1'] },
    { given: 'a breach', cells: [BREACH], want: ['class="authz-breach"', '✘ allowed 200', '✘ 1 breach(es)'] },
    {
      given: 'an inconclusive cell shows its reason',
      cells: [INCONCLUSIVE],
      want: ['class="authz-inconclusive"', 'title="LD_OTHER_MEMBER_TOKEN is not set"', 'inconclusive: 1'],
      wantNot: ['breach(es)'],
    },
    { given: 'cells the run did not reach', cells: [DENIED], want: ['<td class="authz-none">–</td>'] },
  ];
  for (const { given, cells, want, wantNot } of rows) {
    test(given, () => {
      const html = renderAuthzGrid(cells);
      if (want.length === 0) expect(html).toBe('');
      for (const piece of want) expect(html).toContain(piece);
      for (const piece of wantNot ?? []) expect(html).not.toContain(piece);
    });
  }
  test('one column per target for the id operations, one for getTokens and postToken: 14 columns', () => {
    const html = renderAuthzGrid([DENIED]);
    // One row per identity: the three built-in roles, a custom-role and an inline-policy token (5 × 14 cells).
    expect(html.match(/<td /g)).toHaveLength(AUTHZ_IDENTITIES.length * 14);
    expect(AUTHZ_IDENTITIES).toHaveLength(5);
  });
});
