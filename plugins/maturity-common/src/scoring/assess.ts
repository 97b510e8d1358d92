import type {
  AssessmentResult,
  TopicMap,
  TopicRatings,
  TopicResult,
} from '../assessment/schema';
import type { AttestationSettings, ExemptionSettings } from '../api/settings';
import type { MaturityModel, Topic } from '../model/schema';
import { AttestationInput, NO_EXPIRY, topicExpiries } from './attestation';
import { levelStats } from './stats';
import { ScoringOptions, scoreTopic } from './topicLevel';

/** Default age, in days, after which an assessment is stale. @public */
export const DEFAULT_STALE_AFTER_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether an assessment made at `createdAt` is stale at `now`. @public */
export function isStale(
  createdAt: string | Date,
  now: Date,
  staleAfterDays: number = DEFAULT_STALE_AFTER_DAYS,
): boolean {
  return (
    now.getTime() - new Date(createdAt).getTime() > staleAfterDays * DAY_MS
  );
}

/** Σtarget and Σgap over topics with a target; an unrated topic's gap is its target. */
export function targetSums(
  topics: Iterable<Pick<TopicResult, 'target' | 'gap'>>,
): { targetSum: number; gapSum: number } {
  let gapSum = 0;
  let targetSum = 0;
  for (const { target, gap } of topics) {
    if (target !== null && target > 0) {
      targetSum += target;
      gapSum += gap ?? target;
    }
  }
  return { targetSum, gapSum };
}

/** 1 − Σgap / Σtarget, or null when no target is set. */
export function percentOfSums(sums: {
  targetSum: number;
  gapSum: number;
}): number | null {
  return sums.targetSum === 0 ? null : 1 - sums.gapSum / sums.targetSum;
}

/** Percent to target: 1 − Σgap / Σtarget, or null when no target is set. */
export function percentToTarget(
  topics: Iterable<Pick<TopicResult, 'target' | 'gap'>>,
): number | null {
  return percentOfSums(targetSums(topics));
}

/** How a result is computed besides the snapshot itself. @public */
export interface ResultOptions extends ScoringOptions {
  /** The clock of staleness and expiry; the current time when absent. */
  now?: Date;
  staleAfterDays?: number;
  /**
   * When to expire topics. With neither, no topic expires and topic results
   * have no `attestedAt`, `expiresAt` and `expired`, as before attestation.
   */
  attestation?: AttestationSettings;
  exemptions?: ExemptionSettings;
}

/**
 * Everything shown about one assessment, computed from its ratings,
 * resolved targets and attestations at `now`. Pure: the same input always
 * gives the same result. A topic past its `expiresAt` counts as unrated (no
 * level, its target all gap, out of the medians) until confirmed again.
 * @public
 */
export function computeAssessmentResult(
  model: MaturityModel,
  input: {
    ratings: TopicMap<TopicRatings>;
    targets: TopicMap<number>;
    createdAt: string | Date;
  } & Partial<Omit<AttestationInput, 'ratings' | 'createdAt'>> & {
      createdBy?: string;
    },
  options: ResultOptions = {},
): AssessmentResult {
  const now = options.now ?? new Date();
  // Without the settings the result is as before attestation, field for field.
  const expiries =
    options.attestation || options.exemptions
      ? topicExpiries(model, input, {
          attestation: options.attestation ?? NO_EXPIRY.attestation,
          exemptions: options.exemptions ?? NO_EXPIRY.exemptions,
        })
      : undefined;
  const topics: Record<string, TopicResult> = {};
  const dimensions: AssessmentResult['dimensions'] = {};
  for (const dimension of model.dimensions) {
    const levels: Array<number | null> = [];
    for (const topic of dimension.topics) {
      const expiry = expiries?.[topic.id];
      const expired =
        !!expiry?.expiresAt &&
        new Date(expiry.expiresAt).getTime() <= now.getTime();
      const rated = scoreTopic(
        input.ratings[topic.id],
        topic.maxLevel,
        options,
      );
      const score = expired
        ? { ...rated, level: null, notApplicable: false }
        : rated;
      const given = Object.hasOwn(input.targets, topic.id)
        ? input.targets[topic.id] ?? null
        : null;
      // Stored targets may come from an older model with a higher maxLevel.
      const target =
        given === null || score.notApplicable
          ? null
          : Math.min(given, topic.maxLevel);
      const reached = score.level ?? 0;
      topics[topic.id] = {
        level: score.level,
        target,
        gap: target === null ? null : Math.max(0, target - reached),
        nextLevel: target !== null && reached < target ? reached + 1 : null,
        inconsistent: score.inconsistent,
        incomplete: score.incomplete,
        notApplicable: score.notApplicable,
        ...(expiry && { ...expiry, expired }),
      };
      levels.push(score.level);
    }
    dimensions[dimension.id] = levelStats(levels);
  }
  return {
    topics,
    dimensions,
    percentToTarget: percentToTarget(Object.values(topics)),
    stale: isStale(input.createdAt, now, options.staleAfterDays),
  };
}

/** A step to take: the first unmet level of a topic below its target. @public */
export interface NextStep {
  /** The dimension of the topic. */
  dimensionId: string;
  /** The topic below its target. */
  topicId: string;
  topicTitle: string;
  /** The level to reach next, with its criteria. */
  level: Topic['levels'][number];
  /** The official page of the topic. */
  url: string;
}

/** The next steps of a result, in the model's order. @public */
export function nextSteps(
  model: MaturityModel,
  result: Pick<AssessmentResult, 'topics'>,
): NextStep[] {
  const steps: NextStep[] = [];
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      const next = result.topics[topic.id]?.nextLevel;
      const level = topic.levels.find(l => l.level === next);
      if (level) {
        steps.push({
          dimensionId: dimension.id,
          topicId: topic.id,
          topicTitle: topic.title,
          level,
          url: topic.url,
        });
      }
    }
  }
  return steps;
}
