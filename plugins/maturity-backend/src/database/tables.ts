/** The plugin's tables and the shapes of their rows. */
export const ASSESSMENTS = 'maturity_assessment';
export const ENTITIES = 'maturity_entity';
export const OWNERS = 'maturity_entity_owner';
export const SUMMARIES = 'maturity_summary';
export const SUMMARY_DIMENSIONS = 'maturity_summary_dimension';
export const SUMMARY_HISTORY = 'maturity_summary_history';
export const META = 'maturity_meta';
export const ORPHANS = 'maturity_orphan';
export const REVISIONS = 'maturity_revision';
export const GENERATIONS = 'maturity_generation';
export const CAMPAIGNS = 'maturity_campaign';
export const VERSIONS = 'maturity_campaign_version';
export const DIGESTS = 'maturity_reminder_digest';
export const REMINDER_ITEMS = 'maturity_reminder_item';
export const WRITE_WINDOWS = 'maturity_write_window';
export const REVIEW_DECISIONS = 'maturity_review_decision';
export const REVIEW_QUEUE = 'maturity_review_queue';

/** One snapshot; its ratings, targets, notes, evidence and comment are JSON in `payload`. */
export type AssessmentRow = {
  entity_ref: string;
  revision: number | string;
  model_id: string;
  model_version: string;
  created_at: Date | string | number;
  created_by: string;
  owner_ref: string | null;
  system_ref: string | null;
  lifecycle: string | null;
  /** The catalog's metadata.uid of the entity then; null before it was recorded. */
  entity_uid: string | null;
  payload: string;
  /** Written while review was required; absent (false) before reviews existed. */
  review_required?: boolean | number;
};

/** The one decision on a snapshot under review. */
export type ReviewDecisionRow = {
  entity_ref: string;
  revision: number | string;
  decision: 'approved' | 'returned';
  reviewer: string;
  decided_at: Date | string | number;
  comment: string | null;
};

/** An entity's latest snapshot while it waits for a decision. */
export type ReviewQueueRow = {
  entity_ref: string;
  revision: number | string;
  created_at: Date | string | number;
  created_by: string;
};

/** One catalog entity as scorecards need it; refs are lower-cased. */
export type EntityRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  domain_ref: string | null;
  lifecycle: string | null;
  parent_ref: string | null;
  etag: string | null;
};

/** One of the owners (`ownedBy` relations) of an indexed entity. */
export type OwnerRow = { entity_ref: string; owner_ref: string };

/**
 * The scored latest snapshot of an entity. `levels` is JSON of
 * `[topicLevels, dimensionMedians]`, each in the model's order.
 */
export type SummaryRow = {
  entity_ref: string;
  revision: number;
  assessed_at: Date;
  stale_at: Date;
  percent_to_target: number | null;
  target_sum: number;
  gap_sum: number;
  lowest_median: number | null;
  levels: string;
  entity_uid: string | null;
  /** When a topic next expires (the expiry task recomputes the row then). */
  valid_until?: Date | null;
};

/**
 * The scored summary of one snapshot and the period it was its entity's
 * latest: from `valid_from` (its created_at) until `valid_to` (the earliest
 * created_at of a later revision; null while it is the latest). Its summary
 * columns are those of {@link SummaryRow}, null (`stale_at` null) until the
 * start-up recompute scores a row back-filled by the migration.
 */
export type HistoryRow = {
  [K in keyof Omit<SummaryRow, 'valid_until'>]: K extends
    | 'entity_ref'
    | 'revision'
    | 'entity_uid'
    ? SummaryRow[K]
    : SummaryRow[K] | null;
} & {
  valid_from: Date | string | number;
  valid_to: Date | string | number | null;
};

/** A summary with the dimension medians that go into their own table. */
export type Summary = {
  row: SummaryRow;
  dimensions: Array<{ dimension_id: string; median: number | null }>;
};

/** A user's snapshot writes in the current one-minute window. */
export type WriteWindowRow = {
  user_ref: string;
  window_start: Date | string | number;
  count: number | string;
};

/** One reminder notification to an owner; its items say what it is about. */
export type DigestRow = {
  id: string;
  owner_ref: string;
  reason: string;
  created_at: Date | string | number;
  lease_until: Date | string | number | null;
  sent_at: Date | string | number | null;
  attempts: number | string;
};

/** What one entity was reminded of, at most once per key. */
export type ReminderItemRow = {
  campaign_id: string;
  reason: string;
  period: string;
  entity_ref: string;
  digest_id: string | null;
  created_at: Date | string | number;
};
