import { z } from 'zod';
import { LEVELS, MaturityModel } from '../model/schema';
import type { SnapshotReview } from './review';

/** How far a team meets one level of one topic. @public */
export const RATINGS = [
  'not-yet',
  'partially',
  'largely',
  'fully',
  'not-applicable',
] as const;

/** @public */
export type Rating = (typeof RATINGS)[number];

export const ratingSchema = z.enum(RATINGS);

/** Limits on what one submission may hold; they keep a snapshot readable. @public */
export const SUBMISSION_LIMITS = {
  noteLength: 4000,
  commentLength: 2000,
  evidencePerTopic: 20,
  urlLength: 2000,
  /**
   * Bytes (UTF-8) of all notes, evidence URLs and the comment of one
   * submission together: far above a real assessment, far below what the
   * per-field limits alone would let through.
   */
  totalTextBytes: 64 * 1024,
} as const;

/** Ratings of one topic: level ("1".."5") → rating. @public */
export type TopicRatings = Partial<Record<string, Rating>>;

/** A value per topic id; topics without a value are absent. @public */
export type TopicMap<T> = Partial<Record<string, T>>;

/** A new assessment as sent by a client. @public */
export interface AssessmentSubmission {
  baseRevision: number;
  ratings: TopicMap<TopicRatings>;
  targets?: TopicMap<number>;
  notes?: TopicMap<string>;
  evidence?: TopicMap<string[]>;
  comment?: string;
  /**
   * Topics whose ratings are confirmed unchanged: their `attestedAt` becomes
   * this snapshot's time although their ratings equal the base snapshot's.
   */
  confirmed?: string[];
  /**
   * The reason of each exemption: a topic rated entirely not applicable.
   * With `maturity.exemptions.enabled`, every such topic needs a non-blank
   * reason and no other topic may have one (`submissionRuleProblems`).
   */
  exemptions?: TopicMap<string>;
}

const httpUrl = z
  .string()
  .max(SUBMISSION_LIMITS.urlLength)
  .refine(
    value => {
      try {
        const { protocol } = new URL(value);
        return protocol === 'http:' || protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  );

/** One optional entry per topic of the model, and no other key. */
function perTopic<T extends z.ZodTypeAny>(
  model: MaturityModel,
  valueFor: (maxLevel: number) => T,
) {
  const shape: Record<string, z.ZodOptional<T>> = {};
  for (const dimension of model.dimensions) {
    for (const topic of dimension.topics) {
      shape[topic.id] = valueFor(topic.maxLevel).optional();
    }
  }
  return z.strictObject(shape);
}

type FreeText = Pick<
  AssessmentSubmission,
  'notes' | 'evidence' | 'comment' | 'exemptions'
>;

/**
 * Reports the first field at which the free text of a submission passes
 * `totalTextBytes`, so the 400 names where to cut.
 */
function checkTotalText(submission: FreeText, ctx: z.RefinementCtx) {
  const fields: Array<[Array<string | number>, string]> = [];
  for (const [topic, note] of Object.entries(submission.notes ?? {})) {
    if (note) fields.push([['notes', topic], note]);
  }
  for (const [topic, urls] of Object.entries(submission.evidence ?? {})) {
    urls?.forEach((url, i) => fields.push([['evidence', topic, i], url]));
  }
  for (const [topic, reason] of Object.entries(submission.exemptions ?? {})) {
    if (reason) fields.push([['exemptions', topic], reason]);
  }
  if (submission.comment) fields.push([['comment'], submission.comment]);
  let total = 0;
  for (const [path, text] of fields) {
    total += new TextEncoder().encode(text).length;
    if (total > SUBMISSION_LIMITS.totalTextBytes) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path,
        message: `notes, evidence, exemption reasons and comment together may hold at most ${SUBMISSION_LIMITS.totalTextBytes} bytes; this field passes that`,
      });
      return;
    }
  }
}

/**
 * The schema of a submission against one model: unknown topics, levels above
 * a topic's maxLevel and unknown keys are rejected, with the path of the
 * offending field, and so is free text beyond `totalTextBytes` in all.
 * Whether exemptions have their reasons depends on settings, so that rule is
 * `submissionRuleProblems`, not this schema.
 * @public
 */
export function createSubmissionSchema(model: MaturityModel) {
  const topicIds = model.dimensions.flatMap(d => d.topics.map(t => t.id));
  return z
    .strictObject({
      baseRevision: z.number().int().min(0),
      ratings: perTopic(model, maxLevel =>
        z.strictObject(
          Object.fromEntries(
            LEVELS.filter(level => level <= maxLevel).map(level => [
              String(level),
              ratingSchema.optional(),
            ]),
          ),
        ),
      ),
      targets: perTopic(model, maxLevel =>
        z.number().int().min(0).max(maxLevel),
      ).optional(),
      notes: perTopic(model, () =>
        z.string().max(SUBMISSION_LIMITS.noteLength),
      ).optional(),
      evidence: perTopic(model, () =>
        z.array(httpUrl).max(SUBMISSION_LIMITS.evidencePerTopic),
      ).optional(),
      comment: z.string().max(SUBMISSION_LIMITS.commentLength).optional(),
      confirmed: z
        .array(z.enum(topicIds as [string, ...string[]]))
        .max(topicIds.length)
        .refine(ids => new Set(ids).size === ids.length, {
          message: 'must not name a topic twice',
        })
        .optional(),
      exemptions: perTopic(model, () =>
        z.string().max(SUBMISSION_LIMITS.noteLength),
      ).optional(),
    })
    .superRefine(checkTotalText, {
      // A field already too long is reported alone, by its own limit.
      when: payload => payload.issues.length === 0,
    });
}

/** The computed state of one topic. @public */
export interface TopicResult {
  /** Reached level; 0 when level 1 is not met; null when unrated. */
  level: number | null;
  target: number | null;
  gap: number | null;
  /** The level to work on next, while below target. */
  nextLevel: number | null;
  /** A higher level is claimed above one rated as not met. */
  inconsistent: boolean;
  /** A level is rated above one left unrated. */
  incomplete: boolean;
  /**
   * Every rated level is `not-applicable`: the topic has no level, target or
   * gap and no place in medians or percent to target.
   */
  notApplicable: boolean;
  /*
   * The three below are present when `maturity.attestation` or
   * `maturity.exemptions` is configured, absent otherwise (a result as
   * before these settings).
   */
  /** When the topic's ratings were last set or confirmed unchanged; null when unrated. */
  attestedAt?: string | null;
  /**
   * When the topic stops counting: its attestation's end
   * (`maturity.attestation`) or, for an exemption, the exemption's end
   * (`maturity.exemptions.maxDays`), whichever is first; null when it never
   * does.
   */
  expiresAt?: string | null;
  /**
   * Past `expiresAt`: the topic counts as unrated (no level, its target all
   * gap, out of the medians and roll-ups) until it is confirmed again.
   */
  expired?: boolean;
}

/** Statistics over topic levels (or component levels); never a mean. @public */
export interface LevelStats {
  /** Lower median; null when nothing is rated. */
  median: number | null;
  min: number | null;
  max: number | null;
  /** Count per level 0..5. */
  distribution: number[];
  /** How many values were rated (not null): the base of the median. */
  rated: number;
}

/** @public */
export interface AssessmentResult {
  topics: Record<string, TopicResult>;
  dimensions: Record<string, LevelStats>;
  /** 1 − Σgap / Σtarget over topics with a target; null without targets. */
  percentToTarget: number | null;
  stale: boolean;
}

/** Who made a topic an exemption (rated it entirely not applicable), and why. @public */
export interface ExemptionRecord {
  reason: string;
  /** The user whose snapshot first gave the reason. */
  author: string;
  /** Under review: the reviewer whose approval granted it. */
  approver?: string;
}

/** A stored, immutable snapshot with its computed result. @public */
export interface StoredAssessment {
  entityRef: string;
  revision: number;
  modelId: string;
  modelVersion: string;
  createdAt: string;
  createdBy: string;
  ownerRef: string | null;
  systemRef: string | null;
  ratings: TopicMap<TopicRatings>;
  targets: TopicMap<number>;
  notes: TopicMap<string>;
  evidence: TopicMap<string[]>;
  comment: string | null;
  /**
   * Per rated topic, when its ratings were last set or confirmed unchanged:
   * this snapshot's time when they differ from the base snapshot's or are
   * confirmed, else the base snapshot's value (a snapshot written before
   * attestation counts as attested at its `createdAt`). Always present in the
   * backend's answers; optional in the type for snapshots built before it.
   */
  attestedAt?: TopicMap<string>;
  /** The exemptions of this snapshot, by topic. Always present in the backend's answers. */
  exemptions?: TopicMap<ExemptionRecord>;
  result: AssessmentResult;
  /**
   * The four-eyes review of the snapshot; absent for one written while review
   * was not required, which counts as it always did.
   */
  review?: SnapshotReview;
}

/** A page of snapshots, newest first. @public */
export interface AssessmentHistoryPage {
  items: StoredAssessment[];
  nextCursor: string | null;
}
