import type { AssessmentResult, LevelStats } from '../assessment/schema';
import type { MaturityModel } from '../model/schema';
import { percentToTarget } from './assess';
import { levelStats } from './stats';

/** One component in a roll-up: its latest result, or null when unassessed. @public */
export interface RollUpEntry {
  result: AssessmentResult | null;
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
    .map(e => e.result)
    .filter((r): r is AssessmentResult => r !== null);
  const topics: RollUp['topics'] = {};
  const dimensions: RollUp['dimensions'] = {};
  for (const dimension of model.dimensions) {
    dimensions[dimension.id] = levelStats(
      assessed.map(r => r.dimensions[dimension.id]?.median ?? null),
    );
    for (const topic of dimension.topics) {
      topics[topic.id] = levelStats(
        assessed.map(r => r.topics[topic.id]?.level ?? null),
      );
    }
  }
  return {
    components: {
      total: entries.length,
      assessed: assessed.length,
      stale: assessed.filter(r => r.stale).length,
    },
    topics,
    dimensions,
    percentToTarget: percentToTarget(
      assessed.flatMap(r => Object.values(r.topics)),
    ),
  };
}
