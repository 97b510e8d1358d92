import type { AssessmentResult, LevelStats } from '../assessment/schema';
import type { MaturityModel } from '../model/schema';
import { percentOfSums, targetSums } from './assess';
import { statsOfDistribution } from './stats';

/**
 * What a roll-up needs of one assessment: much smaller than its result, so
 * that the backend can keep one per entity and roll up a whole organisation.
 * @public
 */
export interface AssessmentSummary {
  topicLevels: Record<string, number | null>;
  dimensionMedians: Record<string, number | null>;
  /** Σtarget and Σgap over the topics with a target. */
  targetSum: number;
  gapSum: number;
  stale: boolean;
  /** Topics rated entirely not applicable: their level is null for that reason. */
  notApplicableTopics: string[];
}

/**
 * The level an entity is known by in lists (the catalog's Maturity column,
 * the overview's minimum level): its lowest rated dimension median, so that
 * no dimension is hidden behind a stronger one; null when nothing is rated.
 * @public
 */
export function lowestDimensionMedian(
  dimensionMedians: Record<string, number | null>,
): number | null {
  let lowest: number | null = null;
  for (const median of Object.values(dimensionMedians)) {
    if (median !== null && (lowest === null || median < lowest)) {
      lowest = median;
    }
  }
  return lowest;
}

/** The summary of one result. @public */
export function summarizeResult(result: AssessmentResult): AssessmentSummary {
  return {
    topicLevels: Object.fromEntries(
      Object.entries(result.topics).map(([id, t]) => [id, t.level]),
    ),
    dimensionMedians: Object.fromEntries(
      Object.entries(result.dimensions).map(([id, d]) => [id, d.median]),
    ),
    ...targetSums(Object.values(result.topics)),
    stale: result.stale,
    notApplicableTopics: Object.entries(result.topics)
      .filter(([, t]) => t.notApplicable)
      .map(([id]) => id),
  };
}

/** One component in a roll-up: its latest summary, or null when unassessed. @public */
export interface RollUpEntry {
  summary: AssessmentSummary | null;
}

/** A roll-up of many components. @public */
export interface RollUp {
  components: { total: number; assessed: number; stale: number };
  /** Per topic: the components' topic levels. */
  topics: Record<string, LevelStats>;
  /** Per dimension: the components' dimension medians. */
  dimensions: Record<string, LevelStats>;
  /** Over all components' topics with a target. */
  percentToTarget: number | null;
}

/**
 * A roll-up built one component at a time, so that a scope of any size can be
 * rolled up while its rows are read in batches, in constant memory: levels
 * are counted per topic and dimension, never kept.
 * @public
 */
export class RollUpAccumulator {
  private total = 0;
  private assessed = 0;
  private stale = 0;
  private readonly sums = { targetSum: 0, gapSum: 0 };
  private readonly topicCounts = new Map<string, number[]>();
  private readonly dimensionCounts = new Map<string, number[]>();

  constructor(model: MaturityModel) {
    for (const dimension of model.dimensions) {
      this.dimensionCounts.set(dimension.id, [0, 0, 0, 0, 0, 0]);
      for (const topic of dimension.topics) {
        this.topicCounts.set(topic.id, [0, 0, 0, 0, 0, 0]);
      }
    }
  }

  /** Adds one component: its latest summary, or null when unassessed. */
  add(summary: AssessmentSummary | null): void {
    this.total++;
    if (!summary) return;
    this.assessed++;
    if (summary.stale) this.stale++;
    this.sums.targetSum += summary.targetSum;
    this.sums.gapSum += summary.gapSum;
    count(this.topicCounts, summary.topicLevels);
    count(this.dimensionCounts, summary.dimensionMedians);
  }

  result(): RollUp {
    const stats = (counts: Map<string, number[]>) =>
      Object.fromEntries(
        [...counts].map(([id, distribution]) => [
          id,
          statsOfDistribution([...distribution]),
        ]),
      );
    return {
      components: {
        total: this.total,
        assessed: this.assessed,
        stale: this.stale,
      },
      topics: stats(this.topicCounts),
      dimensions: stats(this.dimensionCounts),
      percentToTarget: percentOfSums(this.sums),
    };
  }
}

function count(
  counts: Map<string, number[]>,
  levels: Record<string, number | null>,
) {
  for (const [id, distribution] of counts) {
    const level = levels[id];
    if (level !== null && level !== undefined) distribution[level]++;
  }
}

/**
 * Rolls many components up into one scorecard. Only medians, extremes and
 * distributions are used, so the order of the components does not matter.
 * @public
 */
export function rollUp(
  model: MaturityModel,
  entries: ReadonlyArray<RollUpEntry>,
): RollUp {
  const accumulator = new RollUpAccumulator(model);
  for (const entry of entries) accumulator.add(entry.summary);
  return accumulator.result();
}
