import { defaultMaturityModel } from '../model/bundled';
import {
  campaignDays,
  campaignGoalIds,
  campaignStartProblem,
  createCampaignInputSchema,
  createCampaignUpdateSchema,
} from './schema';

const model = defaultMaturityModel;
const [dimension] = model.dimensions;
const [topic] = dimension.topics;
const limits = { maxDays: 366 };
const schema = createCampaignInputSchema(model, limits);

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
    [
      { ...valid, startsOn: '2026-01-01', deadline: '2027-01-02' },
      'deadline: must be at most 366 days from startsOn, both days included (maturity.campaignLimits.maxDays)',
    ],
    [
      { ...valid, startsOn: '2000-01-01', deadline: '2026-12-31' },
      'deadline: must be at most 366 days',
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

  it('lets a campaign run exactly its longest length, both days counted', () => {
    // 2028 is a leap year: 366 days from 1 January to 31 December.
    const leapYear = {
      ...valid,
      startsOn: '2028-01-01',
      deadline: '2028-12-31',
    };
    expect(campaignDays(leapYear)).toBe(366);
    expect(issuesOf(leapYear)).toEqual([]);
    expect(
      campaignDays({ startsOn: '2026-11-01', deadline: '2026-11-01' }),
    ).toBe(1);
    const short = createCampaignInputSchema(model, { maxDays: 30 });
    expect(
      short.safeParse({
        ...valid,
        startsOn: '2026-11-01',
        deadline: '2026-11-30',
      }).success,
    ).toBe(true);
    expect(
      short.safeParse({
        ...valid,
        startsOn: '2026-11-01',
        deadline: '2026-12-01',
      }).success,
    ).toBe(false);
  });

  it('refuses a start more than the longest length before today', () => {
    const now = new Date('2026-11-22T18:00:00Z');
    // 366 days before 2026-11-22.
    expect(campaignStartProblem('2025-11-21', limits, now)).toBeUndefined();
    expect(campaignStartProblem('2025-11-20', limits, now)).toBe(
      'must be at most 366 days before today, 2025-11-21 or later (maturity.campaignLimits.maxDays)',
    );
    expect(campaignStartProblem('2000-01-01', limits, now)).toContain(
      'at most 366 days before today',
    );
    expect(campaignStartProblem('2030-01-01', limits, now)).toBeUndefined();
  });

  it('an update names its base version', () => {
    const update = createCampaignUpdateSchema(model, limits);
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
