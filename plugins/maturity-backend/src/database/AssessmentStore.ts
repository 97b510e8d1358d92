import type { StoredAssessment } from '@cnmm/backstage-plugin-maturity-common';

/** Levels in the model's order, as summaries keep them. */
export type EncodedLevels = {
  topicLevels: Array<number | null>;
  dimensionMedians: Array<number | null>;
  /** Indexes of the topics rated entirely not applicable. */
  notApplicable: number[];
};

/** The scored latest snapshot of an entity, as scorecards read it. */
export type SnapshotSummary = {
  entityRef: string;
  revision: number;
  /** The catalog's metadata.uid of the entity the snapshot was written for. */
  entityUid: string | null;
  assessedAt: string;
  staleAt: string;
  percentToTarget: number | null;
  targetSum: number;
  gapSum: number;
  lowestMedian: number | null;
  /** When a topic next expires and this summary must be recomputed; null or absent: never. */
  validUntil?: string | null;
  /** Every dimension of the model, by id. */
  dimensionMedians: Record<string, number | null>;
  levels: EncodedLevels;
  /**
   * When it began to count, if later than `assessedAt`: an approved
   * snapshot counts from its decision.
   */
  countedFrom?: string;
};

/**
 * What a snapshot records: the stored assessment without its computed result,
 * plus the entity's lifecycle then, which picks the default targets, and
 * which entity it was written for (its `metadata.uid`; null for snapshots
 * written before uids were recorded, which belong to whoever holds the ref).
 */
export type AssessmentRecord = Omit<StoredAssessment, 'result'> & {
  lifecycle: string | null;
  entityUid: string | null;
};

/** One snapshot's place: its entity and revision. */
export type SnapshotKey = { entityRef: string; revision: number };

/** An indexed entity and its catalog `metadata.uid`. */
export type EntityUid = { entityRef: string; uid: string };

/** A new snapshot; its revision is `baseRevision + 1`. */
export type NewAssessment = Omit<AssessmentRecord, 'revision' | 'createdAt'> & {
  baseRevision: number;
};

/** What a new snapshot carries over from its base snapshot. */
export type CarriedOver = Partial<
  Pick<NewAssessment, 'attestedAt' | 'exemptions'>
>;

/** Storage of immutable assessment snapshots. */
export interface AssessmentStore {
  /**
   * Stores a snapshot if `baseRevision` is the entity's current revision;
   * otherwise throws a ConflictError and stores nothing. The summary of the
   * new snapshot is written in the same transaction, unless it is written
   * under review (`review` pending): then it waits in the review queue and
   * the summary stays the entity's counted snapshot's. A snapshot for another
   * entity than the ref's latest one (another uid) first retires the earlier
   * snapshots: the new entity starts at base revision 0.
   *
   * `carryOver` is given the base snapshot (with its decision; none at base
   * revision 0) in the transaction that checks it, and answers what the new
   * one carries over from it; what it throws stores nothing.
   */
  insert(
    assessment: NewAssessment,
    summarize: (record: AssessmentRecord) => SnapshotSummary,
    carryOver?: (base: AssessmentRecord | undefined) => CarriedOver,
  ): Promise<AssessmentRecord>;
  /**
   * Replaces the summaries of some entities, e.g. after a config change; a
   * summary of a newer revision than the one given is kept.
   */
  replaceSummaries(summaries: SnapshotSummary[]): Promise<void>;
  /**
   * Retires the snapshots of the refs now held by another entity than the
   * one their latest snapshot was written for: hidden from every read (kept
   * for an administrator to reattach), their summary removed. Answers the
   * refs retired.
   */
  retireReplaced(entities: EntityUid[]): Promise<string[]>;
  /**
   * Writes the scores of some snapshots over their history rows (after a
   * change of model, settings or lifecycle), adding the row of one that has
   * none; a snapshot deleted meanwhile gets none.
   */
  replaceHistory(summaries: SnapshotSummary[]): Promise<void>;
  /**
   * Up to `limit` stored snapshots after `after`, in (ref, revision) order,
   * of every generation, hidden ones included, of `entityRefs` only when
   * given: for re-scoring the history, never for an answer.
   */
  snapshotsAfter(
    after: SnapshotKey | undefined,
    limit: number,
    entityRefs?: string[],
  ): Promise<AssessmentRecord[]>;
  /**
   * The counted snapshots (see `getCounted`) of up to `limit` entities with
   * refs after `afterRef`, by ref.
   */
  countedAfter(afterRef: string, limit: number): Promise<AssessmentRecord[]>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * The latest snapshot of each of the entities that has one; with `asOf`,
   * the latest written at or before it (the one the summary history holds
   * valid then).
   */
  getLatest(
    entityRefs: string[],
    asOf?: Date,
  ): Promise<Map<string, AssessmentRecord>>;
  /**
   * The snapshot that counts of each of the entities that has one: the
   * latest written without review or approved. A pending or returned one
   * does not count; while review is not used it is the latest.
   */
  getCounted(entityRefs: string[]): Promise<Map<string, AssessmentRecord>>;
  /** One snapshot of an entity's current generation, if it is stored. */
  getRevision(
    entityRef: string,
    revision: number,
  ): Promise<AssessmentRecord | undefined>;
  /** Snapshots newest first, starting below `beforeRevision` when given. */
  getHistory(
    entityRef: string,
    options: { limit: number; beforeRevision?: number },
  ): Promise<AssessmentRecord[]>;
  /** Every entity ref that has at least one snapshot. */
  listEntityRefs(): Promise<string[]>;
  /**
   * Records which assessed entities are missing from the catalog now and
   * forgets the ones that came back (their soft-deleted snapshots reappear).
   * With `deleteMissingSince`, soft-deletes the entities missing since before
   * it (hidden from reads, kept) unless more than `maxDeletions` are due, and
   * purges those soft-deleted before `purgeDeletedSince`; both only for the
   * refs that `stillMissing` confirms inside the transaction.
   */
  reconcileOrphans(options: ReconcileOptions): Promise<OrphanReconciliation>;
}

/** An indexed entity with a topic whose attestation or exemption ends soon. */
export type ExpiringEntity = {
  entityRef: string;
  ownerRef: string;
  /** When its first topic ends (the summary's `validUntil`). */
  validUntil: string;
};

/**
 * The summaries due for a recompute because a topic of theirs expired, and
 * those about to be.
 */
export interface ExpiredSummaries {
  /**
   * Up to `limit` indexed entities with an owner after `afterRef`, by ref,
   * whose summary's `validUntil` is after `from` and at or before `to`.
   */
  expiringSummaries(
    window: { from: Date; to: Date },
    afterRef: string,
    limit: number,
  ): Promise<ExpiringEntity[]>;
  /**
   * Up to `limit` refs after `afterRef`, by ref, whose summary's
   * `validUntil` is at or before `now`: a topic of theirs has expired since
   * they were scored.
   */
  expiredSummaryRefs(
    now: Date,
    afterRef: string,
    limit: number,
  ): Promise<string[]>;
}

/** @see AssessmentStore.reconcileOrphans */
export type ReconcileOptions = {
  missing: string[];
  now: Date;
  deleteMissingSince?: Date;
  purgeDeletedSince?: Date;
  maxDeletions: number;
  stillMissing: (entityRefs: string[]) => Promise<string[]>;
};

/** An entity whose snapshots were soft-deleted or purged. */
export type OrphanEntity = { entityRef: string; revisions: number };

export type OrphanReconciliation = {
  deleted: OrphanEntity[];
  purged: OrphanEntity[];
  /** Set when more entities were due for deletion than allowed at once. */
  braked?: { due: number; limit: number };
};
