import {
  CampaignGoals,
  compareLevels,
  comparePositionalLevels,
  defaultMaturityModel,
  evaluateGoals,
} from '@cnmm/backstage-plugin-maturity-common';
import fc from 'fast-check';
import { defaultSummaries } from '../__testUtils__/summaries';
import type { StoredSummary } from '../database/MaturityIndex';
import { goalSubject } from './Summaries';

const TOPICS = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => t.id),
);
const DIMENSIONS = defaultMaturityModel.dimensions.map(d => d.id);
const NOW = new Date('2026-11-22T18:00:00Z');

const level = fc.option(fc.integer({ min: 0, max: 5 }));
// Ids of the model and one it lacks, which no summary has a level for.
const goalsOf = (ids: string[]) =>
  fc.dictionary(
    fc.constantFrom(...ids, 'not-in-model'),
    fc.integer({ min: 1, max: 5 }),
    {
      maxKeys: 3,
    },
  );
const goals: fc.Arbitrary<CampaignGoals> = fc.record(
  {
    topics: goalsOf(TOPICS),
    dimensions: goalsOf(DIMENSIONS),
    assessedWithinDays: fc.integer({ min: 1, max: 400 }),
  },
  { requiredKeys: [] },
);
const summary: fc.Arbitrary<StoredSummary> = fc.record({
  revision: fc.constant(1),
  assessedAt: fc
    .integer({ min: 0, max: 500 })
    .map(days => new Date(NOW.getTime() - days * 86_400_000).toISOString()),
  staleAtMs: fc.constant(0),
  percentToTarget: fc.constant(null),
  lowestMedian: fc.constant(null),
  targetSum: fc.constant(0),
  gapSum: fc.constant(0),
  // Arrays shorter than the model, as written under an older one.
  topicLevels: fc.array(level, { maxLength: TOPICS.length }),
  dimensionMedians: fc.array(level, { maxLength: DIMENSIONS.length }),
  notApplicable: fc.constant([]),
});

describe('Summaries.goalSubjects', () => {
  it('is checked against goals as the whole decoded summary is', () => {
    fc.assert(
      fc.property(goals, summary, (g, s) => {
        const { topicLevels, dimensionMedians } = defaultSummaries.decode(s);
        const whole = {
          assessedAt: s.assessedAt,
          topicLevels,
          dimensionMedians,
        };
        const levels = defaultSummaries.goalSubjects(g)({
          ...s,
          assessedAtMs: Date.parse(s.assessedAt),
        });
        expect(evaluateGoals(g, goalSubject(levels), NOW)).toEqual(
          evaluateGoals(g, whole, NOW),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('reads levels into one object when asked to reuse it, each read whole', () => {
    const named = { topics: { [TOPICS[0]]: 1, [TOPICS[2]]: 2 } };
    const read = defaultSummaries.goalLevels(named, { reuse: true });
    const levels = (first: number) => ({
      topicLevels: TOPICS.map((_, i) => (i === 0 ? first : i)),
      dimensionMedians: DIMENSIONS.map(() => null),
    });
    const one = read(levels(3));
    expect(one.topicLevels).toEqual({ [TOPICS[0]]: 3, [TOPICS[2]]: 2 });
    const two = read(levels(0));
    expect(two).toBe(one);
    expect(two.topicLevels).toEqual({ [TOPICS[0]]: 0, [TOPICS[2]]: 2 });
    // Without it, each read is its own.
    const own = defaultSummaries.goalLevels(named);
    expect(own(levels(1))).not.toBe(own(levels(1)));
  });

  it('decodes only the levels the goals name', () => {
    const topic = TOPICS[3];
    const dimension = DIMENSIONS[1];
    const s = {
      assessedAtMs: NOW.getTime(),
      topicLevels: TOPICS.map((_, i) => i % 4),
      dimensionMedians: DIMENSIONS.map((_, i) => i),
    };
    expect(
      defaultSummaries.goalSubjects({
        topics: { [topic]: 2 },
        dimensions: { [dimension]: 1 },
      })(s),
    ).toEqual({
      assessedAtMs: s.assessedAtMs,
      topicLevels: { [topic]: 3 },
      dimensionMedians: { [dimension]: 1 },
    });
  });
});

const DIMENSION_COUNT = DIMENSIONS.length;
const TOPIC_COUNT = TOPICS.length;
const summaries = defaultSummaries;

function storedSummary(
  medians: Array<number | null>,
  topics: Array<number | null>,
): StoredSummary {
  return {
    revision: 1,
    assessedAt: '2026-01-01T00:00:00.000Z',
    staleAtMs: Date.parse('2026-06-30T00:00:00.000Z'),
    percentToTarget: null,
    lowestMedian: null,
    targetSum: 0,
    gapSum: 0,
    topicLevels: topics,
    dimensionMedians: medians,
    notApplicable: [],
  };
}

const byId = (s: StoredSummary) => {
  const { dimensionMedians, topicLevels } = summaries.decode(s);
  return { dimensions: dimensionMedians, topics: topicLevels };
};

describe('Summaries.positions', () => {
  it('holds the levels decode names, in the model order', () => {
    const s = storedSummary(
      Array.from({ length: DIMENSION_COUNT }, (_, i) => (i % 2 ? null : i % 5)),
      Array.from({ length: TOPIC_COUNT }, (_, i) =>
        i % 3 ? (i % 5) + 1 : null,
      ),
    );
    const { dimensions, topics } = byId(s);
    expect(summaries.positions(s)).toEqual({
      dimensions: Object.values(dimensions),
      topics: Object.values(topics),
    });
  });

  // A row longer than the model (written under a larger one) must move an
  // entity as its levels by id do, which leave the extra positions out.
  it('leaves out positions the model has not, as decode does', () => {
    const medians = Array.from({ length: DIMENSION_COUNT }, () => 2);
    const topics = Array.from({ length: TOPIC_COUNT }, () => 1);
    const before = storedSummary(medians, [...topics, 3]);
    const after = storedSummary([...medians, 1], topics);
    expect(summaries.positions(after).dimensions).toHaveLength(DIMENSION_COUNT);
    expect(summaries.positions(before).topics).toHaveLength(TOPIC_COUNT);
    expect(
      comparePositionalLevels(
        summaries.positions(before),
        summaries.positions(after),
      ),
    ).toBe(compareLevels(byId(before), byId(after)));
    expect(compareLevels(byId(before), byId(after))).toBe('unchanged');
  });

  it('keeps a shorter row as it is: its missing positions are unrated', () => {
    const before = storedSummary([1], []);
    const after = storedSummary([], []);
    expect(summaries.positions(after)).toEqual({ dimensions: [], topics: [] });
    expect(
      comparePositionalLevels(
        summaries.positions(before),
        summaries.positions(after),
      ),
    ).toBe(compareLevels(byId(before), byId(after)));
  });
});
