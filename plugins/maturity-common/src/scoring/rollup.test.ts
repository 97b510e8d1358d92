import fc from 'fast-check';
import {
  AssessmentResult,
  RATINGS,
  TopicMap,
  TopicRatings,
} from '../assessment/schema';
import { defaultMaturityModel } from '../model/bundled';
import { computeAssessmentResult } from './assess';
import {
  lowestDimensionMedian,
  rollUp,
  RollUpAccumulator,
  RollUpEntry,
  summarizeResult,
} from './rollup';
import { levelStats } from './stats';

const model = defaultMaturityModel;
const now = new Date('2025-06-30T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));

const fullyUpTo = (level: number): TopicRatings =>
  Object.fromEntries(
    Array.from({ length: level + 1 }, (_, i) =>
      i < level ? [String(i + 1), 'fully'] : [String(i + 1), 'not-yet'],
    ).filter(([l]) => Number(l) <= 5),
  );

function component(
  levels: Record<string, number>,
  options: { targets?: TopicMap<number>; ageDays?: number } = {},
): RollUpEntry {
  const ratings: TopicMap<TopicRatings> = {};
  for (const [topicId, level] of Object.entries(levels)) {
    ratings[topicId] = fullyUpTo(level);
  }
  return {
    summary: summarizeResult(
      computeAssessmentResult(
        model,
        {
          ratings,
          targets: options.targets ?? {},
          createdAt: new Date(now.getTime() - (options.ageDays ?? 1) * DAY),
        },
        { now },
      ),
    ),
  };
}

const empty = {
  median: null,
  min: null,
  max: null,
  distribution: [0, 0, 0, 0, 0, 0],
  rated: 0,
};

describe('rollUp', () => {
  it('covers the case without components', () => {
    const rolled = rollUp(model, []);
    expect(rolled.components).toEqual({ total: 0, assessed: 0, stale: 0 });
    expect(rolled.percentToTarget).toBeNull();
    expect(Object.keys(rolled.topics)).toEqual(topicIds);
    for (const stats of Object.values(rolled.topics)) {
      expect(stats).toEqual(empty);
    }
    for (const stats of Object.values(rolled.dimensions)) {
      expect(stats).toEqual(empty);
    }
  });

  const entries: RollUpEntry[] = [
    component(
      { 'people.culture': 1, 'people.ai': 2, 'process.security': 0 },
      { targets: { 'people.culture': 3 } },
    ),
    component(
      { 'people.culture': 4, 'people.security': 4 },
      { targets: { 'people.culture': 3 }, ageDays: 200 },
    ),
    component({ 'people.culture': 2, 'process.security': 5 }),
    { summary: null },
    component({}, { ageDays: 365 }),
  ];
  const rolled = rollUp(model, entries);

  it('counts the components, the assessed ones and the stale ones', () => {
    expect(rolled.components).toEqual({ total: 5, assessed: 4, stale: 2 });
  });

  it.each<[string, ReturnType<typeof rollUp>['topics'][string]]>([
    [
      'people.culture',
      { median: 2, min: 1, max: 4, distribution: [0, 1, 1, 0, 1, 0], rated: 3 },
    ],
    [
      'people.ai',
      { median: 2, min: 2, max: 2, distribution: [0, 0, 1, 0, 0, 0], rated: 1 },
    ],
    [
      'process.security',
      { median: 0, min: 0, max: 5, distribution: [1, 0, 0, 0, 0, 1], rated: 2 },
    ],
    ['technology.ai', empty],
  ])('gives topic %s the stats of its component levels', (topicId, stats) => {
    expect(rolled.topics[topicId]).toEqual(stats);
  });

  it.each<[string, ReturnType<typeof rollUp>['dimensions'][string]]>([
    // component people medians: lower median of [1, 2] = 1; [4, 4] = 4; [2] = 2
    [
      'people',
      { median: 2, min: 1, max: 4, distribution: [0, 1, 1, 0, 1, 0], rated: 3 },
    ],
    // component process medians: 0 and 5
    [
      'process',
      { median: 0, min: 0, max: 5, distribution: [1, 0, 0, 0, 0, 1], rated: 2 },
    ],
    ['policy', empty],
  ])('gives dimension %s the stats of the component medians', (id, stats) => {
    expect(rolled.dimensions[id]).toEqual(stats);
  });

  it('computes percent to target over all components', () => {
    // targets 3 + 3, gaps 2 + 0
    expect(rolled.percentToTarget).toBeCloseTo(4 / 6, 10);
  });

  describe('properties', () => {
    const ratingsArb: fc.Arbitrary<TopicMap<TopicRatings>> = fc.dictionary(
      fc.constantFrom(...topicIds),
      fc.dictionary(
        fc.constantFrom('1', '2', '3', '4', '5'),
        fc.constantFrom(...RATINGS),
      ),
    );
    const targetsArb: fc.Arbitrary<TopicMap<number>> = fc.dictionary(
      fc.constantFrom(...topicIds),
      fc.integer({ min: 0, max: 5 }),
    );
    const resultArb: fc.Arbitrary<AssessmentResult | null> = fc.option(
      fc
        .record({
          ratings: ratingsArb,
          targets: targetsArb,
          ageDays: fc.integer({ min: 0, max: 400 }),
        })
        .map(({ ratings, targets, ageDays }) =>
          computeAssessmentResult(
            model,
            {
              ratings,
              targets,
              createdAt: new Date(now.getTime() - ageDays * DAY),
            },
            { now },
          ),
        ),
      { nil: null },
    );
    const entriesArb = fc
      .array(
        resultArb.map(result => ({
          summary: result && summarizeResult(result),
        })),
        { maxLength: 12 },
      )
      .chain(list =>
        fc.tuple(
          fc.constant(list),
          fc.shuffledSubarray(list, {
            minLength: list.length,
            maxLength: list.length,
          }),
        ),
      );

    it('does not depend on the order of the components', () => {
      fc.assert(
        fc.property(entriesArb, ([list, shuffled]) => {
          expect(rollUp(model, shuffled)).toEqual(rollUp(model, list));
        }),
        { numRuns: 50 },
      );
    });

    it('keeps every median between min and max and counts each assessed component once', () => {
      fc.assert(
        fc.property(entriesArb, ([list]) => {
          const rolledUp = rollUp(model, list);
          const assessed = list.filter(e => e.summary !== null).length;
          expect(rolledUp.components.total).toBe(list.length);
          expect(rolledUp.components.assessed).toBe(assessed);
          const all = [
            ...Object.values(rolledUp.topics),
            ...Object.values(rolledUp.dimensions),
          ];
          const counted = (stats: (typeof all)[number]) =>
            stats.distribution.reduce((a, b) => a + b, 0);
          for (const stats of all) {
            expect(counted(stats)).toBeLessThanOrEqual(assessed);
          }
          for (const stats of all.filter(s => s.median === null)) {
            expect(counted(stats)).toBe(0);
          }
          for (const stats of all.filter(s => s.median !== null)) {
            expect(stats.median).toBeGreaterThanOrEqual(stats.min!);
            expect(stats.median).toBeLessThanOrEqual(stats.max!);
          }
        }),
        { numRuns: 50 },
      );
    });

    it('rolls up a scope read in batches exactly as all of it at once', () => {
      fc.assert(
        fc.property(
          entriesArb,
          fc.integer({ min: 1, max: 7 }),
          ([list], batchSize) => {
            const accumulator = new RollUpAccumulator(model);
            for (let i = 0; i < list.length; i += batchSize) {
              for (const entry of list.slice(i, i + batchSize)) {
                accumulator.add(entry.summary);
              }
            }
            const accumulated = accumulator.result();
            const summaries = list.flatMap(e => (e.summary ? [e.summary] : []));
            // Against the definition: the stats of every component's level.
            for (const id of topicIds) {
              expect(accumulated.topics[id]).toEqual(
                levelStats(summaries.map(s => s.topicLevels[id] ?? null)),
              );
            }
            for (const { id } of model.dimensions) {
              expect(accumulated.dimensions[id]).toEqual(
                levelStats(summaries.map(s => s.dimensionMedians[id] ?? null)),
              );
            }
            expect(accumulated).toEqual(rollUp(model, list));
          },
        ),
        { numRuns: 50 },
      );
    });

    it('rolls up levels in the model order exactly as the summaries they came from', () => {
      const dimensionIds = model.dimensions.map(d => d.id);
      fc.assert(
        fc.property(entriesArb, ([list]) => {
          const byLevels = new RollUpAccumulator(model);
          for (const { summary } of list) {
            byLevels.addLevels(
              summary && {
                topicLevels: topicIds.map(id => summary.topicLevels[id]),
                dimensionMedians: dimensionIds.map(
                  id => summary.dimensionMedians[id],
                ),
                targetSum: summary.targetSum,
                gapSum: summary.gapSum,
              },
              summary?.stale ?? false,
            );
          }
          expect(byLevels.result()).toEqual(rollUp(model, list));
        }),
        { numRuns: 50 },
      );
    });
  });
});

describe('lowestDimensionMedian', () => {
  it.each<[Record<string, number | null>, number | null]>([
    [{}, null],
    [{ people: null, process: null }, null],
    [{ people: 3, process: null, policy: 1 }, 1],
    [{ people: 0, process: 4 }, 0],
    [{ people: 5 }, 5],
  ])('of %j is %p', (medians, expected) => {
    expect(lowestDimensionMedian(medians)).toBe(expected);
  });
});
