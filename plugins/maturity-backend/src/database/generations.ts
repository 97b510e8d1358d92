import { Knex } from 'knex';
import {
  ASSESSMENTS,
  GENERATIONS,
  REVIEW_QUEUE,
  SUMMARIES,
  SUMMARY_DIMENSIONS,
  SUMMARY_HISTORY,
} from './tables';

/**
 * A ref reused by a new entity (another `metadata.uid`) starts a new
 * generation: the snapshots stored before it stay, hidden from every read,
 * and revisions go on counting, so that the new entity's never meet them.
 */

/**
 * The rows of `table` (snapshots, summaries or their history) of the entity
 * that holds the ref now: none before the revision its generation starts at.
 */
export function inGeneration(
  knex: Knex,
  table:
    | typeof ASSESSMENTS
    | typeof SUMMARIES
    | typeof SUMMARY_HISTORY = ASSESSMENTS,
) {
  return (query: Knex.QueryBuilder) =>
    query.whereNotExists(
      knex(GENERATIONS)
        .select(knex.raw('1'))
        .whereRaw(`${GENERATIONS}.entity_ref = ${table}.entity_ref`)
        .whereRaw(`${GENERATIONS}.since_revision > ${table}.revision`),
    );
}

/**
 * Whether a snapshot written for `storedUid` belongs to another entity than
 * `uid`; one without a uid (written before uids were recorded) belongs to
 * whoever holds the ref.
 */
export function isReplaced(
  storedUid: string | null | undefined,
  uid: string | null | undefined,
): boolean {
  return Boolean(storedUid && uid && storedUid !== uid);
}

/**
 * Hides every snapshot a ref has so far, and the summary that described
 * them. Their history rows stay, as the snapshots do: reads of the history
 * apply `inGeneration` too. The generation is written first, in one statement with the read of
 * the last revision, so that on SQLite the transaction takes the write lock
 * at once rather than wait to upgrade a read lock (which replicas deadlock on).
 */
export async function retireRef(tx: Knex.Transaction, entityRef: string) {
  await tx.raw(
    `INSERT INTO ${GENERATIONS} (entity_ref, since_revision, started_at)
     SELECT ?, COALESCE(MAX(revision), 0) + 1, ? FROM ${ASSESSMENTS}
     WHERE entity_ref = ?
     ON CONFLICT (entity_ref) DO UPDATE SET
       since_revision = excluded.since_revision,
       started_at = excluded.started_at`,
    [entityRef, new Date(), entityRef],
  );
  await tx(SUMMARY_DIMENSIONS).where({ entity_ref: entityRef }).delete();
  await tx(SUMMARIES).where({ entity_ref: entityRef }).delete();
  // A retired snapshot is no one's to review any more.
  await tx(REVIEW_QUEUE).where({ entity_ref: entityRef }).delete();
}
