import {
  AssessmentResult,
  AssessmentSummary,
  CampaignGoals,
  computeAssessmentResult,
  GoalLevels,
  GoalSubject,
  lowestDimensionMedian,
  MaturityModel,
  PositionalLevels,
  resolveTargets,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { createHash } from 'node:crypto';
import type { ScoringSettings } from '../config';
import type {
  AssessmentRecord,
  SnapshotSummary,
} from '../database/AssessmentStore';
import { LEVELS_FORMAT } from '../database/mappers';
import type { StoredSummary } from '../database/MaturityIndex';
import { BoundedCache } from '../util/BoundedCache';

const DAY_MS = 24 * 60 * 60 * 1000;
const NONE: readonly string[] = Object.freeze([]);

/** A summary as read back: everything but staleness, which depends on the clock. */
export type DecodedSummary = Omit<AssessmentSummary, 'stale'>;

/**
 * Scores snapshots with the engine of -common and turns results into the
 * summary rows that scorecards are computed from, and back.
 */
export class Summaries {
  private readonly topicIds: string[];
  private readonly dimensionIds: string[];
  // A snapshot never changes, so an entry is right for as long as the model
  // and settings are, i.e. the process.
  private readonly results: BoundedCache<AssessmentResult>;

  constructor(
    private readonly model: MaturityModel,
    private readonly scoring: ScoringSettings,
    cacheMaxBytes: number = 32 * 2 ** 20,
  ) {
    this.dimensionIds = model.dimensions.map(d => d.id);
    this.topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
    this.results = new BoundedCache({ maxBytes: cacheMaxBytes });
  }

  /** Changes when anything that summaries are computed from changes. */
  fingerprint(): string {
    return createHash('sha256')
      .update(
        JSON.stringify({
          model: this.model,
          scoring: this.scoring,
          format: LEVELS_FORMAT,
        }),
      )
      .digest('hex');
  }

  /** The result of a snapshot under a lifecycle's default targets. */
  resultOf(record: AssessmentRecord, lifecycle: string | null) {
    const effectiveLifecycle = lifecycle ?? record.lifecycle ?? undefined;
    const key = `${record.entityRef}#${record.revision}#${record.createdAt}#${effectiveLifecycle}`;
    let result = this.results.get(key);
    if (!result) {
      const targets = resolveTargets(this.model, {
        assessmentTargets: record.targets,
        defaults: this.scoring.targets,
        lifecycle: effectiveLifecycle,
      });
      result = computeAssessmentResult(
        this.model,
        { ratings: record.ratings, targets, createdAt: record.createdAt },
        {
          strict: this.scoring.strict,
          staleAfterDays: this.scoring.staleAfterDays,
        },
      );
      this.results.set(key, result);
    }
    return result;
  }

  /** What scorecards keep of a snapshot: its levels and sums, scored. */
  summaryOf(
    record: AssessmentRecord,
    lifecycle: string | null,
  ): SnapshotSummary {
    const result = this.resultOf(record, lifecycle);
    const summary = summarizeResult(result);
    const medians = this.dimensionIds.map(
      id => summary.dimensionMedians[id] ?? null,
    );
    const assessedAt = new Date(record.createdAt);
    return {
      entityRef: record.entityRef,
      revision: record.revision,
      entityUid: record.entityUid,
      assessedAt: assessedAt.toISOString(),
      staleAt: new Date(
        assessedAt.getTime() + this.scoring.staleAfterDays * DAY_MS,
      ).toISOString(),
      percentToTarget: result.percentToTarget,
      targetSum: summary.targetSum,
      gapSum: summary.gapSum,
      lowestMedian: lowestDimensionMedian(summary.dimensionMedians),
      dimensionMedians: this.dimensionsOf(medians),
      levels: {
        topicLevels: this.topicIds.map(id => summary.topicLevels[id] ?? null),
        dimensionMedians: medians,
        notApplicable: summary.notApplicableTopics.map(id =>
          this.topicIds.indexOf(id),
        ),
      },
    };
  }

  /** Dimension medians by id, from the medians in the model's order. */
  dimensionsOf(
    medians: ReadonlyArray<number | null>,
  ): Record<string, number | null> {
    const dimensions: Record<string, number | null> = {};
    for (let i = 0; i < this.dimensionIds.length; i++) {
      dimensions[this.dimensionIds[i]] = medians[i] ?? null;
    }
    return dimensions;
  }

  /** Topic levels by id, from the levels in the model's order. */
  topicsOf(
    levels: ReadonlyArray<number | null>,
  ): Record<string, number | null> {
    // Plain loops: a whole organisation's roll-up decodes 100,000 of these.
    const topics: Record<string, number | null> = {};
    for (let i = 0; i < this.topicIds.length; i++) {
      topics[this.topicIds[i]] = levels[i] ?? null;
    }
    return topics;
  }

  /**
   * A summary's levels by position, as many as the model has: what
   * `decode` names by id, without making records of them.
   */
  positions(
    summary: Pick<StoredSummary, 'topicLevels' | 'dimensionMedians'>,
  ): PositionalLevels {
    const { topicLevels, dimensionMedians } = summary;
    const fit = (levels: Array<number | null>, count: number) =>
      levels.length > count ? levels.slice(0, count) : levels;
    return {
      dimensions: fit(dimensionMedians, this.dimensionIds.length),
      topics: fit(topicLevels, this.topicIds.length),
    };
  }

  /** A summary's levels by id. */
  decode(summary: StoredSummary): DecodedSummary {
    const { topicLevels, dimensionMedians: medians, notApplicable } = summary;
    return {
      topicLevels: this.topicsOf(topicLevels),
      dimensionMedians: this.dimensionsOf(medians),
      targetSum: summary.targetSum,
      gapSum: summary.gapSum,
      notApplicableTopics: notApplicable.length
        ? notApplicable.map(i => this.topicIds[i])
        : (NONE as string[]),
    };
  }

  /**
   * The reader of what some goals are checked against (evaluateGoals of
   * -common): the levels they name, by id, and the time. A campaign over a
   * whole organisation reads every summary of its scope and of its history,
   * and its goals name a few of the model's topics, so the other levels are
   * not decoded. An id the model lacks is left out, as by `decode`.
   */
  goalSubjects(
    goals: CampaignGoals,
  ): (summary: StoredLevels & { assessedAt: string }) => GoalSubject {
    const levelsOf = this.goalLevels(goals);
    return summary => ({
      assessedAt: summary.assessedAt,
      ...levelsOf(summary),
    });
  }

  /** The levels some goals name, by id, of levels stored by position. */
  goalLevels(goals: CampaignGoals): (levels: StoredLevels) => GoalLevels {
    const positions = (ids: string[], named: object | undefined) =>
      Object.keys(named ?? {})
        .map(id => [id, ids.indexOf(id)] as const)
        .filter(([, i]) => i >= 0);
    const topics = positions(this.topicIds, goals.topics);
    const dimensions = positions(this.dimensionIds, goals.dimensions);
    return levels => {
      const topicLevels: Record<string, number | null> = {};
      for (const [id, i] of topics) {
        topicLevels[id] = levels.topicLevels[i] ?? null;
      }
      const dimensionMedians: Record<string, number | null> = {};
      for (const [id, i] of dimensions) {
        dimensionMedians[id] = levels.dimensionMedians[i] ?? null;
      }
      return { topicLevels, dimensionMedians };
    };
  }
}

/** Levels as a summary stores them, by position. */
export type StoredLevels = Pick<
  StoredSummary,
  'topicLevels' | 'dimensionMedians'
>;
