import { expect } from '../../src/contract';
import { assertProvingValue, type HonouredField } from './field-defaults';
import type { AccessTokenPost, TokenRep } from '../../src/session/token-types';

/**
 * The one way a test checks that a server honoured fields it was sent (C1 on create, E1 after a patch).
 * Before comparing, each value sent is checked to be one no server picks by itself (field-defaults.ts): a
 * test that sends the default throws UnprovingValueError instead of passing against a server that ignores it.
 * tests/unit/suite-support/field-defaults.spec.ts fails when a spec compares a token field by hand instead.
 */
export function expectHonoured(
  token: TokenRep,
  sent: AccessTokenPost,
  fields: readonly HonouredField[],
  where: string,
  before?: TokenRep,
): void {
  for (const field of fields) {
    const value = sent[field];
    if (value === undefined) throw new Error(`${where}: expectHonoured(${field}) but the body sent has no ${field}`);
    // `before`: the token as it was before a patch; a patch to the value it already had proves nothing either.
    assertProvingValue(field, value, where, before === undefined ? undefined : { value: before[field] });
    const shown = token[field];
    if (field === 'inlineRole') {
      // A server may add statement fields of its own; every statement sent must be there, in order.
      expect.soft(shown, `${where}: inlineRole shows every statement sent`).toMatchObject(value as unknown[]);
    } else if (field === 'customRoleIds' && Array.isArray(shown)) {
      // A set for clients (Terraform keeps custom roles in a set): order is not part of the promise.
      expect.soft([...(shown as string[])].sort(), `${where}: customRoleIds are the ids sent`).toEqual([...(value as string[])].sort());
    } else {
      expect.soft(shown, `${where}: ${field} is the value sent`).toEqual(value);
    }
  }
}
