import type { AssessmentResult, LevelStats } from '../assessment/schema';
import type { MaturityModel } from '../model/schema';
import { percentOfSums, targetSums } from './assess';
import { levelStats } from './stats';

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
 * Rolls many components up into one scorecard. Only medians, extremes and
 * distributions are used, so the order of the components does not matter.
 * @public
 */
export function rollUp(
  model: MaturityModel,
  entries: ReadonlyArray<RollUpEntry>,
): RollUp {
  const assessed = entries
    .map(e => e.summary)
    .filter((s): s is AssessmentSummary => s !== null);
  const topics: RollUp['topics'] = {};
  const dimensions: RollUp['dimensions'] = {};
  for (const dimension of model.dimensions) {
    dimensions[dimension.id] = levelStats(
      assessed.map(s => s.dimensionMedians[dimension.id] ?? null),
    );
    for (const topic of dimension.topics) {
      topics[topic.id] = levelStats(
        assessed.map(s => s.topicLevels[topic.id] ?? null),
      );
    }
  }
  const sums = { targetSum: 0, gapSum: 0 };
  for (const summary of assessed) {
    sums.targetSum += summary.targetSum;
    sums.gapSum += summary.gapSum;
  }
  return {
    components: {
      total: entries.length,
      assessed: assessed.length,
      stale: assessed.filter(s => s.stale).length,
    },
    topics,
    dimensions,
    percentToTarget: percentOfSums(sums),
  };
}
