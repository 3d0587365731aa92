import { expect, test } from '@playwright/test';
import { predictPatch, type PatchPrediction } from '../../../src/explore/patch-prediction';

/** Whether a correct server may refuse a patch the strict reading applies (an open row lets it). */
const mayReject = (p: PatchPrediction): boolean => p.answers.some((a) => a.statuses.includes(422));
/** The token the strict reading's 200 must show. */
const strictDoc = (p: PatchPrediction): Record<string, unknown> => p.answers[0]?.doc ?? {};

/** The model's verdict on a patch: what a correct server must (or may) answer, per rules E2–E5. */

const DOC = {
  _id: 'a1',
  name: 'ldct-run-x-token',
  description: 'old',
  role: 'writer',
  customRoleIds: ['r1'],
  inlineRole: [{ effect: 'allow', actions: ['*'] }],
  token: 'abcd',
  creationDate: 1,
};

const rows: { given: string; body: unknown; want: { kind: string; mayReject?: boolean; field?: [string, unknown] } }[] = [
  { given: 'a body that is not an array', body: { op: 'replace' }, want: { kind: 'malformed' } },
  { given: 'an element without op', body: [{ path: '/name', value: 'x' }], want: { kind: 'malformed' } },
  { given: 'an unknown op', body: [{ op: 'frobnicate', path: '/name' }], want: { kind: 'malformed' } },
  { given: 'a write to a read-only field', body: [{ op: 'replace', path: '/_id', value: 'b2' }], want: { kind: 'reject' } },
  { given: 'a write to the root', body: [{ op: 'replace', path: '', value: {} }], want: { kind: 'reject' } },
  { given: 'a failing test', body: [{ op: 'test', path: '/description', value: 'other' }], want: { kind: 'reject' } },
  {
    given: 'replace of an absent member',
    body: [{ op: 'replace', path: '/inlineRole/3', value: { effect: 'deny' } }],
    want: { kind: 'reject' },
  },
  { given: 'a role outside the enum', body: [{ op: 'replace', path: '/role', value: 'owner' }], want: { kind: 'reject' } },
  {
    given: 'a statement without effect',
    body: [{ op: 'add', path: '/inlineRole/-', value: { actions: ['x'] } }],
    want: { kind: 'reject' },
  },
  {
    given: 'an add at an array index',
    body: [{ op: 'add', path: '/inlineRole/0', value: { effect: 'deny' } }],
    want: { kind: 'apply', mayReject: false, field: ['inlineRole', [{ effect: 'deny' }, { effect: 'allow', actions: ['*'] }]] },
  },
  {
    given: 'a passing test then a remove',
    body: [
      { op: 'test', path: '/description', value: 'old' },
      { op: 'remove', path: '/description' },
    ],
    want: { kind: 'apply', mayReject: false, field: ['description', undefined] },
  },
  {
    given: 'new custom role ids (a server may check they exist)',
    body: [{ op: 'add', path: '/customRoleIds/-', value: 'r2' }],
    want: { kind: 'apply', mayReject: true },
  },
  {
    given: 'a move (E2 leaves move unspecified)',
    body: [{ op: 'move', from: '/description', path: '/name' }],
    want: { kind: 'apply', mayReject: true },
  },
  {
    given: 'removing every kind of role',
    body: [
      { op: 'remove', path: '/role' },
      { op: 'remove', path: '/customRoleIds' },
      { op: 'replace', path: '/inlineRole', value: [] },
    ],
    want: { kind: 'apply', mayReject: true },
  },
  {
    given: 'replace of a whole field the patch removed first (E6: acts as add)',
    body: [
      { op: 'remove', path: '/description' },
      { op: 'replace', path: '/description', value: 'new' },
    ],
    want: { kind: 'apply', mayReject: false, field: ['description', 'new'] },
  },
  {
    given: 'replace of a member under a removed field (E6 covers whole fields only)',
    body: [
      { op: 'remove', path: '/description' },
      { op: 'replace', path: '/description/x', value: 'new' },
    ],
    want: { kind: 'reject' },
  },
  {
    given: 'a write to /defaultApiVersion (E2: unspecified, either outcome)',
    body: [{ op: 'add', path: '/defaultApiVersion', value: 0 }],
    want: { kind: 'apply', mayReject: true },
  },
  {
    given: 'a write to /defaultApiVersion beside a read-only write',
    body: [
      { op: 'replace', path: '/defaultApiVersion', value: 0 },
      { op: 'replace', path: '/_id', value: 'b2' },
    ],
    want: { kind: 'reject' },
  },
  { given: 'an empty patch', body: [], want: { kind: 'apply', mayReject: false, field: ['name', DOC.name] } },
];

for (const { given, body, want } of rows) {
  test(`predictPatch: ${given} → ${want.kind}${want.mayReject === undefined ? '' : want.mayReject ? ' (may be refused)' : ' (must be applied)'}`, () => {
    const prediction = predictPatch(body, DOC);
    expect(prediction.kind).toBe(want.kind);
    if (prediction.kind === 'apply') {
      expect(mayReject(prediction), `answers: ${JSON.stringify(prediction.answers.map((a) => [a.row, a.statuses]))}`).toBe(want.mayReject);
      if (want.field) expect(strictDoc(prediction)[want.field[0]]).toEqual(want.field[1]);
    }
  });
}

test('predictPatch: replace /description on a token that shows none is applied (E6), as the reference server does', () => {
  const { description: _dropped, ...noDescription } = DOC;
  const prediction = predictPatch([{ op: 'replace', path: '/description', value: '' }], noDescription);
  expect(
    prediction.kind === 'apply' ? [mayReject(prediction), strictDoc(prediction).description, prediction.answers[0]?.row] : prediction,
  ).toEqual([false, '', 'patch-replace-unset']);
});

test('predictPatch: a write to /defaultApiVersion leaves that field unjudged, and only that one', () => {
  const prediction = predictPatch(
    [
      { op: 'replace', path: '/defaultApiVersion', value: 0 },
      { op: 'replace', path: '/name', value: 'ldct-run-x-new' },
    ],
    { ...DOC, defaultApiVersion: 20191212 },
  );
  expect(prediction.kind === 'apply' ? [prediction.answers[0]?.unjudged, strictDoc(prediction).name] : prediction).toEqual([
    ['defaultApiVersion'],
    'ldct-run-x-new',
  ]);
});

test('predictPatch never changes the document it is given', () => {
  const before = JSON.stringify(DOC);
  predictPatch(
    [
      { op: 'replace', path: '/name', value: 'ldct-run-x-other' },
      { op: 'remove', path: '/description' },
    ],
    DOC,
  );
  expect(JSON.stringify(DOC)).toBe(before);
});

test('predictPatch never changes the patch it is given (fast-json-patch inserts values by reference)', () => {
  const body = [
    { op: 'add', path: '/customRoleIds', value: ['a', 'b'] },
    { op: 'add', path: '/customRoleIds/0', value: 'c' },
  ];
  const before = JSON.stringify(body);
  const prediction = predictPatch(body, DOC);
  expect(JSON.stringify(body)).toBe(before);
  expect(prediction.answers[0]?.doc?.customRoleIds).toEqual(['c', 'a', 'b']);
});
