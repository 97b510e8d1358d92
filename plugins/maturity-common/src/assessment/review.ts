import { z } from 'zod';
import type { AsOfAnswer } from '../api/asOf';
import type { SnapshotApproval } from '../scoring/attestation';
import { SUBMISSION_LIMITS, type StoredAssessment } from './schema';

/** Where a snapshot stands in the four-eyes review. @public */
export const REVIEW_STATUSES = ['pending', 'approved', 'returned'] as const;

/** @public */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** A snapshot's review: who decided, when, and why it was returned. @public */
export interface SnapshotReview {
  status: ReviewStatus;
  /** The reviewer's user ref, once decided. */
  reviewer?: string;
  decidedAt?: string;
  /** Required when returned; optional with an approval. */
  comment?: string;
}

/**
 * Whether a snapshot counts in levels, roll-ups and progress: one written
 * without review, or approved. A pending or returned one never does; the
 * entity's earlier counted snapshot stands in for it.
 * @public
 */
export function snapshotCounts(snapshot: {
  review?: Pick<SnapshotReview, 'status'>;
}): boolean {
  return !snapshot.review || snapshot.review.status === 'approved';
}

/**
 * Who approved a snapshot and when, from its review: an exemption set or
 * confirmed by an approved snapshot is granted by the reviewer, from the
 * approval (`exemptionsOf`, `topicExpiries`). A snapshot written without
 * review, or not approved, has none.
 * @public
 */
export function approvalOf(snapshot: {
  review?: SnapshotReview;
}): SnapshotApproval | undefined {
  const { review } = snapshot;
  return review?.status === 'approved' && review.reviewer && review.decidedAt
    ? { reviewer: review.reviewer, decidedAt: review.decidedAt }
    : undefined;
}

/** @public */
export const REVIEW_DECISIONS = ['approve', 'return'] as const;

/** @public */
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/**
 * Body of `POST /entities/.../assessments/{revision}/review`. A return says
 * why: without a comment that is more than blanks it is refused.
 * @public
 */
export const reviewDecisionSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS),
    comment: z.string().max(SUBMISSION_LIMITS.commentLength).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'return' && !body.comment?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'a returned assessment needs a comment saying why',
      });
    }
  });

/** @public */
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/**
 * Answer of `GET /entities/{kind}/{namespace}/{name}`: the latest snapshot,
 * and, when that one does not count (pending or returned), the earlier
 * snapshot that does, if any.
 * @public
 */
export type EntityAssessment = StoredAssessment &
  AsOfAnswer & { counted?: StoredAssessment };

/** Query of `GET /reviews`. @public */
export const reviewQueueQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

/** @public */
export type ReviewQueueQuery = z.input<typeof reviewQueueQuerySchema>;

/** A pending latest snapshot the caller may decide. @public */
export interface ReviewItem {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
  revision: number;
  createdBy: string;
  createdAt: string;
  /** Whole days since the snapshot was written. */
  ageDays: number;
}

/** Answer of `GET /reviews`: oldest first. @public */
export interface ReviewQueuePage {
  items: ReviewItem[];
  nextCursor?: string;
}
