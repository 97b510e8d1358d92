import { Knex } from 'knex';
import type { SnapshotSummary } from './AssessmentStore';
import { inGeneration } from './generations';
import { toSummaryRows } from './mappers';
import { SUMMARIES, SUMMARY_DIMENSIONS } from './tables';
import { chunks } from '../util/chunks';

/**
 * Replaces the summary rows of some entities; run inside the transaction
 * that writes their snapshots, so that a summary never describes another
 * one. A summary never goes back in revision: a recompute that read an
 * older snapshot before a newer one was written leaves the newer summary,
 * and its dimension rows, alone. The revisions are compared by the upsert
 * itself, so that a writer holding the row is waited for and compared with.
 */
export async function writeSummaries(
  tx: Knex.Transaction,
  snapshots: SnapshotSummary[],
) {
  for (const batch of chunks(snapshots.map(toSummaryRows), 200)) {
    const refs = batch.map(s => s.row.entity_ref);
    await tx(SUMMARIES)
      .insert(batch.map(s => s.row))
      .onConflict('entity_ref')
      .merge()
      .whereRaw(`${SUMMARIES}.revision <= excluded.revision`);
    // Nor does one describe a snapshot retired meanwhile (its ref reused).
    await tx(SUMMARIES)
      .whereIn('entity_ref', refs)
      .whereNot(inGeneration(tx, SUMMARIES))
      .delete();
    const held: Array<{ entity_ref: string; revision: number | string }> =
      await tx(SUMMARIES)
        .whereIn('entity_ref', refs)
        .select('entity_ref', 'revision');
    const revisions = new Map(
      held.map(r => [r.entity_ref, Number(r.revision)]),
    );
    const written = batch.filter(
      s => revisions.get(s.row.entity_ref) === s.row.revision,
    );
    await tx(SUMMARY_DIMENSIONS)
      .whereIn(
        'entity_ref',
        written.map(s => s.row.entity_ref),
      )
      .delete();
    const dimensions = written.flatMap(s =>
      s.dimensions.map(d => ({ entity_ref: s.row.entity_ref, ...d })),
    );
    // SQLite allows 500 rows in one multi-row insert.
    for (const rows of chunks(dimensions, 100)) {
      await tx(SUMMARY_DIMENSIONS).insert(rows);
    }
  }
}
