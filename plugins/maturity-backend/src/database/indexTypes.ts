import type { EncodedLevels } from './AssessmentStore';

/**
 * Which indexed entities a question is about; refs are lower-cased. Owner
 * filters (`owner`, `ownerIn`, `ownerSubtreeOf`) test an entity's first
 * owner; `coOwned` adds those a further owner places there. `owners` is the
 * first owner alone, by which scorecards read in walks.
 */
export type IndexScope = {
  kind: string;
  /** These entities only (a few), those of them in the rest of the scope. */
  entityRefs?: string[];
  owner?: string;
  /** Owned by this group or any group below it. */
  ownerSubtreeOf?: string;
  /** Owned by one of these: a few, each bound on its own. */
  owners?: string[];
  /** Owned by one of these, however many: bound as one value. */
  ownerIn?: string[];
  /**
   * Also in the scope, or with no owner filter the scope's only members:
   * entities an owner filter holds through a further owner, not their first
   * (MaturityIndex.coOwned).
   */
  coOwned?: string[];
  system?: string;
  /** Part of one of these systems. */
  systemIn?: string[];
  /** Part of this domain itself (systems). */
  domain?: string;
  /** Part of a system that is part of this domain. */
  systemInDomain?: string;
  lifecycle?: string;
  /** Every rated dimension median at least this. */
  minLevel?: number;
  /** Assessed, with a gap to target on at least one topic. */
  belowTarget?: boolean;
  /** Whose latest snapshot waits for review (the review queue, now). */
  reviewPending?: boolean;
  /**
   * A topic's attestation or exemption ends at or before this time (the
   * summary's `valid_until`); of the current summaries only.
   */
  expiresBefore?: Date;
  /** With a topic rated entirely not applicable (an exemption) that counts. */
  exempt?: boolean;
  /**
   * Read the summaries as they were at this time (the history rows valid
   * then) rather than now. Membership is today's: the catalog keeps no
   * history. Staleness is the caller's to measure at this time too.
   */
  asOf?: Date;
  /**
   * For a read of `change` fields: each entity's summary as it was at this
   * earlier time too, joined in the same statement (`b`).
   */
  since?: Date;
};

export type SortColumn =
  | 'name'
  | 'percentToTarget'
  | 'assessedAt'
  | 'revision'
  | { dimension: string };

export type Sort = { by: SortColumn; order: 'asc' | 'desc' };

/** Where the previous page ended: its last row's sort value and ref. */
export type Keyset = { value: unknown; ref: string };

/** What the index keeps of a catalog entity; refs are lower-cased. */
export type CatalogEntityRecord = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  domainRef: string | null;
  lifecycle: string | null;
  /** A group's parent group. */
  parentRef: string | null;
  etag: string | null;
};

/**
 * A catalog entity as the index writes it: with every owner (its ownedBy
 * relations, `ownerRef` first); `ownerRef` alone when not given.
 */
export type IndexedRecord = CatalogEntityRecord & { ownerRefs?: string[] };

/** The summary of an entity's latest snapshot, as scorecards read it. */
export type StoredSummary = {
  revision: number;
  assessedAt: string;
  /** When it becomes stale, in epoch milliseconds: only ever compared with the clock. */
  staleAtMs: number;
  percentToTarget: number | null;
  lowestMedian: number | null;
  targetSum: number;
  gapSum: number;
} & EncodedLevels;

/** An indexed entity with its latest summary; null when unassessed. */
export type IndexedEntity = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  summary: StoredSummary | null;
  /** The value a page was sorted by, for its keyset cursor. */
  sortKey?: unknown;
};

/**
 * What a roll-up counts of a summary: its levels in the model's order and
 * its sums (the common package's `SummaryLevels`), and when it goes stale.
 */
export type RollUpSummary = Pick<
  StoredSummary,
  'staleAtMs' | 'targetSum' | 'gapSum' | 'topicLevels' | 'dimensionMedians'
>;

/** What a roll-up reads of an entity: what places it in a child, and its levels. */
export type RollUpEntity = Pick<
  IndexedEntity,
  'entityRef' | 'ownerRef' | 'systemRef'
> & { summary: RollUpSummary | null };

/** What the catalog table shows of an entity: whether, when and how it was assessed. */
export type CatalogSummary = {
  entityRef: string;
  summary: Pick<
    StoredSummary,
    'revision' | 'assessedAt' | 'staleAtMs' | 'lowestMedian'
  > | null;
};

/**
 * A summary's levels in the model's order, and which snapshot they are of:
 * its time in epoch milliseconds, since a whole scope is read for the few
 * rows whose time is written out.
 */
export type LevelsOf = Pick<
  StoredSummary,
  'revision' | 'topicLevels' | 'dimensionMedians'
> & { assessedAtMs: number };

/**
 * What the changes between two moments read of an entity: its summary at
 * the read's moment and at the scope's `since`, each null when unassessed.
 */
export type ChangedEntity = Pick<
  IndexedEntity,
  'entityRef' | 'title' | 'ownerRef'
> & { summary: LevelsOf | null; before: LevelsOf | null };

/** What a campaign checks of an entity: who it is, and its levels. */
export type GoalEntity = Pick<
  IndexedEntity,
  'entityRef' | 'title' | 'ownerRef'
> & {
  summary:
    | (Pick<StoredSummary, 'topicLevels' | 'dimensionMedians'> & {
        assessedAtMs: number;
      })
    | null;
};

/**
 * What a read returns of each entity: all of it, what a roll-up counts,
 * what a change compares (with a scope's `since`), or what a campaign
 * checks.
 */
export type IndexFields = 'entity' | 'rollUp' | 'change' | 'goals';

export type EntityOf<F extends IndexFields> = F extends 'rollUp'
  ? RollUpEntity
  : F extends 'change'
  ? ChangedEntity
  : F extends 'goals'
  ? GoalEntity
  : IndexedEntity;

export type GroupNode = {
  entityRef: string;
  parentRef: string | null;
  title: string | null;
};
