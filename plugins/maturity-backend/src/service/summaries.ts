import {
  AssessmentResult,
  AssessmentSummary,
  computeAssessmentResult,
  lowestDimensionMedian,
  MaturityModel,
  resolveTargets,
  summarizeResult,
  SummaryLevels,
} from '@cnmm/backstage-plugin-maturity-common';
import { createHash } from 'node:crypto';
import { AssessmentRecord } from '../database/AssessmentStore';
import { Summary } from '../database/tables';
import { BoundedCache } from '../util/BoundedCache';
import type { ScoringSettings } from './MaturityService';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The layout of a summary's `levels`: [topic levels, dimension medians,
 * indexes of topics rated entirely not applicable]. Part of the fingerprint,
 * so that a new layout recomputes every summary at start-up.
 */
const LEVELS_FORMAT = 2;
const NONE: readonly string[] = Object.freeze([]);

/** What a summary's columns are read back from. */
type SummaryColumns = {
  levels: string;
  target_sum: number | string;
  gap_sum: number | string;
};
type StoredLevels = [Array<number | null>, Array<number | null>, number[]?];

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

  summaryOf(record: AssessmentRecord, lifecycle: string | null): Summary {
    const summary = summarizeResult(this.resultOf(record, lifecycle));
    const medians = this.dimensionIds.map(
      id => summary.dimensionMedians[id] ?? null,
    );
    const assessedAt = new Date(record.createdAt);
    return {
      row: {
        entity_ref: record.entityRef,
        revision: record.revision,
        assessed_at: assessedAt,
        stale_at: new Date(
          assessedAt.getTime() + this.scoring.staleAfterDays * DAY_MS,
        ),
        percent_to_target: this.resultOf(record, lifecycle).percentToTarget,
        target_sum: summary.targetSum,
        gap_sum: summary.gapSum,
        lowest_median: lowestDimensionMedian(summary.dimensionMedians),
        levels: JSON.stringify([
          this.topicIds.map(id => summary.topicLevels[id] ?? null),
          medians,
          summary.notApplicableTopics.map(id => this.topicIds.indexOf(id)),
        ]),
      },
      dimensions: this.dimensionIds.map((id, i) => ({
        dimension_id: id,
        median: medians[i],
      })),
    };
  }

  /** A row's levels as stored, in the model's order: what roll-ups count. */
  levelsOf(row: SummaryColumns): SummaryLevels {
    const [topicLevels, dimensionMedians]: StoredLevels = JSON.parse(
      row.levels,
    );
    return {
      topicLevels,
      dimensionMedians,
      targetSum: Number(row.target_sum),
      gapSum: Number(row.gap_sum),
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

  decode(row: SummaryColumns): DecodedSummary {
    const [topicLevels, medians, notApplicable]: StoredLevels = JSON.parse(
      row.levels,
    );
    // Plain loops: a whole organisation's roll-up decodes 100,000 of these.
    const topics: Record<string, number | null> = {};
    for (let i = 0; i < this.topicIds.length; i++) {
      topics[this.topicIds[i]] = topicLevels[i] ?? null;
    }
    return {
      topicLevels: topics,
      dimensionMedians: this.dimensionsOf(medians),
      targetSum: Number(row.target_sum),
      gapSum: Number(row.gap_sum),
      notApplicableTopics: notApplicable?.length
        ? notApplicable.map(i => this.topicIds[i])
        : (NONE as string[]),
    };
  }
}
