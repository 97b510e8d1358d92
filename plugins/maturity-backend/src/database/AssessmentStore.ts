import type {
  TopicMap,
  TopicRatings,
} from '@cnmm/backstage-plugin-maturity-common';

/** What a snapshot records besides its computed result. */
export interface AssessmentRecord {
  entityRef: string;
  revision: number;
  modelId: string;
  modelVersion: string;
  createdAt: string;
  createdBy: string;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  ratings: TopicMap<TopicRatings>;
  targets: TopicMap<number>;
  notes: TopicMap<string>;
  evidence: TopicMap<string[]>;
  comment: string | null;
}

/** A new snapshot; its revision is `baseRevision + 1`. */
export type NewAssessment = Omit<AssessmentRecord, 'revision' | 'createdAt'> & {
  baseRevision: number;
};

/** Storage of immutable assessment snapshots. */
export interface AssessmentStore {
  /**
   * Stores a snapshot if `baseRevision` is the entity's current revision;
   * otherwise throws a ConflictError and stores nothing.
   */
  insert(assessment: NewAssessment): Promise<AssessmentRecord>;
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
