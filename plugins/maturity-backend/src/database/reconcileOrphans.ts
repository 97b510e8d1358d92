import { Knex } from 'knex';
import type {
  OrphanEntity,
  OrphanReconciliation,
  ReconcileOptions,
} from './AssessmentStore';
import {
  ASSESSMENTS,
  ORPHANS,
  REVIEW_QUEUE,
  SUMMARIES,
  SUMMARY_DIMENSIONS,
  SUMMARY_HISTORY,
} from './tables';
import { chunks } from '../util/chunks';

/** The refs whose snapshots are soft-deleted: hidden from reads, kept. */
export function softDeleted(knex: Knex) {
  return knex(ORPHANS).whereNotNull('deleted_at').select('entity_ref');
}

/** @see AssessmentStore.reconcileOrphans; run in one transaction. */
export async function reconcileOrphans(
  tx: Knex.Transaction,
  options: ReconcileOptions,
): Promise<OrphanReconciliation> {
  const missing = new Set(options.missing);
  const known: string[] = (await tx(ORPHANS).select('entity_ref')).map(
    r => r.entity_ref,
  );
  const returned = known.filter(ref => !missing.has(ref));
  const added = [...missing].filter(ref => !known.includes(ref));
  await forget(tx, returned);
  for (const refs of chunks(added)) {
    await tx(ORPHANS).insert(
      refs.map(ref => ({ entity_ref: ref, missing_since: options.now })),
    );
  }
  const report: OrphanReconciliation = { deleted: [], purged: [] };
  if (!options.deleteMissingSince) return report;

  const due: string[] = (
    await tx(ORPHANS)
      .whereNull('deleted_at')
      .where('missing_since', '<', options.deleteMissingSince)
      .select('entity_ref')
  ).map(r => r.entity_ref);
  const toPurge: string[] = options.purgeDeletedSince
    ? (
        await tx(ORPHANS)
          .where('deleted_at', '<', options.purgeDeletedSince)
          .select('entity_ref')
      ).map(r => r.entity_ref)
    : [];
  if (due.length > options.maxDeletions) {
    report.braked = { due: due.length, limit: options.maxDeletions };
    due.length = 0;
  }
  // The catalog may have changed since `missing` was computed: an entity
  // back by now keeps its snapshots.
  const gone = new Set(await options.stillMissing([...due, ...toPurge]));
  await forget(
    tx,
    [...due, ...toPurge].filter(ref => !gone.has(ref)),
  );
  const softDelete = due.filter(ref => gone.has(ref));

  report.deleted = (await countRevisions(tx, softDelete)).map(
    ({ entityRef, revisions }) => ({ entityRef, revisions }),
  );
  for (const refs of chunks(softDelete)) {
    await tx(ORPHANS)
      .whereIn('entity_ref', refs)
      .update({ deleted_at: options.now });
  }
  for (const entity of await countRevisions(
    tx,
    toPurge.filter(ref => gone.has(ref)),
  )) {
    const purged = await purge(tx, entity);
    if (purged) report.purged.push(purged);
  }
  return report;
}

/**
 * Deletes a soft-deleted entity's snapshots up to the last one counted,
 * then the summary and the history rows of those. Both statements check again: a snapshot
 * written since (the entity back in the catalog) cleared the orphan row,
 * and its summary has a newer revision, which the database compares on the
 * row itself, waiting for a writer that holds it.
 */
async function purge(
  tx: Knex.Transaction,
  { entityRef, lastRevision }: OrphanEntity & { lastRevision: number },
): Promise<OrphanEntity | undefined> {
  const revisions = await tx(ASSESSMENTS)
    .where({ entity_ref: entityRef })
    .where('revision', '<=', lastRevision)
    .whereIn('entity_ref', softDeleted(tx))
    .delete();
  await tx(ORPHANS).where({ entity_ref: entityRef }).delete();
  if (!revisions) return undefined;
  await tx(REVIEW_QUEUE)
    .where({ entity_ref: entityRef })
    .where('revision', '<=', lastRevision)
    .delete();
  await tx(SUMMARIES)
    .where({ entity_ref: entityRef })
    .where('revision', '<=', lastRevision)
    .delete();
  await tx(SUMMARY_DIMENSIONS)
    .where({ entity_ref: entityRef })
    .whereNotIn('entity_ref', tx(SUMMARIES).select('entity_ref'))
    .delete();
  await tx(SUMMARY_HISTORY)
    .where({ entity_ref: entityRef })
    .where('revision', '<=', lastRevision)
    .delete();
  return { entityRef, revisions };
}

async function forget(tx: Knex.Transaction, refs: string[]) {
  for (const batch of chunks(refs)) {
    await tx(ORPHANS).whereIn('entity_ref', batch).delete();
  }
}

async function countRevisions(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Array<OrphanEntity & { lastRevision: number }>> {
  const out: Array<OrphanEntity & { lastRevision: number }> = [];
  for (const batch of chunks(refs)) {
    const rows: Array<{
      entity_ref: string;
      revisions: number | string;
      last: number | string;
    }> = await tx(ASSESSMENTS)
      .whereIn('entity_ref', batch)
      .groupBy('entity_ref')
      .select('entity_ref')
      .count({ revisions: '*' })
      .max({ last: 'revision' });
    for (const row of rows) {
      out.push({
        entityRef: String(row.entity_ref),
        revisions: Number(row.revisions),
        lastRevision: Number(row.last),
      });
    }
  }
  return out.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
