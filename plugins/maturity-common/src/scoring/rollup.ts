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
  /**
   * When a topic next expires and the summary changes; null when none will.
   * Optional for summaries decoded from storage, which keep it apart.
   */
  validUntil?: string | null;
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
    validUntil: validUntil(result),
  };
}

/**
 * The earliest end of a topic of a result not yet expired: until then its
 * levels, medians and sums stay as they are; null when no topic will expire.
 * @public
 */
export function validUntil(result: Pick<AssessmentResult, 'topics'>) {
  let earliest: string | null = null;
  for (const topic of Object.values(result.topics)) {
    const end = topic.expired ? null : topic.expiresAt ?? null;
    if (end !== null && (earliest === null || end < earliest)) earliest = end;
  }
  return earliest;
}

/**
 * An assessment's levels in the model's order (topics, then dimensions), as
 * summary rows keep them: a roll-up of many reads these without building a
 * record per component.
 * @public
 */
export interface SummaryLevels {
  topicLevels: ReadonlyArray<number | null>;
  dimensionMedians: ReadonlyArray<number | null>;
  targetSum: number;
  gapSum: number;
}

/** One component in a roll-up: its latest summary, or null when unassessed. */
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
  private readonly topicIds: string[];
  private readonly dimensionIds: string[];
  /** Per topic and dimension, in the model's order: components per level. */
  private readonly topicCounts: number[][];
  private readonly dimensionCounts: number[][];

  constructor(model: MaturityModel) {
    this.dimensionIds = model.dimensions.map(d => d.id);
    this.topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
    const levels = () => [0, 0, 0, 0, 0, 0];
    this.topicCounts = this.topicIds.map(levels);
    this.dimensionCounts = this.dimensionIds.map(levels);
  }

  /** Adds one component: its latest summary, or null when unassessed. */
  add(summary: AssessmentSummary | null): void {
    this.addLevels(
      summary && {
        topicLevels: this.topicIds.map(id => summary.topicLevels[id] ?? null),
        dimensionMedians: this.dimensionIds.map(
          id => summary.dimensionMedians[id] ?? null,
        ),
        targetSum: summary.targetSum,
        gapSum: summary.gapSum,
      },
      summary?.stale ?? false,
    );
  }

  /** Adds one component by its levels in the model's order; null when unassessed. */
  addLevels(levels: SummaryLevels | null, stale: boolean): void {
    this.total++;
    if (!levels) return;
    this.assessed++;
    if (stale) this.stale++;
    this.sums.targetSum += levels.targetSum;
    this.sums.gapSum += levels.gapSum;
    count(this.topicCounts, levels.topicLevels);
    count(this.dimensionCounts, levels.dimensionMedians);
  }

  result(): RollUp {
    const stats = (ids: string[], counts: number[][]) =>
      Object.fromEntries(
        ids.map((id, i) => [id, statsOfDistribution([...counts[i]])]),
      );
    return {
      components: {
        total: this.total,
        assessed: this.assessed,
        stale: this.stale,
      },
      topics: stats(this.topicIds, this.topicCounts),
      dimensions: stats(this.dimensionIds, this.dimensionCounts),
      percentToTarget: percentOfSums(this.sums),
    };
  }
}

function count(counts: number[][], levels: ReadonlyArray<number | null>) {
  for (let i = 0; i < counts.length; i++) {
    const level = levels[i];
    if (level !== null && level !== undefined) counts[i][level]++;
  }
}

/**
 * Rolls many components up into one scorecard. Only medians, extremes and
 * distributions are used, so the order of the components does not matter.
 */
export function rollUp(
  model: MaturityModel,
  entries: ReadonlyArray<RollUpEntry>,
): RollUp {
  const accumulator = new RollUpAccumulator(model);
  for (const entry of entries) accumulator.add(entry.summary);
  return accumulator.result();
}
