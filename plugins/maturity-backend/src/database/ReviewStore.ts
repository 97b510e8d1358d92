import type { AssessmentRecord, SnapshotSummary } from './AssessmentStore';
import type { SqlCondition } from './criteriaToSql';

/** A reviewer's decision on a pending snapshot. */
export type NewDecision = {
  entityRef: string;
  revision: number;
  status: 'approved' | 'returned';
  reviewer: string;
  decidedAt: Date;
  comment?: string;
};

/** A pending latest snapshot in the review queue, with its indexed entity. */
export type QueuedSnapshot = {
  entityRef: string;
  revision: number;
  createdAt: string;
  createdBy: string;
  title: string | null;
  ownerRef: string | null;
};

/** Where a page of the queue ended: its last snapshot's age and ref. */
export type QueueKey = { createdAt: string; entityRef: string };

/** How many snapshots wait for review, and since when the oldest. */
export type Waiting = { count: number; oldest?: QueueKey };

/** The four-eyes review of snapshots: decisions and the queue. */
export interface ReviewStore {
  /**
   * Records a decision on the entity's latest snapshot while it waits for
   * one; a ConflictError, and nothing recorded, when it does not (decided
   * already, superseded, or written without review). An approval makes the
   * snapshot the entity's summary and starts its history period, in the
   * same transaction. Answers the snapshot with its review.
   */
  decide(
    decision: NewDecision,
    summarize: (record: AssessmentRecord) => SnapshotSummary,
  ): Promise<AssessmentRecord>;
  /**
   * Up to `limit` queued snapshots of indexed entities, oldest first, after
   * `after`, meeting every condition (over the entity, `e`), none written
   * by `exceptAuthor`.
   */
  queue(options: {
    limit: number;
    after?: QueueKey;
    exceptAuthor: string;
    conditions: SqlCondition[];
  }): Promise<QueuedSnapshot[]>;
  /** How many wait over every indexed entity, and the oldest. */
  waiting(): Promise<Waiting>;
  /**
   * The revisions of an entity that retention keeps whatever their age: the
   * decided ones, the one that counts and the one waiting.
   */
  keptRevisions(entityRef: string): Promise<number[]>;
}
