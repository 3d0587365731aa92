import { test } from '../fixtures';
import { AUTHZ_IDENTITIES, authzCellsFor, type AuthzIdentity } from '../../src/domain/authz-matrix';
import type { RuleId } from '../../src/domain/rules';
import { runAuthzRow } from '../support/authz-matrix';
import { writes } from '../support/rules';

/**
 * The authorization matrix (@authz): each identity the suite mints (reader, writer, admin, and a custom-role and an
 * inline-policy token, whose cells no rule decides: observed and shown, never judged) × the six operations ×
 * the caller's own token, another token of its member and another member's token. The cells and what rules B1, B2,
 * B4, B5 and B6 decide for each come from src/domain/authz-matrix.ts; one test per identity (its row), each with
 * its own tokens, so rows run in parallel. Another member's token is made with LD_OTHER_MEMBER_TOKEN (the embedded
 * run provides it); without it, the reads use one found with showAll=true and the writes are inconclusive.
 */

function rulesOf(identity: AuthzIdentity): RuleId[] {
  return [...new Set(authzCellsFor(identity).flatMap((cell) => (cell.expectation.kind === 'observed' ? [] : [cell.expectation.rule])))];
}

test.describe('authorization matrix', () => {
  for (const identity of AUTHZ_IDENTITIES) {
    const details = writes(...rulesOf(identity));
    test(
      `authorization matrix: ${/^[aeiou]/.test(identity) ? 'an' : 'a'} ${identity} token × every operation × its own, its member's and another member's token`,
      { ...details, tag: [...details.tag, '@authz'] },
      async ({ api, tokens, suiteConfig }) => {
        const otherMember = suiteConfig.otherMemberToken ? api.withToken(suiteConfig.otherMemberToken) : null;
        await runAuthzRow({ admin: api, tokens, otherMember }, identity);
      },
    );
  }
});
