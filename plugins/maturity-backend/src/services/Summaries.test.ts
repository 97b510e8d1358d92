import {
  compareLevels,
  comparePositionalLevels,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import type { StoredSummary } from '../database/MaturityIndex';
import { Summaries } from './Summaries';

const model = defaultMaturityModel;
const DIMENSIONS = model.dimensions.length;
const TOPICS = model.dimensions.flatMap(d => d.topics).length;
const summaries = new Summaries(model, {
  strict: false,
  staleAfterDays: 180,
  targets: {},
});

function summary(
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
    const s = summary(
      Array.from({ length: DIMENSIONS }, (_, i) => (i % 2 ? null : i % 5)),
      Array.from({ length: TOPICS }, (_, i) => (i % 3 ? (i % 5) + 1 : null)),
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
    const medians = Array.from({ length: DIMENSIONS }, () => 2);
    const topics = Array.from({ length: TOPICS }, () => 1);
    const before = summary(medians, [...topics, 3]);
    const after = summary([...medians, 1], topics);
    expect(summaries.positions(after).dimensions).toHaveLength(DIMENSIONS);
    expect(summaries.positions(before).topics).toHaveLength(TOPICS);
    expect(
      comparePositionalLevels(
        summaries.positions(before),
        summaries.positions(after),
      ),
    ).toBe(compareLevels(byId(before), byId(after)));
    expect(compareLevels(byId(before), byId(after))).toBe('unchanged');
  });

  it('keeps a shorter row as it is: its missing positions are unrated', () => {
    const before = summary([1], []);
    const after = summary([], []);
    expect(summaries.positions(after)).toEqual({ dimensions: [], topics: [] });
    expect(
      comparePositionalLevels(
        summaries.positions(before),
        summaries.positions(after),
      ),
    ).toBe(compareLevels(byId(before), byId(after)));
  });
});
