import fc from 'fast-check';
import { Rating, RATINGS, TopicRatings } from '../assessment/schema';
import { scoreTopic } from '../scoring/topicLevel';
import { defaultMaturityModel } from './bundled';
import {
  CNMM_V3_MAPPING,
  mapV3Ratings,
  v3AssessmentFileSchema,
  v3ImportSchema,
} from './v3Mapping';

const v4Topics = new Map(
  defaultMaturityModel.dimensions.flatMap(d => d.topics.map(t => [t.id, t])),
);
const MERGED = 'process.software-integration-and-release';
const fullyTo = (level: number): TopicRatings =>
  Object.fromEntries(
    Array.from({ length: level }, (_, i) => [String(i + 1), 'fully']),
  );
const levelOf = (topic: string, ratings: TopicRatings | undefined) =>
  scoreTopic(ratings, v4Topics.get(topic)!.maxLevel).level;

describe('CNMM_V3_MAPPING', () => {
  it.each(Object.entries(CNMM_V3_MAPPING).filter(([, m]) => m.topic !== null))(
    'maps %s to a 4.0 topic, each level within its levels',
    (_v3, m) => {
      const topic = v4Topics.get(m.topic!);
      expect(topic).toBeDefined();
      const levels = Object.values(m.levels).filter(
        (to): to is number => to !== null,
      );
      expect(Math.max(0, ...levels)).toBeLessThanOrEqual(topic!.maxLevel);
    },
  );

  it('never maps a level upwards', () => {
    const upwards = Object.entries(CNMM_V3_MAPPING).flatMap(([id, m]) =>
      Object.entries(m.levels)
        .filter(([from, to]) => to !== null && to > Number(from))
        .map(([from]) => `${id} L${from}`),
    );
    expect(upwards).toEqual([]);
  });
});

describe('mapV3Ratings', () => {
  // Every mapped topic: all five 3.x levels fully met, and what 4.0 gets.
  it.each<[string, string, TopicRatings, number]>([
    ['process.ci-cd', MERGED, fullyTo(4), 4],
    ['process.change-control', MERGED, fullyTo(4), 4],
    ['process.audit-and-logs', 'process.audit-and-logs', fullyTo(4), 4],
    ['process.security', 'process.security', fullyTo(5), 5],
    ['people.upskilling-developers', 'people.upskilling', fullyTo(5), 5],
    [
      'people.organizational-change',
      'people.organizational-change',
      fullyTo(5),
      5,
    ],
    [
      'people.teams-and-decentralization',
      'people.teams-and-decentralization',
      fullyTo(5),
      5,
    ],
    ['people.security', 'people.security', fullyTo(5), 5],
    ['policy.policy-creation', 'policy.policy-creation', fullyTo(5), 5],
    [
      'policy.compliance',
      'policy.implementation-and-compliance',
      fullyTo(5),
      5,
    ],
    [
      'technology.infrastructure',
      'technology.platforms-and-infrastructure',
      fullyTo(5),
      5,
    ],
    [
      'technology.application-patterns-and-refactoring',
      'technology.application-patterns-and-refactoring',
      fullyTo(5),
      5,
    ],
    [
      'technology.container-and-runtime-management',
      'technology.container-and-runtime-management',
      fullyTo(5),
      5,
    ],
    [
      'technology.application-release-and-operations',
      'technology.application-release-and-operations',
      fullyTo(5),
      5,
    ],
    [
      'technology.testing-and-issue-detection',
      'technology.testing-and-issue-detection',
      fullyTo(5),
      5,
    ],
    [
      'technology.security-and-policy',
      'technology.security-and-policy',
      fullyTo(5),
      5,
    ],
    ['business-outcomes.outcomes', 'business-outcomes.outcomes', fullyTo(5), 5],
  ])(
    'maps %s fully met to L5 as %s %j (level %i)',
    (v3, v4, ratings, level) => {
      const { ratings: mapped, dropped } = mapV3Ratings({ [v3]: fullyTo(5) });
      expect(dropped).toEqual([]);
      expect(mapped).toEqual({ [v4]: ratings });
      expect(levelOf(v4, mapped[v4])).toBe(level);
    },
  );

  it('never gives a 3.x Change Control L5 answer a 4.0 level above 4', () => {
    const { ratings, shifted } = mapV3Ratings({
      'process.change-control': fullyTo(5),
    });
    expect(levelOf(MERGED, ratings[MERGED])).toBe(4);
    expect(ratings[MERGED]).not.toHaveProperty('5');
    expect(shifted).toEqual([
      { from: 'process.change-control', fromLevel: 3, to: MERGED, toLevel: 2 },
      { from: 'process.change-control', fromLevel: 4, to: MERGED, toLevel: 3 },
      { from: 'process.change-control', fromLevel: 5, to: MERGED, toLevel: 4 },
    ]);
  });

  it('moves CI/CD L4 (release velocity) to 4.0 L3, weakest first', () => {
    const { ratings } = mapV3Ratings({
      'process.ci-cd': { 1: 'fully', 2: 'fully', 3: 'fully', 4: 'partially' },
    });
    expect(ratings[MERGED]).toEqual({ 1: 'fully', 2: 'fully', 3: 'partially' });
    expect(levelOf(MERGED, ratings[MERGED])).toBe(2);
  });

  it('counts "enforcing audits" (3.x Audit L5) at 4.0 L4, never at L5', () => {
    const { ratings } = mapV3Ratings({
      'process.audit-and-logs': { ...fullyTo(3), 4: 'not-yet', 5: 'fully' },
    });
    expect(ratings['process.audit-and-logs']).toEqual({
      ...fullyTo(3),
      4: 'not-yet',
    });
  });

  it('merges CI/CD and Change Control, keeping the weaker rating of a level', () => {
    const { ratings } = mapV3Ratings({
      'process.ci-cd': { 1: 'fully', 2: 'largely' },
      'process.change-control': { 1: 'largely', 2: 'fully', 3: 'fully' },
    });
    expect(ratings[MERGED]).toEqual({ 1: 'largely', 2: 'largely' });
  });

  it.each([
    ['people.developer-agility'],
    ['process.foo'],
    ['people.ai'],
    ['__proto__'],
    ['constructor'],
  ])('reports %s as dropped without polluting anything', key => {
    const result = mapV3Ratings(JSON.parse(`{"${key}":{"1":"fully"}}`));
    expect(result.dropped).toEqual([key]);
    expect(Object.keys(result.ratings)).toEqual([]);
    expect(({} as any)['1']).toBeUndefined();
  });

  const v3Ids = Object.keys(CNMM_V3_MAPPING);
  const answersArb = fc.dictionary(
    fc.constantFrom(...v3Ids),
    fc.dictionary(
      fc.constantFrom('1', '2', '3', '4', '5'),
      fc.constantFrom(...RATINGS),
    ),
  );

  it('never claims a 4.0 level that the 3.x answers do not support', () => {
    fc.assert(
      fc.property(answersArb, answers => {
        const { ratings } = mapV3Ratings(answers);
        for (const [topic, levels] of Object.entries(ratings)) {
          // Supported: the highest 4.0 level that a rated 3.x level maps to.
          const sources = Object.entries(answers).filter(
            ([id]) => CNMM_V3_MAPPING[id].topic === topic,
          );
          const supported = Math.max(
            0,
            ...sources.flatMap(([id, rated]) =>
              Object.keys(rated).map(
                level => CNMM_V3_MAPPING[id].levels[Number(level)] ?? 0,
              ),
            ),
          );
          expect(levelOf(topic, levels) ?? 0).toBeLessThanOrEqual(supported);
          // No 4.0 level is rated stronger than an answer it came from.
          for (const [level, rating] of Object.entries(levels!)) {
            const from = sources.flatMap(([id, rated]) =>
              Object.entries(rated)
                .filter(
                  ([l]) =>
                    CNMM_V3_MAPPING[id].levels[Number(l)] === Number(level),
                )
                .map(([, r]) => r as Rating),
            );
            expect(from).toContain(rating);
            const order = (r: Rating) =>
              [
                'not-yet',
                'partially',
                'largely',
                'fully',
                'not-applicable',
              ].indexOf(r);
            expect(Math.min(...from.map(order))).toBe(order(rating!));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not modify its input', () => {
    const input = { 'process.ci-cd': { '4': 'fully' as const } };
    mapV3Ratings(input);
    expect(input).toEqual({ 'process.ci-cd': { '4': 'fully' } });
  });
});

describe('v3 file schemas', () => {
  it('accepts a 3.x file and refuses a 4.0 one or an unknown rating', () => {
    const file = {
      cnmmVersion: '3.x',
      ratings: { 'process.ci-cd': { 1: 'fully' } },
    };
    expect(v3AssessmentFileSchema.parse(file)).toEqual(file);
    expect(
      v3AssessmentFileSchema.safeParse({ ...file, cnmmVersion: '4.0' }).success,
    ).toBe(false);
    expect(
      v3AssessmentFileSchema.safeParse({
        ...file,
        ratings: { 'process.ci-cd': { 1: 'mostly' } },
      }).success,
    ).toBe(false);
    expect(
      v3AssessmentFileSchema.safeParse({
        ...file,
        ratings: { 'process.ci-cd': { 6: 'fully' } },
      }).success,
    ).toBe(false);
    expect(v3ImportSchema.safeParse({ assessment: file }).success).toBe(false);
  });
});
