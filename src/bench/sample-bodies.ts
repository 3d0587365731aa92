/**
 * Realistic response bodies for the validation micro-benchmark: what the reference server and LaunchDarkly
 * return (every optional field the spec names filled in, a `_member`, an inline role), so the timing is that
 * of a real response, not of a minimal object that skips most of the schema.
 */

const OWNER_ID = '569f514156e003339cfd3917';
const MEMBER_ID = '569f514183f2164430000002';

export function sampleToken(index = 0): Record<string, unknown> {
  const id = (0x61095542756dba551110ae21n + BigInt(index)).toString(16).padStart(24, '0');
  const created = 1_628_001_602_644 + index * 1000;
  return {
    _id: id,
    ownerId: OWNER_ID,
    memberId: MEMBER_ID,
    _member: {
      _links: { self: { href: `/api/v2/members/${MEMBER_ID}`, type: 'application/json' } },
      _id: MEMBER_ID,
      firstName: 'Ariel',
      lastName: 'Flores',
      role: 'admin',
      email: 'ariel@acme.com',
    },
    name: `ldct-bench-run-${index} reader token`,
    description: 'A reader token used in testing and examples',
    creationDate: created,
    lastModified: created + 250,
    customRoleIds: [],
    inlineRole: [
      { effect: 'allow', resources: ['proj/*:env/*;qa_*:/flag/*'], actions: ['*'] },
      { effect: 'deny', resources: ['proj/*:env/production:/flag/*'], actions: ['updateOn', 'updateOff'] },
    ],
    role: 'reader',
    token: 'ab12',
    serviceToken: false,
    _links: {
      parent: { href: '/api/v2/tokens', type: 'application/json' },
      self: { href: `/api/v2/tokens/${id}`, type: 'application/json' },
    },
    defaultApiVersion: 20240415,
    lastUsed: 0,
  };
}

/** A full default page of getTokens (limit 25). */
export function sampleTokensPage(size = 25): Record<string, unknown> {
  return {
    items: Array.from({ length: size }, (_, i) => sampleToken(i)),
    _links: {
      self: { href: '/api/v2/tokens?limit=25&offset=0', type: 'application/json' },
      next: { href: '/api/v2/tokens?limit=25&offset=25', type: 'application/json' },
    },
    totalCount: size,
  };
}

export function sampleErrorBody(): Record<string, unknown> {
  return { code: 'not_found', message: 'Invalid resource identifier', id: '0b2fbb6c-9a5f-4c55-8f52-3d3b0b3c2a11' };
}
