import { defaultMaturityModel } from '../model/bundled';
import {
  campaignGoalIds,
  createCampaignInputSchema,
  createCampaignUpdateSchema,
} from './schema';

const model = defaultMaturityModel;
const [dimension] = model.dimensions;
const [topic] = dimension.topics;
const schema = createCampaignInputSchema(model);

const valid = {
  title: 'Production readiness',
  scope: {
    kind: 'component',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
  goals: { topics: { [topic.id]: 2 }, assessedWithinDays: 90 },
  startsOn: '2026-11-01',
  deadline: '2026-12-31',
};

function issuesOf(input: unknown) {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
}

describe('campaign input schema', () => {
  it('accepts a campaign and fills the defaults', () => {
    expect(schema.parse(valid)).toEqual({
      ...valid,
      description: '',
      status: 'open',
    });
  });

  it.each([
    [{ ...valid, title: ' ' }, 'title'],
    [{ ...valid, goals: {} }, 'goals: needs at least one goal'],
    [
      { ...valid, goals: { topics: { nope: 1 } } },
      'goals.topics.nope: is not a topic',
    ],
    [
      { ...valid, goals: { topics: { [topic.id]: topic.maxLevel + 1 } } },
      `goals.topics.${topic.id}`,
    ],
    [
      { ...valid, goals: { dimensions: { nope: 1 } } },
      'goals.dimensions.nope: is not a dimension',
    ],
    [
      { ...valid, goals: { assessedWithinDays: 0 } },
      'goals.assessedWithinDays',
    ],
    [
      { ...valid, startsOn: '2026-02-30' },
      'startsOn: must be a real calendar date',
    ],
    [
      { ...valid, deadline: '31/12/2026' },
      'deadline: must be a date as YYYY-MM-DD',
    ],
    [
      { ...valid, deadline: '2026-10-01' },
      'deadline: must not be before startsOn',
    ],
    [{ ...valid, scope: { team: 'x' } }, 'scope'],
    [
      { ...valid, scope: { owner: 'group:default/' } },
      'scope.owner: must be an entity ref such as group:default/name',
    ],
    [{ ...valid, scope: { owner: 'group:/payments' } }, 'scope.owner'],
    [{ ...valid, scope: { owner: ':payments' } }, 'scope.owner'],
    [{ ...valid, scope: { owner: 'group:default/a/b' } }, 'scope.owner'],
    [{ ...valid, scope: { owner: 'group:default/-x' } }, 'scope.owner'],
    [
      { ...valid, scope: { owner: 'system:default/shop' } },
      'scope.owner: must name a group or user, not a system',
    ],
    [
      { ...valid, scope: { system: 'group:default/payments' } },
      'scope.system: must name a system',
    ],
    [{ ...valid, scope: { kind: 'not a kind' } }, 'scope.kind'],
    [{ ...valid, status: 'archived' }, 'status'],
    [{ ...valid, extra: true }, 'extra'],
  ])('rejects bad input %#, naming the field', (input, field) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.join('; ')).toContain(field);
  });

  it.each([
    'payments',
    'default/payments',
    'group:default/payments',
    'Group:Default/Payments',
    'user:default/sam',
  ])('accepts the owner ref %p', owner => {
    expect(issuesOf({ ...valid, scope: { owner, system: 'shop' } })).toEqual(
      [],
    );
  });

  it('an update names its base version', () => {
    const update = createCampaignUpdateSchema(model);
    expect(update.safeParse(valid).success).toBe(false);
    expect(update.parse({ ...valid, baseVersion: 3 }).baseVersion).toBe(3);
  });

  it('gives every goal an id', () => {
    expect(
      campaignGoalIds({
        topics: { a: 1 },
        dimensions: { d: 2 },
        assessedWithinDays: 5,
      }),
    ).toEqual(['topic:a', 'dimension:d', 'assessedWithinDays']);
  });
});
