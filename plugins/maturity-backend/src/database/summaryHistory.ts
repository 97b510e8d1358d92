import { Knex } from 'knex';
import type { SnapshotSummary } from './AssessmentStore';
import { inGeneration } from './generations';
import { toSummaryRows } from './mappers';
import { ASSESSMENTS, HistoryRow, SUMMARIES, SUMMARY_HISTORY } from './tables';
import { chunks } from '../util/chunks';

/**
 * The history of summaries (`maturity_summary_history`): a row per snapshot
 * with the period it was its ref's latest. The periods of a ref never
 * overlap: a row ends at the earliest `valid_from` of a later revision, so
 * that "as of" a time each entity has at most one row, whatever the clocks
 * of the replicas that wrote them. A ref reused by a new entity keeps one
 * chain: the rows of a retired generation stay, hidden by `inGeneration`
 * as their snapshots are, and come back with them if reattached.
 */

/** The columns a summary read takes from `s`, the same in both tables. */
export const SUMMARY_COLUMNS = [
  'entity_ref',
  'revision',
  'entity_uid',
  'assessed_at',
  'stale_at',
  'percent_to_target',
  'target_sum',
  'gap_sum',
  'lowest_median',
  'levels',
] as const;

/** What a re-score writes over a history row. */
const SCORE_COLUMNS = SUMMARY_COLUMNS.filter(
  c => c !== 'entity_ref' && c !== 'revision',
);

/**
 * The summaries as they were at `asOf` (now when undefined), to read as
 * `alias` (`s` unless told): each entity's row whose period holds `asOf`,
 * of its current generation. A row the start-up recompute has not scored
 * yet (`stale_at` null) is not read: the entity reads as unassessed rather
 * than wrongly. Soft-deleted entities are out of the index, so no read
 * reaches theirs.
 */
export function summariesAt(
  knex: Knex,
  asOf: Date | undefined,
  alias = 's',
): Knex.AliasDict | Knex.QueryBuilder {
  if (asOf === undefined) return { [alias]: SUMMARIES };
  return knex(SUMMARY_HISTORY)
    .select(SUMMARY_COLUMNS)
    .where('valid_from', '<=', asOf)
    .where(q => q.whereNull('valid_to').orWhere('valid_to', '>', asOf))
    .whereNotNull('stale_at')
    .where(inGeneration(knex, SUMMARY_HISTORY))
    .as(alias);
}

/**
 * A history row keeps a snapshot's summary as scored when written or
 * rescored: its `valid_until` is the current summary's alone.
 */
function toHistoryRow(summary: SnapshotSummary): HistoryRow {
  const { valid_until: _validUntil, ...row } = toSummaryRows(summary).row;
  return {
    ...row,
    valid_from: new Date(summary.countedFrom ?? summary.assessedAt),
    valid_to: null,
  };
}

/**
 * Adds the history row of a new snapshot, in the transaction that writes
 * it (of an approved one, in the decision's, from the decision), and ends
 * the period of every earlier row of the ref still open (or open past it)
 * where it begins.
 */
export async function appendHistory(
  tx: Knex.Transaction,
  summary: SnapshotSummary,
) {
  const row = toHistoryRow(summary);
  await tx(SUMMARY_HISTORY)
    .where({ entity_ref: row.entity_ref })
    .where(q =>
      q.whereNull('valid_to').orWhere('valid_to', '>', row.valid_from),
    )
    .update({ valid_to: row.valid_from });
  await tx(SUMMARY_HISTORY).insert(row);
}

/**
 * Writes the scores of snapshots over their history rows, adding the row
 * of a snapshot that has none (written by a replica that did not know the
 * history yet, during an upgrade) and fitting its period into the ref's.
 * A snapshot deleted meanwhile (purged, thinned) loses the row written for
 * it here again: a history row never outlives its snapshot.
 */
export async function rescoreHistory(
  tx: Knex.Transaction,
  summaries: SnapshotSummary[],
) {
  for (const batch of chunks(summaries.map(toHistoryRow), 200)) {
    const keys = batch.map(r => [r.entity_ref, r.revision]);
    const held: Array<{ entity_ref: string; revision: number | string }> =
      await tx(SUMMARY_HISTORY)
        .whereIn(['entity_ref', 'revision'], keys)
        .select('entity_ref', 'revision');
    const known = new Set(held.map(h => `${h.entity_ref}#${h.revision}`));
    await tx(SUMMARY_HISTORY)
      .insert(batch)
      .onConflict(['entity_ref', 'revision'])
      .merge([...SCORE_COLUMNS]);
    await tx(SUMMARY_HISTORY)
      .whereIn(['entity_ref', 'revision'], keys)
      .whereNotExists(
        tx(ASSESSMENTS)
          .select(tx.raw('1'))
          .whereRaw(`${ASSESSMENTS}.entity_ref = ${SUMMARY_HISTORY}.entity_ref`)
          .whereRaw(`${ASSESSMENTS}.revision = ${SUMMARY_HISTORY}.revision`),
      )
      .delete();
    const added = batch.filter(
      r => !known.has(`${r.entity_ref}#${r.revision}`),
    );
    await rechain(tx, [...new Set(added.map(r => r.entity_ref))]);
  }
}

/**
 * Sets each history row of some refs to end where the earliest later one
 * begins (null for the latest): after rows were added out of order or
 * deleted (thinned revisions). Computed per ref in memory, from the periods
 * alone; a row is written only if its end is still the one read, so that a
 * snapshot written meanwhile, which ended it, is not undone.
 */
export async function rechain(tx: Knex.Transaction, entityRefs: string[]) {
  for (const refs of chunks(entityRefs, 100)) {
    const rows: Array<
      Pick<HistoryRow, 'entity_ref' | 'revision' | 'valid_from' | 'valid_to'>
    > = await tx(SUMMARY_HISTORY)
      .whereIn('entity_ref', refs)
      .select('entity_ref', 'revision', 'valid_from', 'valid_to')
      .orderBy([
        { column: 'entity_ref', order: 'desc' },
        { column: 'revision', order: 'desc' },
      ]);
    let ref: string | undefined;
    let earliestLater: number | undefined;
    for (const row of rows) {
      if (row.entity_ref !== ref) {
        ref = row.entity_ref;
        earliestLater = undefined;
      }
      const end = earliestLater;
      const current = row.valid_to === null ? undefined : ms(row.valid_to);
      if (current !== end) {
        const update = tx(SUMMARY_HISTORY)
          .where({ entity_ref: row.entity_ref, revision: row.revision })
          .update({ valid_to: end === undefined ? null : new Date(end) });
        if (row.valid_to === null) update.whereNull('valid_to');
        else update.where('valid_to', row.valid_to);
        await update;
      }
      const from = ms(row.valid_from);
      earliestLater =
        earliestLater === undefined ? from : Math.min(from, earliestLater);
    }
  }
}

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
function ms(value: Date | string | number): number {
  return typeof value === 'number' ? value : new Date(value).getTime();
}
