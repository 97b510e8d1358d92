/** One entity's old snapshots, as the retention task weighs them. */
export interface RetentionCandidate {
  entityRef: string;
  /** Its latest revision, whatever its age: never deleted. */
  latestRevision: number;
  /** Its snapshots made before the cutoff, oldest first. */
  snapshots: Array<{ revision: number; createdAt: string }>;
}

/** What the retention task reads and deletes. */
export interface RetentionStore {
  /**
   * Entities with more than one snapshot made before `before`, in ref order
   * after `afterRef`, at most `limit` of them.
   */
  candidates(
    before: Date,
    afterRef: string,
    limit: number,
  ): Promise<RetentionCandidate[]>;
  /**
   * Deletes these revisions of an entity, never its latest one nor the one
   * its summary counts (checked in the statement, so a write that lands meanwhile changes nothing).
   * @returns how many were deleted
   */
  deleteRevisions(entityRef: string, revisions: number[]): Promise<number>;
}
