import {
  AssessmentResult,
  type GoalSubject,
  AssessmentSummary,
  ResultOptions,
  approvalOf,
  CampaignGoals,
  computeAssessmentResult,
  GoalLevels,
  lowestDimensionMedian,
  MaturityModel,
  PositionalLevels,
  resolveTargets,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { createHash } from 'node:crypto';
import { expiryEnabled, type ScoringSettings } from '../config';
import type {
  AssessmentRecord,
  SnapshotSummary,
} from '../database/AssessmentStore';
import { LEVELS_FORMAT } from '../database/mappers';
import type { StoredSummary } from '../database/MaturityIndex';
import type { LevelPositions } from '../database/encodedLevels';
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
  // and settings are, i.e. the process, and its time is within the span
  // in which no topic of it expires.
  private readonly results: BoundedCache<ScoredSpan>;
  private readonly options: ResultOptions;

  constructor(
    private readonly model: MaturityModel,
    private readonly scoring: ScoringSettings,
    cacheMaxBytes: number = 32 * 2 ** 20,
  ) {
    this.dimensionIds = model.dimensions.map(d => d.id);
    this.topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
    this.results = new BoundedCache({ maxBytes: cacheMaxBytes });
    const { strict, staleAfterDays, attestation, exemptions } = scoring;
    this.options = expiryEnabled(scoring)
      ? { strict, staleAfterDays, attestation, exemptions }
      : { strict, staleAfterDays };
  }

  /** Changes when anything that summaries are computed from changes. */
  fingerprint(): string {
    const { attestation, exemptions, ...scoring } = this.scoring;
    return createHash('sha256')
      .update(
        JSON.stringify({
          model: this.model,
          // Unconfigured expiry leaves the fingerprint as before it existed.
          scoring: expiryEnabled(this.scoring)
            ? { ...scoring, attestation, exemptions }
            : scoring,
          format: LEVELS_FORMAT,
        }),
      )
      .digest('hex');
  }

  /**
   * The result of a snapshot under a lifecycle's default targets, at `now`
   * (topics expire with time when attestation or exemptions are on).
   */
  resultOf(
    record: AssessmentRecord,
    lifecycle: string | null,
    now: Date = new Date(),
  ) {
    const effectiveLifecycle = lifecycle ?? record.lifecycle ?? undefined;
    // The review too: an approval grants the snapshot's exemptions from then.
    const key = `${record.entityRef}#${record.revision}#${record.createdAt}#${effectiveLifecycle}#${record.review?.status}`;
    const at = now.getTime();
    const cached = this.results.get(key);
    if (cached && cached.fromMs <= at && at < cached.untilMs) {
      return cached.result;
    }
    const targets = resolveTargets(this.model, {
      assessmentTargets: record.targets,
      defaults: this.scoring.targets,
      lifecycle: effectiveLifecycle,
    });
    const result = computeAssessmentResult(
      this.model,
      {
        ratings: record.ratings,
        targets,
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        attestedAt: record.attestedAt,
        exemptions: record.exemptions,
        approval: approvalOf(record),
      },
      { ...this.options, now },
    );
    this.results.set(key, { result, ...spanOf(result) });
    return result;
  }

  /**
   * What scorecards keep of a snapshot: its levels and sums, scored at
   * `now`, and when that score next changes (`validUntil`).
   */
  summaryOf(
    record: AssessmentRecord,
    lifecycle: string | null,
    now: Date = new Date(),
  ): SnapshotSummary {
    const result = this.resultOf(record, lifecycle, now);
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
      validUntil: summary.validUntil ?? null,
      dimensionMedians: this.dimensionsOf(medians),
      levels: {
        topicLevels: this.topicIds.map(id => summary.topicLevels[id] ?? null),
        dimensionMedians: medians,
        notApplicable: summary.notApplicableTopics.map(id =>
          this.topicIds.indexOf(id),
        ),
      },
      // Under review it counts from its approval, not from when written.
      ...(record.review?.status === 'approved' && {
        countedFrom: record.review.decidedAt,
      }),
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
  ): (summary: StoredLevels & { assessedAtMs: number }) => GoalLevelsAt {
    const levelsOf = this.goalLevels(goals);
    return summary => ({
      assessedAtMs: summary.assessedAtMs,
      ...levelsOf(summary),
    });
  }

  /**
   * The levels some goals name, by id, of levels stored by position. With
   * `reuse`, written into one object handed back each time, for a reader
   * that checks each at once and keeps none: a burn-up reads hundreds of
   * thousands (the goals' ids are the same keys every time).
   */
  goalLevels(
    goals: CampaignGoals,
    { reuse = false }: { reuse?: boolean } = {},
  ): (levels: StoredLevels) => GoalLevels {
    const { topics, dimensions } = this.goalIds(goals);
    const empty = (): GoalLevels => ({ topicLevels: {}, dimensionMedians: {} });
    const shared = reuse ? empty() : undefined;
    return levels => {
      const into = shared ?? empty();
      for (const [id, i] of topics) {
        into.topicLevels[id] = levels.topicLevels[i] ?? null;
      }
      for (const [id, i] of dimensions) {
        into.dimensionMedians[id] = levels.dimensionMedians[i] ?? null;
      }
      return into;
    };
  }

  /** The positions of the levels some goals name: all a read for them needs. */
  goalPositions(goals: CampaignGoals): LevelPositions {
    const { topics, dimensions } = this.goalIds(goals);
    return {
      topics: topics.map(([, i]) => i),
      dimensions: dimensions.map(([, i]) => i),
    };
  }

  /** The ids some goals name that the model has, each with its position. */
  private goalIds(goals: CampaignGoals) {
    const positions = (ids: string[], named: object | undefined) =>
      Object.keys(named ?? {})
        .map(id => [id, ids.indexOf(id)] as const)
        .filter(([, i]) => i >= 0);
    return {
      topics: positions(this.topicIds, goals.topics),
      dimensions: positions(this.dimensionIds, goals.dimensions),
    };
  }
}

/**
 * The levels of a snapshot that goals are checked against, and when it was
 * made: a {@link GoalSubject} with its time as a number, as a whole
 * organisation's are held.
 */
export type GoalLevelsAt = GoalLevels & { assessedAtMs: number };

/** The subject {@link evaluateGoals} checks, of levels held as numbers. */
export function goalSubject(latest: GoalLevelsAt | null): GoalSubject | null {
  if (!latest) return null;
  const { assessedAtMs, ...levels } = latest;
  return { ...levels, assessedAt: new Date(assessedAtMs).toISOString() };
}

/** A result and the times between which no topic of it expires. */
type ScoredSpan = { result: AssessmentResult; fromMs: number; untilMs: number };

function spanOf(result: AssessmentResult): Omit<ScoredSpan, 'result'> {
  let fromMs = -Infinity;
  let untilMs = Infinity;
  for (const topic of Object.values(result.topics)) {
    if (!topic.expiresAt) continue;
    const end = new Date(topic.expiresAt).getTime();
    if (topic.expired) fromMs = Math.max(fromMs, end);
    else untilMs = Math.min(untilMs, end);
  }
  return { fromMs, untilMs };
}

/** Levels as a summary stores them, by position. */
export type StoredLevels = Pick<
  StoredSummary,
  'topicLevels' | 'dimensionMedians'
>;
