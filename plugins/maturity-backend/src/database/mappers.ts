import { attestationsOf } from '@cnmm/backstage-plugin-maturity-common';
import { LevelPositions, readLevelsAt } from './encodedLevels';
import type {
  AssessmentRecord,
  NewAssessment,
  SnapshotSummary,
} from './AssessmentStore';
import type {
  CatalogEntityRecord,
  CatalogSummary,
  ChangedEntity,
  EntityOf,
  GoalEntity,
  IndexedEntity,
  IndexFields,
  LevelsOf,
  RollUpEntity,
  StoredSummary,
  RollUpSummary,
} from './indexTypes';
import type { SnapshotReview } from '@cnmm/backstage-plugin-maturity-common';
import type {
  AssessmentRow,
  EntityRow,
  ReviewDecisionRow,
  Summary,
  SummaryRow,
} from './tables';

/**
 * The layout of a summary's `levels` column: [topic levels, dimension
 * medians, indexes of topics rated entirely not applicable]. Part of the
 * summaries' fingerprint, so that a new layout recomputes every summary at
 * start-up.
 */
export const LEVELS_FORMAT = 2;

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

// Staleness is only ever compared with the clock, once for every row of a
// roll-up: as a number it costs no formatting.
function toMs(value: Date | string | number): number {
  return typeof value === 'number' ? value : new Date(value).getTime();
}

type StoredLevels = [Array<number | null>, Array<number | null>, number[]?];

const NONE: readonly number[] = Object.freeze([]);

/**
 * The columns of an index read: any subset of an entity and its summary,
 * and of its summary at an earlier time (`COLUMNS.change`).
 */
export type IndexedColumns = Partial<EntityRow> &
  Partial<Omit<SummaryRow, 'entity_ref'>> & {
    sort_value?: unknown;
    before_revision?: SummaryRow['revision'] | null;
    before_assessed_at?: SummaryRow['assessed_at'] | null;
    before_levels?: SummaryRow['levels'] | null;
  };

// An entity without a snapshot comes back from the summaries' left join
// with nulls: its summary is null.
const assessed = (row: IndexedColumns) =>
  row.stale_at !== null && row.stale_at !== undefined;

const lowestMedian = (row: IndexedColumns) =>
  row.lowest_median === null || row.lowest_median === undefined
    ? null
    : Number(row.lowest_median);

/** An entity with its summary, read with every column (`COLUMNS.entity`). */
export function toIndexedEntity(row: IndexedColumns): IndexedEntity {
  return {
    entityRef: row.entity_ref!,
    kind: row.kind!,
    namespace: row.namespace!,
    name: row.name!,
    title: row.title ?? null,
    ownerRef: row.owner_ref ?? null,
    systemRef: row.system_ref ?? null,
    lifecycle: row.lifecycle ?? null,
    summary: assessed(row) ? toStoredSummary(row) : null,
    sortKey: row.sort_value,
  };
}

// One flat object per summary, its levels decoded in place: a whole
// organisation's export or roll-up maps every row. History rows too.
export function toStoredSummary(row: IndexedColumns): StoredSummary {
  const [topicLevels, dimensionMedians, notApplicable]: StoredLevels =
    JSON.parse(row.levels!);
  return {
    revision: Number(row.revision),
    assessedAt: toIso(row.assessed_at!),
    staleAtMs: toMs(row.stale_at!),
    percentToTarget: row.percent_to_target ?? null,
    lowestMedian: lowestMedian(row),
    targetSum: Number(row.target_sum),
    gapSum: Number(row.gap_sum),
    topicLevels,
    dimensionMedians,
    notApplicable: notApplicable ?? (NONE as number[]),
  };
}

function toRollUpSummary(row: IndexedColumns): RollUpSummary {
  const [topicLevels, dimensionMedians]: StoredLevels = JSON.parse(row.levels!);
  return {
    staleAtMs: toMs(row.stale_at!),
    targetSum: Number(row.target_sum),
    gapSum: Number(row.gap_sum),
    topicLevels,
    dimensionMedians,
  };
}

/** What a roll-up counts of an entity, read with `COLUMNS.rollUp`. */
export function toRollUpEntity(row: IndexedColumns): RollUpEntity {
  return {
    entityRef: row.entity_ref!,
    ownerRef: row.owner_ref ?? null,
    systemRef: row.system_ref ?? null,
    summary: assessed(row) ? toRollUpSummary(row) : null,
  };
}

/**
 * What a change compares of an entity, read with `COLUMNS.change`: its
 * summary at both times, tested by revision (a snapshot always has one).
 */
export function toChangedEntity(row: IndexedColumns): ChangedEntity {
  return {
    entityRef: row.entity_ref!,
    title: row.title ?? null,
    ownerRef: row.owner_ref ?? null,
    summary: toLevelsOf(row.revision, row.assessed_at, row.levels),
    before: toLevelsOf(
      row.before_revision,
      row.before_assessed_at,
      row.before_levels,
    ),
  };
}

function toLevelsOf(
  revision: number | string | null | undefined,
  assessedAt: Date | string | number | null | undefined,
  levels: string | null | undefined,
): LevelsOf | null {
  if (revision === null || revision === undefined) return null;
  const [topicLevels, dimensionMedians]: StoredLevels = JSON.parse(levels!);
  return {
    revision: Number(revision),
    assessedAtMs: toMs(assessedAt!),
    topicLevels,
    dimensionMedians,
  };
}

/** What a campaign checks of an entity, read with `COLUMNS.goals`. */
export function toGoalEntity(row: IndexedColumns): GoalEntity {
  return goalEntityOf(row, levels => {
    const [topicLevels, dimensionMedians]: StoredLevels = JSON.parse(levels);
    return { topicLevels, dimensionMedians };
  });
}

/**
 * As {@link toGoalEntity}, with only the levels at the positions `only`
 * names (the others absent): a campaign over a whole organisation checks a
 * few levels of every summary, and parsing each whole cost more than
 * reading them (readLevelsAt).
 */
export function goalEntityReader(
  only: LevelPositions,
): (row: IndexedColumns) => GoalEntity {
  return row =>
    goalEntityOf(row, levels =>
      readLevelsAt(levels, only, { topicLevels: [], dimensionMedians: [] }),
    );
}

type GoalSummaryOf = NonNullable<GoalEntity['summary']>;

function goalEntityOf(
  row: IndexedColumns,
  levelsOf: (levels: string) => Omit<GoalSummaryOf, 'assessedAtMs'>,
): GoalEntity {
  return {
    entityRef: row.entity_ref!,
    title: row.title ?? null,
    ownerRef: row.owner_ref ?? null,
    // A whole organisation's rows: its time stays a number.
    summary: assessed(row)
      ? { assessedAtMs: toMs(row.assessed_at!), ...levelsOf(row.levels!) }
      : null,
  };
}

/** What the catalog table shows, read with `CATALOG_ROW_COLUMNS`. */
export function toCatalogSummary(row: IndexedColumns): CatalogSummary {
  return {
    entityRef: row.entity_ref!,
    summary: assessed(row)
      ? {
          revision: Number(row.revision),
          assessedAt: toIso(row.assessed_at!),
          staleAtMs: toMs(row.stale_at!),
          lowestMedian: lowestMedian(row),
        }
      : null,
  };
}

export function toCatalogEntityRecord(row: EntityRow): CatalogEntityRecord {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    ownerRef: row.owner_ref,
    systemRef: row.system_ref,
    domainRef: row.domain_ref,
    lifecycle: row.lifecycle,
    parentRef: row.parent_ref,
    etag: row.etag,
  };
}

/** What the index keeps of a catalog entity, as its row. */
export function toEntityRow(entity: CatalogEntityRecord): EntityRow {
  return {
    entity_ref: entity.entityRef,
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
    title: entity.title,
    owner_ref: entity.ownerRef,
    system_ref: entity.systemRef,
    domain_ref: entity.domainRef,
    lifecycle: entity.lifecycle,
    parent_ref: entity.parentRef,
    etag: entity.etag,
  };
}

/** A snapshot's summary as its row and its dimension medians' rows. */
export function toSummaryRows(summary: SnapshotSummary): Summary {
  const { levels } = summary;
  return {
    row: {
      entity_ref: summary.entityRef,
      revision: summary.revision,
      assessed_at: new Date(summary.assessedAt),
      stale_at: new Date(summary.staleAt),
      percent_to_target: summary.percentToTarget,
      target_sum: summary.targetSum,
      gap_sum: summary.gapSum,
      lowest_median: summary.lowestMedian,
      levels: JSON.stringify([
        levels.topicLevels,
        levels.dimensionMedians,
        levels.notApplicable,
      ]),
      entity_uid: summary.entityUid,
      valid_until: summary.validUntil ? new Date(summary.validUntil) : null,
    },
    dimensions: Object.entries(summary.dimensionMedians).map(
      ([dimension_id, median]) => ({ dimension_id, median }),
    ),
  };
}

type Payload = Pick<
  AssessmentRecord,
  | 'ratings'
  | 'targets'
  | 'notes'
  | 'evidence'
  | 'comment'
  | 'attestedAt'
  | 'exemptions'
>;

/** A decision as the review of the snapshot it decided. */
export function fromDecisionRow(row: ReviewDecisionRow): SnapshotReview {
  return {
    status: row.decision,
    reviewer: row.reviewer,
    decidedAt: toIso(row.decided_at),
    ...(row.comment ? { comment: row.comment } : {}),
  };
}

/**
 * A snapshot row as the record the services see. Its payload keeps only
 * the attestations carried over from earlier snapshots (a topic attested by
 * the snapshot itself is attested at its created_at, and a snapshot from
 * before attestation has none): the record has every rated topic's.
 */
export function fromAssessmentRow(row: AssessmentRow): AssessmentRecord {
  const payload: Payload = JSON.parse(row.payload);
  const createdAt = toIso(row.created_at);
  return {
    entityRef: row.entity_ref,
    revision: Number(row.revision),
    modelId: row.model_id,
    modelVersion: row.model_version,
    createdAt,
    createdBy: row.created_by,
    ownerRef: row.owner_ref,
    systemRef: row.system_ref,
    lifecycle: row.lifecycle,
    entityUid: row.entity_uid ?? null,
    ratings: payload.ratings,
    targets: payload.targets,
    notes: payload.notes,
    evidence: payload.evidence,
    comment: payload.comment,
    // Pending until its decision is read (reviews.ts, withDecisions).
    ...(Number(row.review_required ?? 0)
      ? { review: { status: 'pending' as const } }
      : {}),
    attestedAt: attestationsOf({
      ratings: payload.ratings,
      createdAt,
      attestedAt: payload.attestedAt,
    }),
    exemptions: payload.exemptions ?? {},
  };
}

/** A new snapshot's row, at its revision and time. */
export function toAssessmentRow(
  record: Omit<NewAssessment, 'baseRevision'>,
  revision: number,
  createdAt: Date,
): AssessmentRow {
  return {
    entity_ref: record.entityRef,
    revision,
    model_id: record.modelId,
    model_version: record.modelVersion,
    created_at: createdAt,
    created_by: record.createdBy,
    owner_ref: record.ownerRef,
    system_ref: record.systemRef,
    lifecycle: record.lifecycle,
    entity_uid: record.entityUid,
    // Only when under review: the column's default is every other snapshot.
    ...(record.review ? { review_required: true } : {}),
    payload: JSON.stringify({
      ratings: record.ratings,
      targets: record.targets,
      notes: record.notes,
      evidence: record.evidence,
      comment: record.comment,
      attestedAt: record.attestedAt,
      exemptions: record.exemptions,
    } satisfies Payload),
  };
}

const MAPPERS = {
  entity: toIndexedEntity,
  rollUp: toRollUpEntity,
  change: toChangedEntity,
  goals: toGoalEntity,
};

/** The mapper of a read's fields (`COLUMNS`): every column, or fewer. */
export function mapperOf<F extends IndexFields>(
  fields: F | undefined,
): (row: IndexedColumns) => EntityOf<F> {
  return MAPPERS[fields ?? 'entity'] as (row: IndexedColumns) => EntityOf<F>;
}
