import { Knex } from 'knex';
import type { AssessmentRecord } from './AssessmentStore';
import { fromDecisionRow } from './mappers';
import {
  ASSESSMENTS,
  REVIEW_DECISIONS,
  REVIEW_QUEUE,
  ReviewDecisionRow,
} from './tables';
import { chunks } from '../util/chunks';

/**
 * The review's part of the snapshot store. A snapshot row only says whether
 * it was written under review; its decision is a row of its own, read here
 * over the records, so that a snapshot (and a parsed copy of it in a cache)
 * never changes and a decision taken on another replica is seen at once.
 */

const key = (entityRef: string, revision: number | string) =>
  `${entityRef}#${Number(revision)}`;

/** The records with the decisions on those still marked pending. */
export async function withDecisions(
  knex: Knex,
  records: AssessmentRecord[],
): Promise<AssessmentRecord[]> {
  const pending = records.filter(r => r.review?.status === 'pending');
  if (!pending.length) return records;
  const decided = new Map<string, ReviewDecisionRow>();
  for (const batch of chunks(pending.map(r => [r.entityRef, r.revision]))) {
    const rows: ReviewDecisionRow[] = await knex(REVIEW_DECISIONS).whereIn(
      ['entity_ref', 'revision'],
      batch,
    );
    for (const row of rows) decided.set(key(row.entity_ref, row.revision), row);
  }
  return records.map(record => {
    const row = decided.get(key(record.entityRef, record.revision));
    return row ? { ...record, review: fromDecisionRow(row) } : record;
  });
}

/**
 * The snapshots that count, as a condition on `maturity_assessment` joined
 * with its decisions (`joinDecisions`): written without review, or approved.
 */
export function counts(query: Knex.QueryBuilder) {
  return query.where(q =>
    q
      .where(`${ASSESSMENTS}.review_required`, false)
      .orWhere(`${REVIEW_DECISIONS}.decision`, 'approved'),
  );
}

/** Joins each snapshot's decision, if any, to `maturity_assessment`. */
export function joinDecisions(query: Knex.QueryBuilder) {
  return query.leftJoin(REVIEW_DECISIONS, join =>
    join
      .on(`${REVIEW_DECISIONS}.entity_ref`, `${ASSESSMENTS}.entity_ref`)
      .andOn(`${REVIEW_DECISIONS}.revision`, `${ASSESSMENTS}.revision`),
  );
}

/**
 * Keeps the queue in step with a new snapshot, in its transaction: a
 * pending one waits in place of any earlier one of its entity (which is no
 * longer the latest, so no longer decidable); any other one ends the wait.
 */
export async function queueSnapshot(
  tx: Knex.Transaction,
  record: AssessmentRecord,
) {
  if (record.review?.status !== 'pending') {
    await tx(REVIEW_QUEUE).where({ entity_ref: record.entityRef }).delete();
    return;
  }
  await tx(REVIEW_QUEUE)
    .insert({
      entity_ref: record.entityRef,
      revision: record.revision,
      created_at: new Date(record.createdAt),
      created_by: record.createdBy,
    })
    .onConflict('entity_ref')
    .merge();
}
