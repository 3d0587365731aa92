import { test, expect } from '@playwright/test';
import { startReferenceServer } from '../../../src/server';
import { FAULT_IDS, FAULTS, type FaultId } from '../../../src/server/faults';
import { asToken, asTokens, RefApi, type TokenBody } from './support/ref-api';

/**
 * Each fault actually changes behaviour: a table of fault id → a probe (a short request
 * sequence returning one observable value) → the value a clean server gives. The probe runs
 * against a clean server (which must give that value, its responses checked against the
 * contract) and against a server with only that fault switched on (which must not).
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Create without insisting on 201: some faults change the status on purpose. */
async function mk(api: RefApi, body: Record<string, unknown> = {}): Promise<TokenBody> {
  return asToken(await api.postToken({ name: 'probe', role: 'writer', ...body }));
}

async function mkMany(api: RefApi, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await mk(api, { name: `probe-${i}` });
}

type Probe = (api: RefApi) => Promise<unknown>;

const UNKNOWN_SECRET = 'api-00000000-0000-4000-8000-000000000000';

const PROBES: Record<FaultId, { probe: Probe; clean: unknown }> = {
  // schema
  'token-missing-id': { probe: async (api) => '_id' in (await mk(api)), clean: true },
  'token-missing-member-id': { probe: async (api) => 'memberId' in (await mk(api)), clean: true },
  'tokens-items-not-array': { probe: async (api) => Array.isArray(asTokens(await api.getTokens()).items), clean: true },
  'error-missing-message': {
    probe: async (api) => typeof ((await api.getToken('nope')).json as { message?: unknown }).message,
    clean: 'string',
  },
  'links-self-as-string': { probe: async (api) => typeof (await mk(api))._links.self, clean: 'object' },
  'member-email-missing': { probe: async (api) => typeof (await mk(api))._member?.email, clean: 'string' },
  'inline-role-missing-effect': {
    probe: async (api) => (await mk(api, { inlineRole: [{ effect: 'allow', actions: ['*'] }] })).inlineRole[0]?.effect,
    clean: 'allow',
  },
  'creation-date-iso-string': { probe: async (api) => typeof (await mk(api)).creationDate, clean: 'number' },

  // status
  'post-token-200': { probe: async (api) => (await api.postToken({ name: 'x', role: 'reader' })).status, clean: 201 },
  'delete-token-200-with-body': {
    probe: async (api) => {
      const r = await api.deleteToken((await mk(api))._id);
      return `${r.status}:${r.text.length > 0}`;
    },
    clean: '204:false',
  },
  'patch-token-204': {
    probe: async (api) => (await api.patchToken((await mk(api))._id, [{ op: 'replace', path: '/name', value: 'p' }])).status,
    clean: 200,
  },
  'reset-token-201': { probe: async (api) => (await api.resetToken((await mk(api))._id)).status, clean: 200 },
  'show-all-418': { probe: async (api) => (await api.getTokens('?showAll=true')).status, clean: 200 },
  'reset-past-expiry-500': {
    probe: async (api) => {
      const t = await mk(api);
      return (await api.resetToken(t._id, t.lastModified - 60_000)).status;
    },
    clean: 200,
  },
  'malformed-id-400': { probe: async (api) => (await api.getToken('not-an-object-id')).status, clean: 404 },
  'lone-surrogate-name-500': { probe: async (api) => (await api.postToken({ name: 'probe-\ud800', role: 'reader' })).status, clean: 201 },
  'malformed-json-500': { probe: async (api) => (await api.postToken(undefined, { rawBody: '{"name":' })).status, clean: 400 },

  // auth
  'auth-no-header-accepted': { probe: async (api) => (await api.as(null).getTokens()).status, clean: 401 },
  'auth-unknown-token-accepted': { probe: async (api) => (await api.as(UNKNOWN_SECRET).getTokens()).status, clean: 401 },
  'auth-deleted-token-accepted': {
    probe: async (api) => {
      const t = await mk(api);
      await api.deleteToken(t._id);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 401,
  },
  'auth-reset-old-secret-alive': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 401,
  },
  'auth-expired-secret-accepted': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id, t.lastModified + 300);
      await sleep(450);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 401,
  },
  'auth-reader-can-post': {
    probe: async (api) => (await api.as((await mk(api, { role: 'reader' })).token).postToken({ name: 'x', role: 'reader' })).status,
    clean: 403,
  },
  'auth-bearer-scheme-500': { probe: async (api) => (await api.as(`Bearer ${(await mk(api)).token}`).getTokens()).status, clean: 401 },
  'auth-secret-case-insensitive': {
    probe: async (api) => (await api.as((await mk(api)).token.toUpperCase()).getTokens()).status,
    clean: 401,
  },
  'auth-show-all-for-non-admin': {
    probe: async (api) =>
      new Set(asTokens(await api.as((await mk(api, { role: 'reader' })).token).getTokens('?showAll=true')).items.map((t) => t.memberId))
        .size,
    clean: 1,
  },
  'authz-writer-mints-admin': {
    // B4: postToken for the admin role, then a patch of the writer itself to admin.
    probe: async (api) => {
      const writer = api.as((await mk(api, { role: 'writer' })).token);
      const me = asToken(await writer.postToken({ name: 'x', role: 'reader' }));
      return [
        (await writer.postToken({ name: 'x', role: 'admin' })).status,
        (await writer.patchToken(me._id, [{ op: 'replace', path: '/role', value: 'admin' }])).status,
      ];
    },
    clean: [403, 403],
  },
  'authz-reader-changes-itself': {
    // B5: the reader patches, then resets itself (its own id).
    probe: async (api) => {
      const created = await mk(api, { role: 'reader' });
      const reader = api.as(created.token);
      return [
        (await reader.patchToken(created._id, [{ op: 'replace', path: '/name', value: 'mine' }])).status,
        (await reader.resetToken(created._id)).status,
      ];
    },
    clean: [403, 403],
  },
  'authz-other-member-readable': {
    // B6: a writer reads a token of another member (found by the admin with showAll=true) by its id.
    probe: async (api) => {
      const writer = await mk(api, { role: 'writer' });
      const others = asTokens(await api.getTokens('?showAll=true')).items.filter((t) => t.memberId !== writer.memberId);
      return (await api.as(writer.token).getToken(others[0]?._id ?? 'none')).status;
    },
    clean: 404,
  },

  // secrecy
  'secret-in-get-token': { probe: async (api) => asToken(await api.getToken((await mk(api))._id)).token.length, clean: 4 },
  'secret-in-get-tokens': {
    probe: async (api) => {
      const t = await mk(api);
      return (await api.getTokens('?limit=100')).text.includes(t.token);
    },
    clean: false,
  },
  'create-returns-last4': { probe: async (api) => (await mk(api)).token.length, clean: 40 },
  'reset-returns-old-secret': {
    probe: async (api) => {
      const t = await mk(api);
      return asToken(await api.resetToken(t._id)).token === t.token;
    },
    clean: false,
  },
  'patch-422-echoes-secret': {
    probe: async (api) => {
      const t = await mk(api);
      const r = await api.patchToken(t._id, [{ op: 'test', path: '/name', value: 'not the name' }]);
      return `${r.status}:${r.text.includes(t.token)}`;
    },
    clean: '422:false',
  },
  'reset-returns-last4': { probe: async (api) => asToken(await api.resetToken((await mk(api))._id)).token.length, clean: 40 },

  // semantics
  'patch-ignored': {
    probe: async (api) => {
      const t = await mk(api);
      await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'after' }]);
      return asToken(await api.getToken(t._id)).name;
    },
    clean: 'after',
  },
  'patch-partially-applied': {
    probe: async (api) => {
      const t = await mk(api, { name: 'before' });
      await api.patchToken(t._id, [
        { op: 'replace', path: '/name', value: 'half' },
        { op: 'replace', path: '/role', value: 'owner' },
      ]);
      return asToken(await api.getToken(t._id)).name;
    },
    clean: 'before',
  },
  'patch-last-modified-frozen': {
    probe: async (api) => {
      const t = await mk(api);
      return asToken(await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'moved' }])).lastModified > t.lastModified;
    },
    clean: true,
  },
  'reset-keeps-secret': {
    probe: async (api) => {
      const t = await mk(api);
      return asToken(await api.resetToken(t._id)).token !== t.token;
    },
    clean: true,
  },
  'reset-expiry-ignored': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id, t.lastModified + 60_000);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 200,
  },
  'reset-expiry-other-clock': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id, t.lastModified + 300);
      await sleep(450);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 401,
  },
  'delete-not-deleting': {
    probe: async (api) => {
      const t = await mk(api);
      await api.deleteToken(t._id);
      return (await api.getToken(t._id)).status;
    },
    clean: 404,
  },
  // issue 13: ignored fields get the server's own fill-in
  'ignored-name': { probe: async (api) => (await mk(api, { name: 'sent' })).name, clean: 'sent' },
  'ignored-role': { probe: async (api) => (await mk(api, { role: 'writer' })).role, clean: 'writer' },
  'ignored-custom-role-ids': { probe: async (api) => (await mk(api, { customRoleIds: ['c1'] })).customRoleIds, clean: ['c1'] },
  'ignored-inline-role': {
    probe: async (api) => (await mk(api, { inlineRole: [{ effect: 'deny', actions: ['*'] }] })).inlineRole.length,
    clean: 1,
  },
  'ignored-service-token': { probe: async (api) => (await mk(api, { serviceToken: true })).serviceToken, clean: true },
  'ignored-default-api-version': {
    probe: async (api) => (await mk(api, { defaultApiVersion: 20160426 })).defaultApiVersion,
    clean: 20160426,
  },
  'ignored-limit': {
    probe: async (api) => {
      await mkMany(api, 3);
      return asTokens(await api.getTokens('?limit=2')).items.length;
    },
    clean: 2,
  },
  'offset-ignored': {
    probe: async (api) => {
      await mkMany(api, 3);
      const first = asTokens(await api.getTokens('?limit=2&offset=0')).items.map((t) => t._id);
      const second = asTokens(await api.getTokens('?limit=2&offset=2')).items.map((t) => t._id);
      return second.filter((id) => first.includes(id)).length;
    },
    clean: 0,
  },

  'list-order-unstable': {
    probe: async (api) => {
      await mkMany(api, 5);
      const order = async (): Promise<string> =>
        asTokens(await api.getTokens('?limit=100'))
          .items.map((t) => t._id)
          .join(',');
      return (await order()) === (await order());
    },
    clean: true,
  },
  'limit-zero-whole-list': {
    probe: async (api) => {
      await mkMany(api, 30);
      return asTokens(await api.getTokens('?limit=0')).items.length <= 25;
    },
    clean: true,
  },
  'limit-ignored': {
    probe: async (api) => {
      await mkMany(api, 3);
      return asTokens(await api.getTokens('?limit=2')).items.length;
    },
    clean: 2,
  },
  'list-omits-newest': {
    probe: async (api) => {
      const t = await mk(api);
      return asTokens(await api.getTokens('?limit=100')).items.some((i) => i._id === t._id);
    },
    clean: true,
  },
  'total-count-page-size': {
    probe: async (api) => {
      await mkMany(api, 3);
      return asTokens(await api.getTokens('?limit=2')).totalCount;
    },
    clean: 4,
  },
  'echo-description-dropped': { probe: async (api) => (await mk(api, { description: 'kept' })).description, clean: 'kept' },

  // protocol
  'content-type-text-plain': {
    probe: async (api) => (await api.getTokens()).headers['content-type'],
    clean: 'application/json; charset=utf-8',
  },
  'invalid-json-get-token': { probe: async (api) => (await api.getToken((await mk(api))._id)).json !== undefined, clean: true },
  'rate-limit-429-without-headers': {
    probe: async (api) => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await api.getTokens()).status);
      return statuses.filter((s) => s === 429).length;
    },
    clean: 0,
  },
  'api-version-header-ignored': {
    // 26 tokens of one member, read by a 20220603 token asking for 20240415: a default page of 25, unless the
    // header is ignored and the token's old version (no default page size) answers all 27.
    probe: async (api) => {
      await mkMany(api, 25);
      const old = await mk(api, { defaultApiVersion: 20220603 });
      return asTokens(await api.as(old.token).getTokens('', { headers: { 'LD-API-Version': '20240415' } })).items.length;
    },
    clean: 25,
  },
  'rate-limit-reset-seconds': { probe: async (api) => (await api.getTokens()).headers['x-ratelimit-reset']?.length, clean: 13 },
  'rate-limit-remaining-negative': {
    probe: async (api) => Number((await api.getTokens()).headers['x-ratelimit-global-remaining']) >= 0,
    clean: true,
  },
  'rate-limit-retry-after-disagrees': {
    // Among twelve requests, the 429s whose Retry-After names a moment more than a window away from their reset.
    probe: async (api) => {
      let disagreeing = 0;
      for (let i = 0; i < 12; i += 1) {
        const r = await api.getTokens();
        const date = Date.parse(r.headers.date ?? '');
        const retryAt = date + Number(r.headers['retry-after']) * 1000;
        if (r.status === 429 && Math.abs(retryAt - Number(r.headers['x-ratelimit-reset'])) > 12_000) disagreeing += 1;
      }
      return disagreeing;
    },
    clean: 0,
  },
  // explore (issue 11): input- and sequence-dependent
  'post-non-ascii-name-500': { probe: async (api) => (await api.postToken({ name: 'probe-é', role: 'reader' })).status, clean: 201 },
  'description-cut-at-100': { probe: async (api) => (await mk(api, { description: 'd'.repeat(150) })).description?.length, clean: 150 },
  'empty-description-dropped': { probe: async (api) => (await mk(api, { description: '' })).description, clean: '' },
  'patch-test-array-fails': {
    probe: async (api) => {
      const t = await mk(api, { customRoleIds: ['a'] });
      return (await api.patchToken(t._id, [{ op: 'test', path: '/customRoleIds', value: ['a'] }])).status;
    },
    clean: 200,
  },
  'patch-remove-statement-500': {
    probe: async (api) => {
      const t = await mk(api, { inlineRole: [{ effect: 'allow', actions: ['*'] }] });
      return (await api.patchToken(t._id, [{ op: 'remove', path: '/inlineRole/0' }])).status;
    },
    clean: 200,
  },
  'delete-patched-secret-alive': {
    probe: async (api) => {
      const t = await mk(api);
      await sleep(5);
      await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'patched' }]);
      await api.deleteToken(t._id);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 401,
  },
  'statement-negations-dropped': {
    probe: async (api) =>
      (await mk(api, { inlineRole: [{ effect: 'deny', notActions: ['deleteFlag'], notResources: ['proj/x'] }] })).inlineRole[0],
    clean: { effect: 'deny', notActions: ['deleteFlag'], notResources: ['proj/x'] },
  },
  'limit-over-100-500': { probe: async (api) => (await api.getTokens('?limit=101')).status, clean: 200 },
  'patch-non-ascii-description-500': {
    probe: async (api) => (await api.patchToken((await mk(api))._id, [{ op: 'add', path: '/description', value: 'café' }])).status,
    clean: 200,
  },
  'reset-far-expiry-500': {
    probe: async (api) => {
      const t = await mk(api);
      return (await api.resetToken(t._id, t.lastModified + 30 * 24 * 3_600_000)).status;
    },
    clean: 200,
  },
  'patch-add-index-appends': {
    probe: async (api) => {
      const t = await mk(api, { customRoleIds: ['a', 'b'] });
      return asToken(await api.patchToken(t._id, [{ op: 'add', path: '/customRoleIds/0', value: 'z' }])).customRoleIds;
    },
    clean: ['z', 'a', 'b'],
  },
  'patch-many-ops-drops-last': {
    probe: async (api) => {
      const t = await mk(api);
      const ops = [
        { op: 'replace', path: '/name', value: 'n' },
        { op: 'add', path: '/description', value: 'd' },
        { op: 'replace', path: '/description', value: 'last' },
      ];
      return asToken(await api.patchToken(t._id, ops)).description;
    },
    clean: 'last',
  },
  'reset-again-old-secret-alive': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id);
      const second = asToken(await api.resetToken(t._id)).token;
      await api.resetToken(t._id);
      return (await api.as(second).getTokens()).status;
    },
    clean: 401,
  },
  'reset-revokes-expiring-secrets': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id, t.lastModified + 3_600_000);
      await api.resetToken(t._id);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 200,
  },
  'list-stale-after-patch': {
    probe: async (api) => {
      const t = await mk(api);
      await api.patchToken(t._id, [{ op: 'replace', path: '/name', value: 'patched' }]);
      return asTokens(await api.getTokens('?limit=100')).items.find((item) => item._id === t._id)?.name;
    },
    clean: 'patched',
  },

  'get-token-hangs': {
    probe: async (api) => {
      const id = (await mk(api))._id;
      return api.getToken(id, { timeoutMs: 1500 }).then(
        (r) => r.status,
        () => 'no answer',
      );
    },
    clean: 200,
  },

  // issue 17: faults an old leniency let through
  'html-error-page': {
    probe: async (api) => (await api.getToken('000000000000000000000000')).headers['content-type'],
    clean: 'application/json; charset=utf-8',
  },
  // The probe's first request is the server's first API request.
  'first-request-500': { probe: async (api) => (await api.getTokens()).status, clean: 200 },
  'gateway-503-get-token': { probe: async (api) => (await api.getToken((await mk(api))._id)).status, clean: 200 },
  'method-override-ignored': { probe: async (api) => (await deleteByOverride(api, (await mk(api))._id)).status, clean: 204 },
  'method-override-500': { probe: async (api) => (await deleteByOverride(api, (await mk(api))._id)).status, clean: 204 },
  'no-date-header': { probe: async (api) => typeof (await api.getTokens()).headers.date, clean: 'string' },
  'reset-expiry-ignored-late-date': {
    probe: async (api) => {
      const t = await mk(api);
      await api.resetToken(t._id, t.lastModified + 60_000);
      return (await api.as(t.token).getTokens()).status;
    },
    clean: 200,
  },
  'list-never-ends': {
    probe: async (api) => {
      await mkMany(api, 2);
      return asTokens(await api.getTokens('?limit=25&offset=1000')).items.length;
    },
    clean: 0,
  },
  'list-empty-for-caller': { probe: async (api) => asTokens(await api.getTokens()).items.length > 0, clean: true },
  'patch-token-hangs': {
    probe: async (api) => {
      const id = (await mk(api))._id;
      const answer = await api.patchToken(id, [{ op: 'replace', path: '/name', value: 'hung' }], { timeoutMs: 1500 }).then(
        (r) => r.status,
        () => 'no answer',
      );
      // The change is stored all the same: the write had its effect, only the answer never came.
      return `${String(answer)}, stored name ${asToken(await api.getToken(id)).name}`;
    },
    clean: '200, stored name hung',
  },
  'reset-token-hangs': {
    probe: async (api) => {
      const t = await mk(api);
      const answer = await api.resetToken(t._id, undefined, { timeoutMs: 1500 }).then(
        (r) => r.status,
        () => 'no answer',
      );
      // Nothing changed: the old secret still authenticates.
      return `${String(answer)}, old secret ${(await api.as(t.token).getTokens()).status}`;
    },
    clean: '200, old secret 401',
  },
  // issue 27: overlapping requests (the faulty server's round trip is FAULT_WINDOW_MS, so these really overlap)
  'concurrent-patch-lost-update': {
    probe: async (api) => {
      const id = (await mk(api))._id;
      await Promise.all([
        api.patchToken(id, [{ op: 'replace', path: '/name', value: 'n1' }]),
        api.patchToken(id, [{ op: 'replace', path: '/description', value: 'd1' }]),
      ]);
      const after = asToken(await api.getToken(id));
      return `${after.name} | ${String(after.description)}`;
    },
    clean: 'n1 | d1',
  },
  'concurrent-resets-two-live-secrets': {
    probe: async (api) => {
      const id = (await mk(api))._id;
      const resets = await Promise.all([api.resetToken(id), api.resetToken(id)]);
      const live = await Promise.all(resets.map(async (r) => (await api.as(asToken(r).token).getTokens()).status === 200));
      return live.filter(Boolean).length;
    },
    clean: 1,
  },
  'concurrent-delete-resurrects': {
    probe: async (api) => {
      const id = (await mk(api))._id;
      const patched = api.patchToken(id, [{ op: 'replace', path: '/name', value: 'raced' }]);
      await sleep(20);
      await Promise.all([patched, api.deleteToken(id)]);
      return (await api.getToken(id)).status;
    },
    clean: 404,
  },
  'list-skips-concurrent-creates': {
    probe: async (api) => {
      const made = await Promise.all([0, 1, 2].map((i) => mk(api, { name: `racer ${i}` })));
      const listed = asTokens(await api.getTokens('?limit=100')).items.map((t) => t._id);
      return made.every((t) => listed.includes(t._id));
    },
    clean: true,
  },
  'create-applied-answered-500': {
    probe: async (api) => {
      const statuses = await Promise.all([api.postToken({ name: 'a', role: 'reader' }), api.postToken({ name: 'b', role: 'reader' })]);
      return statuses.map((r) => r.status).join(',');
    },
    clean: '201,201',
  },
};

function deleteByOverride(api: RefApi, id: string): ReturnType<RefApi['call']> {
  return api.call('deleteToken', 'POST', `/api/v2/tokens/${id}`, { headers: { 'X-HTTP-Method-Override': 'DELETE' } });
}

test('the catalogue: at least 32 faults, every family, kebab-case ids, one-line descriptions', () => {
  expect(FAULT_IDS.length).toBeGreaterThanOrEqual(32);
  const families = new Set(FAULT_IDS.map((id) => FAULTS[id].family));
  expect([...families].sort()).toEqual(['auth', 'protocol', 'schema', 'secrecy', 'semantics', 'status']);
  for (const id of FAULT_IDS) {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(FAULTS[id].description).not.toContain('\n');
    expect(FAULTS[id].rule).toMatch(/^([A-H]\d+|schema)$/);
  }
});

test('a fault is announced loudly at start', async () => {
  const lines: string[] = [];
  const server = await startReferenceServer({ fault: 'patch-ignored', log: (l) => lines.push(l) });
  await server.close();
  expect(lines).toEqual([`!!! FAULT INJECTED: patch-ignored — ${FAULTS['patch-ignored'].description}`]);
});

test('an unknown fault id is refused with a clear error', async () => {
  await expect(startReferenceServer({ fault: 'no-such-fault' as FaultId, log: () => undefined })).rejects.toThrow(
    'unknown fault id "no-such-fault"',
  );
});

for (const fault of FAULT_IDS) {
  test(`fault ${fault} changes behaviour (${FAULTS[fault].family}, ${FAULTS[fault].rule})`, async () => {
    const { probe, clean } = PROBES[fault];
    const cleanServer = await startReferenceServer({ log: () => undefined });
    const faultyServer = await startReferenceServer({ fault, log: () => undefined });
    try {
      const onClean = await probe(new RefApi(cleanServer.url, cleanServer.adminToken, true));
      const onFaulty = await probe(new RefApi(faultyServer.url, faultyServer.adminToken, false));
      expect(onClean, 'the clean server').toEqual(clean);
      expect(onFaulty, `the server with ${fault}`).not.toEqual(clean);
    } finally {
      await Promise.all([cleanServer.close(), faultyServer.close()]);
    }
  });
}
