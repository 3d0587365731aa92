import fc from 'fast-check';
import { listQueryArbitrary, patchArbitrary, postBodyArbitrary, unknownIdArbitrary, type PatchInput } from '../explore/inputs';
import { PLAN_FORMAT, type Plan, type PlanStep } from './plan';

/** The side's token-name prefix inside a plan's strings; each side sends its own (the run prefix, H1). */
export const RUN_SYMBOL = '$run';

type StepShape = Omit<PlanStep, 'step'>;

/**
 * The example suite's request shapes, in the order a person would try them: create, read, list, rename, a patch of a
 * read-only path, reset, an unknown id, an invalid body, a second token whose inline role has two statements (so an
 * order inside it is visible), then the deletes and a read of a deleted token. Explore's generated requests go
 * between the last create and the deletes, so the tokens they touch still exist.
 */
const OPENING: StepShape[] = [
  {
    operationId: 'postToken',
    body: { name: `${RUN_SYMBOL}-d1`, description: 'differential run', role: 'reader' },
    binds: '$t1',
    shape: 'example: postToken with a role',
  },
  { operationId: 'getToken', id: '$t1', shape: 'example: getToken of a created token' },
  { operationId: 'getTokens', shape: 'example: getTokens without a query' },
  {
    operationId: 'patchToken',
    id: '$t1',
    body: [{ op: 'replace', path: '/name', value: `${RUN_SYMBOL}-d1-renamed` }],
    shape: 'example: patchToken renames',
  },
  {
    operationId: 'patchToken',
    id: '$t1',
    body: [{ op: 'replace', path: '/_id', value: 'x' }],
    shape: 'example: patchToken of a read-only path',
  },
  { operationId: 'resetToken', id: '$t1', shape: 'example: resetToken' },
  { operationId: 'getToken', id: '000000000000000000000000', shape: 'example: getToken of an unknown id' },
  { operationId: 'postToken', body: { name: 42 }, shape: 'example: postToken with a name of the wrong type' },
  {
    operationId: 'postToken',
    body: {
      name: `${RUN_SYMBOL}-d2`,
      inlineRole: [
        { effect: 'allow', actions: ['*'], resources: ['proj/*'] },
        { effect: 'deny', actions: ['deleteProject', 'updateProjectName'], resources: ['proj/prod'] },
      ],
    },
    binds: '$t2',
    shape: 'example: postToken with an inline role of two statements',
  },
];

const CLOSING: StepShape[] = [
  { operationId: 'deleteToken', id: '$t2', shape: 'example: deleteToken' },
  { operationId: 'deleteToken', id: '$t1', shape: 'example: deleteToken' },
  { operationId: 'getToken', id: '$t1', shape: 'example: getToken of a deleted token' },
];

/** The fixed part alone: a plan of this budget has no generated request, whatever the seed. */
export const EXAMPLE_STEP_COUNT = OPENING.length + CLOSING.length;

/**
 * A plan of `budget` requests per side, the same for the same seed: the example shapes first and last, explore's
 * generators (src/explore/inputs.ts, seeded) in between. A budget below the example shapes keeps the first ones;
 * whatever the plan created and did not delete is removed by the run's clean-up.
 */
export function buildPlan(seed: number, budget: number): Plan {
  const generatedCount = Math.max(0, budget - EXAMPLE_STEP_COUNT);
  const generated =
    generatedCount === 0
      ? []
      : (fc.sample(fc.array(generatedStep(), { minLength: generatedCount, maxLength: generatedCount }), { seed, numRuns: 1 })[0] ?? []);
  const shapes = [...OPENING, ...generated.map((make, index) => make(OPENING.length + index)), ...CLOSING].slice(0, budget);
  return { format: PLAN_FORMAT, seed, budget, steps: shapes.map((shape, index) => ({ step: index + 1, ...shape })) };
}

/** A generated request, given the number of steps before it (its symbol when it creates a token). */
type MakeStep = (before: number) => StepShape;

function generatedStep(): fc.Arbitrary<MakeStep> {
  const existing = fc.constantFrom('$t1', '$t2');
  return fc.oneof(
    postBodyArbitrary(RUN_SYMBOL).map(({ body }): MakeStep => (before) => ({
      operationId: 'postToken',
      body,
      binds: `$t${before + 1}`,
      shape: 'explore: postBodyArbitrary',
    })),
    fc
      .tuple(existing, patchArbitrary(RUN_SYMBOL))
      .map(([id, patch]): MakeStep => () => ({ operationId: 'patchToken', id, body: patchBody(patch), shape: 'explore: patchArbitrary' })),
    listQueryArbitrary().map((query): MakeStep => () => ({ operationId: 'getTokens', query, shape: 'explore: listQueryArbitrary' })),
    existing.map((id): MakeStep => () => ({ operationId: 'getToken', id, shape: 'explore: getToken of a created token' })),
    unknownIdArbitrary().map((id): MakeStep => () => ({ operationId: 'getToken', id, shape: 'explore: unknownIdArbitrary' })),
  );
}

/**
 * A patch as plain JSON: explore resolves `#` segments and model-derived `test` values against its model of the
 * token; a plan has no model, so `#` is the first element and a `test` carries its generated value.
 */
export function patchBody(patch: PatchInput): unknown {
  if (patch.kind === 'raw') return patch.body;
  return patch.ops.map(({ op, path, from, value }) => ({
    op,
    path: path.replace(/#/g, '0'),
    ...(from !== undefined ? { from: from.replace(/#/g, '0') } : {}),
    ...(value !== undefined ? { value } : {}),
  }));
}
