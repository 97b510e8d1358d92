import type { StoredAssessment } from '@cnmm/backstage-plugin-maturity-common';
import type { Summary } from './tables';

/**
 * What a snapshot records: the stored assessment without its computed result,
 * plus the entity's lifecycle then, which picks the default targets.
 */
export type AssessmentRecord = Omit<StoredAssessment, 'result'> & {
  lifecycle: string | null;
};

/** A new snapshot; its revision is `baseRevision + 1`. */
export type NewAssessment = Omit<AssessmentRecord, 'revision' | 'createdAt'> & {
  baseRevision: number;
};

/** Storage of immutable assessment snapshots. */
export interface AssessmentStore {
  /**
   * Stores a snapshot if `baseRevision` is the entity's current revision;
   * otherwise throws a ConflictError and stores nothing. The summary of the
   * new snapshot is written in the same transaction.
   */
  insert(
    assessment: NewAssessment,
    summarize: (record: AssessmentRecord) => Summary,
  ): Promise<AssessmentRecord>;
  /** Replaces the summaries of some entities, e.g. after a config change. */
  replaceSummaries(summaries: Summary[]): Promise<void>;
  /** The latest snapshots of up to `limit` entities with refs after `afterRef`, by ref. */
  latestAfter(afterRef: string, limit: number): Promise<AssessmentRecord[]>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** The latest snapshot of each of the entities that has one. */
  getLatest(entityRefs: string[]): Promise<Map<string, AssessmentRecord>>;
  /** Snapshots newest first, starting below `beforeRevision` when given. */
  getHistory(
    entityRef: string,
    options: { limit: number; beforeRevision?: number },
  ): Promise<AssessmentRecord[]>;
  /** Every entity ref that has at least one snapshot. */
  listEntityRefs(): Promise<string[]>;
  /**
   * Records which assessed entities are missing from the catalog now, forgets
   * the ones that came back, and deletes the snapshots of entities missing
   * since before `deleteMissingSince`.
   * @returns the entity refs whose snapshots were deleted
   */
  reconcileOrphans(options: {
    missing: string[];
    now: Date;
    deleteMissingSince?: Date;
  }): Promise<string[]>;
}
