import { expect, test } from '@playwright/test';
import { normaliseResponse, type NormaliseInput } from '../../../src/differential/normalise';
import { SideBindings } from '../../../src/differential/side-bindings';

const ID = '65a1b2c3d4e5f60718293a4b';

function side(): SideBindings {
  const s = new SideBindings('ldct-run1-a');
  s.bind('$t1', ID);
  return s;
}

function input(partial: Partial<NormaliseInput>): NormaliseInput {
  return { operationId: 'getToken', status: 200, headers: {}, body: undefined, side: side(), ...partial };
}

test.describe('normaliseResponse', () => {
  const cases: { given: string; input: Partial<NormaliseInput>; want: { headers?: Record<string, string>; body?: unknown } }[] = [
    {
      given: 'a bound id, member ids, timestamps, the name prefix',
      input: { body: { _id: ID, ownerId: 'm1', memberId: 'm2', creationDate: 1, lastModified: 2, name: 'ldct-run1-a-d1' } },
      want: {
        body: {
          _id: '$t1',
          ownerId: '<member-id>',
          memberId: '<member-id>',
          creationDate: '<timestamp>',
          lastModified: '<timestamp>',
          name: '$run-d1',
        },
      },
    },
    { given: 'an id not bound on this side', input: { body: { _id: 'other' } }, want: { body: { _id: '<id>' } } },
    { given: 'a whole secret', input: { body: { token: 'api-0123456789abcdef' } }, want: { body: { token: '<secret>' } } },
    { given: 'the last four', input: { body: { token: 'cdef' } }, want: { body: { token: '<last4>' } } },
    {
      given: 'ids inside _links hrefs, token and member',
      input: {
        body: {
          _links: { self: { href: `/api/v2/tokens/${ID}` }, other: { href: '/api/v2/tokens/ffffffffffffffffffffffff?x=1' } },
          _member: { _id: 'zz9', _links: { self: { href: '/api/v2/members/zz9' } } },
        },
      },
      want: {
        body: {
          _links: { self: { href: '/api/v2/tokens/$t1' }, other: { href: '/api/v2/tokens/<id>?x=1' } },
          _member: { _id: '<member-id>', _links: { self: { href: '/api/v2/members/<member-id>' } } },
        },
      },
    },
    {
      given: "an error's own id",
      input: { status: 404, body: { code: 'not_found', message: 'gone', id: 'e-123' } },
      want: { body: { code: 'not_found', message: 'gone', id: '<error-id>' } },
    },
    {
      given: 'Date, rate-limit and framing headers dropped, the others kept lower-cased',
      input: {
        headers: {
          Date: 'x',
          'X-Ratelimit-Reset': '1',
          'x-ratelimit-route-remaining': '3',
          'retry-after': '1',
          'content-length': '9',
          'Content-Type': 'application/json',
        },
      },
      want: { headers: { 'content-type': 'application/json' } },
    },
    {
      given: "getTokens: only this run's items, in name order, totalCount as <count>",
      input: {
        operationId: 'getTokens',
        body: {
          items: [{ name: 'ldct-run1-a-d2' }, { name: 'someone-else' }, { name: 'ldct-run1-a-d1' }, { name: 'ldct-run1-a2-d1' }],
          totalCount: 4,
        },
      },
      want: { body: { items: [{ name: '$run-d1' }, { name: '$run-d2' }], totalCount: '<count>' } },
    },
    {
      given: 'a number timestamp only: a string where a timestamp belongs stays visible',
      input: { body: { creationDate: '1700000000000' } },
      want: { body: { creationDate: '1700000000000' } },
    },
  ];
  for (const { given, input: partial, want } of cases) {
    test(given, () => {
      const out = normaliseResponse(input(partial));
      if (want.headers !== undefined) expect(out.headers).toEqual(want.headers);
      if (want.body !== undefined) expect(out.body).toEqual(want.body);
    });
  }
});
