import { TopicMap, TopicRatings, TopicResult } from '../assessment/schema';
import { defaultMaturityModel } from '../model/bundled';
import {
  computeAssessmentResult,
  DEFAULT_STALE_AFTER_DAYS,
  isStale,
  nextSteps,
  percentToTarget,
} from './assess';

const model = defaultMaturityModel;
const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2025-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

const allTopicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));

const ratings: TopicMap<TopicRatings> = {
  'people.organizational-change': { 1: 'fully', 2: 'fully', 3: 'largely' },
  'people.teams-and-decentralization': { 1: 'fully', 2: 'partially' },
  'people.upskilling': { 1: 'not-yet' },
  'people.culture': {
    1: 'fully',
    2: 'fully',
    3: 'fully',
    4: 'fully',
    5: 'fully',
  },
  'people.ai': { 1: 'fully', 2: 'fully', 3: 'fully', 4: 'fully' },
  'process.audit-and-logs': { 1: 'largely', 2: 'not-yet', 3: 'fully' },
};
const targets: TopicMap<number> = {
  'people.organizational-change': 4,
  'people.teams-and-decentralization': 3,
  'people.security': 2,
  'people.culture': 3,
};

describe('computeAssessmentResult', () => {
  const result = computeAssessmentResult(
    model,
    { ratings, targets, createdAt: daysAgo(10) },
    { now },
  );

  it('has a result for every topic and dimension of the model', () => {
    expect(Object.keys(result.topics)).toEqual(allTopicIds);
    expect(Object.keys(result.dimensions)).toEqual(
      model.dimensions.map(d => d.id),
    );
  });

  it.each<[string, TopicResult]>([
    [
      'people.organizational-change',
      {
        level: 3,
        target: 4,
        gap: 1,
        nextLevel: 4,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    [
      'people.teams-and-decentralization',
      {
        level: 1,
        target: 3,
        gap: 2,
        nextLevel: 2,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    [
      'people.upskilling',
      {
        level: 0,
        target: null,
        gap: null,
        nextLevel: null,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    // unrated counts as level 0 against its target
    [
      'people.security',
      {
        level: null,
        target: 2,
        gap: 2,
        nextLevel: 1,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    // above target: no gap, no next level
    [
      'people.culture',
      {
        level: 5,
        target: 3,
        gap: 0,
        nextLevel: null,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    [
      'people.ai',
      {
        level: 4,
        target: null,
        gap: null,
        nextLevel: null,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
    [
      'process.audit-and-logs',
      {
        level: 1,
        target: null,
        gap: null,
        nextLevel: null,
        inconsistent: true,
        incomplete: false,
        notApplicable: false,
      },
    ],
    [
      'technology.ai',
      {
        level: null,
        target: null,
        gap: null,
        nextLevel: null,
        inconsistent: false,
        incomplete: false,
        notApplicable: false,
      },
    ],
  ])('scores %s', (topicId, expected) => {
    expect(result.topics[topicId]).toEqual(expected);
  });

  it('gives a dimension the lower median, min, max and distribution of its rated topics', () => {
    // people: 3, 1, 0, unrated, 5, 4
    expect(result.dimensions.people).toEqual({
      median: 3,
      min: 0,
      max: 5,
      distribution: [1, 1, 0, 1, 1, 1],
      rated: 5,
    });
    expect(result.dimensions.process).toEqual({
      median: 1,
      min: 1,
      max: 1,
      distribution: [0, 1, 0, 0, 0, 0],
      rated: 1,
    });
    expect(result.dimensions.technology).toEqual({
      median: null,
      min: null,
      max: null,
      distribution: [0, 0, 0, 0, 0, 0],
      rated: 0,
    });
  });

  describe('a topic rated entirely not applicable', () => {
    const na = { 1: 'not-applicable', 2: 'not-applicable' } as const;
    const withNa = computeAssessmentResult(
      model,
      {
        ratings: {
          'people.culture': { 1: 'fully' },
          'people.ai': { 1: 'fully', 2: 'fully' },
          'people.security': na,
        },
        targets: { 'people.culture': 2, 'people.security': 3 },
        createdAt: daysAgo(1),
      },
      { now },
    );

    it('is marked not applicable, with no level, target or gap', () => {
      expect(withNa.topics['people.security']).toEqual({
        level: null,
        target: null,
        gap: null,
        nextLevel: null,
        inconsistent: false,
        incomplete: false,
        notApplicable: true,
      });
    });

    it('is left out of its dimension median and rated count', () => {
      // levels 1 and 2 rated; an N/A topic scored as 5 would lift the median to 2
      expect(withNa.dimensions.people).toMatchObject({ median: 1, rated: 2 });
    });

    it('is left out of percent to target', () => {
      // only people.culture: target 2, gap 1
      expect(withNa.percentToTarget).toBeCloseTo(1 / 2, 10);
    });
  });

  it('clamps a target above maxLevel to maxLevel', () => {
    const clamped = computeAssessmentResult(
      model,
      {
        ratings: {
          'people.ai': { 1: 'fully', 2: 'fully', 3: 'fully', 4: 'fully' },
        },
        targets: { 'people.ai': 5 },
        createdAt: daysAgo(1),
      },
      { now },
    );
    expect(clamped.topics['people.ai']).toMatchObject({
      level: 4,
      target: 4,
      gap: 0,
      nextLevel: null,
    });
    expect(clamped.percentToTarget).toBe(1);
  });

  it('computes percent to target as 1 − Σgap / Σtarget', () => {
    // targets 4 + 3 + 2 + 3 = 12, gaps 1 + 2 + 2 + 0 = 5
    expect(result.percentToTarget).toBeCloseTo(7 / 12, 10);
  });

  it('has no percent to target without targets', () => {
    expect(
      computeAssessmentResult(
        model,
        { ratings, targets: {}, createdAt: now },
        { now },
      ).percentToTarget,
    ).toBeNull();
  });

  it('applies strict mode', () => {
    const input = {
      ratings: { 'process.security': { 1: 'largely', 2: 'largely' } },
      targets: { 'process.security': 3 },
      createdAt: now,
    } as const;
    expect(
      computeAssessmentResult(model, input, { now }).topics['process.security'],
    ).toMatchObject({ level: 2, gap: 1, nextLevel: 3 });
    expect(
      computeAssessmentResult(model, input, { now, strict: true }).topics[
        'process.security'
      ],
    ).toMatchObject({ level: 1, gap: 2, nextLevel: 2 });
  });

  it.each<[string, number, number | undefined, boolean]>([
    ['10 days old', 10, undefined, false],
    ['exactly 180 days old', 180, undefined, false],
    ['181 days old', 181, undefined, true],
    ['31 days old with staleAfterDays 30', 31, 30, true],
    ['29 days old with staleAfterDays 30', 29, 30, false],
  ])('is stale when %s: %s', (_name, age, staleAfterDays, stale) => {
    expect(
      computeAssessmentResult(
        model,
        { ratings, targets, createdAt: daysAgo(age).toISOString() },
        { now, staleAfterDays },
      ).stale,
    ).toBe(stale);
  });

  it('is pure: the same input gives the same result', () => {
    expect(
      computeAssessmentResult(
        model,
        { ratings, targets, createdAt: daysAgo(10) },
        { now },
      ),
    ).toEqual(result);
  });
});

describe('isStale', () => {
  it('defaults to 180 days', () => {
    expect(DEFAULT_STALE_AFTER_DAYS).toBe(180);
  });

  it.each<[string, string | Date, number | undefined, boolean]>([
    ['created now', now, undefined, false],
    ['created 180 days ago', daysAgo(180), undefined, false],
    [
      'created 180 days and a second ago',
      new Date(daysAgo(180).getTime() - 1000),
      undefined,
      true,
    ],
    [
      'created a year ago, as a string',
      daysAgo(365).toISOString(),
      undefined,
      true,
    ],
    ['created 8 days ago, stale after 7', daysAgo(8), 7, true],
    ['created 6 days ago, stale after 7', daysAgo(6), 7, false],
    ['created in the future', new Date(now.getTime() + DAY), undefined, false],
  ])('%s → %s', (_name, createdAt, staleAfterDays, stale) => {
    expect(isStale(createdAt, now, staleAfterDays)).toBe(stale);
  });
});

describe('percentToTarget', () => {
  it.each<
    [
      string,
      Array<{ target: number | null; gap: number | null }>,
      number | null,
    ]
  >([
    ['no topics', [], null],
    ['no targets', [{ target: null, gap: null }], null],
    ['only targets of 0', [{ target: 0, gap: 0 }], null],
    [
      'every target reached',
      [
        { target: 3, gap: 0 },
        { target: 2, gap: 0 },
      ],
      1,
    ],
    ['nothing reached', [{ target: 3, gap: 3 }], 0],
    [
      'half way',
      [
        { target: 4, gap: 1 },
        { target: 2, gap: 2 },
        { target: null, gap: null },
      ],
      0.5,
    ],
    [
      'a missing gap counts as the whole target',
      [
        { target: 4, gap: null },
        { target: 4, gap: 0 },
      ],
      0.5,
    ],
  ])('%s → %s', (_name, topics, expected) => {
    expect(percentToTarget(topics)).toBe(expected);
  });
});

describe('nextSteps', () => {
  it('lists the next level of every topic below its target, in model order', () => {
    const result = computeAssessmentResult(
      model,
      {
        ratings: {
          'technology.ai': { 1: 'fully' },
          'people.culture': { 1: 'fully', 2: 'fully' },
        },
        targets: { 'technology.ai': 3, 'people.culture': 2, 'policy.ai': 1 },
        createdAt: now,
      },
      { now },
    );
    const steps = nextSteps(model, result);
    expect(steps.map(s => [s.dimensionId, s.topicId, s.level.level])).toEqual([
      ['policy', 'policy.ai', 1],
      ['technology', 'technology.ai', 2],
    ]);
    const topic = model.dimensions[4].topics.find(
      t => t.id === 'technology.ai',
    )!;
    expect(steps[1]).toEqual({
      dimensionId: 'technology',
      topicId: 'technology.ai',
      topicTitle: topic.title,
      level: topic.levels[1],
      url: topic.url,
    });
  });

  it('is empty when every target is reached', () => {
    expect(
      nextSteps(model, {
        topics: {
          'people.culture': {
            level: 3,
            target: 3,
            gap: 0,
            nextLevel: null,
            inconsistent: false,
            incomplete: false,
            notApplicable: false,
          },
        },
      }),
    ).toEqual([]);
  });
});
