import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import type { AssessmentRecord, SnapshotSummary } from './AssessmentStore';
import { fromAssessmentRow, fromDecisionRow, toIso } from './mappers';
import type {
  NewDecision,
  QueuedSnapshot,
  QueueKey,
  ReviewStore,
  Waiting,
} from './ReviewStore';
import { appendHistory } from './summaryHistory';
import {
  ASSESSMENTS,
  AssessmentRow,
  ENTITIES,
  REVIEW_DECISIONS,
  REVIEW_QUEUE,
  ReviewDecisionRow,
  ReviewQueueRow,
  SUMMARIES,
} from './tables';
import { writeSummaries } from './writeSummaries';

type QueuedRow = ReviewQueueRow & {
  title: string | null;
  owner_ref: string | null;
};

/** The queue `q` with the indexed entity `e` of each of its snapshots. */
function queued(knex: Knex): Knex.QueryBuilder {
  return knex
    .queryBuilder()
    .from(knex.raw(`${REVIEW_QUEUE} q CROSS JOIN ${ENTITIES} e`))
    .whereRaw('e.entity_ref = q.entity_ref');
}

/** The knex implementation of {@link ReviewStore}. */
export class DatabaseReviewStore implements ReviewStore {
  constructor(private readonly knex: Knex) {}

  async decide(
    decision: NewDecision,
    summarize: (record: AssessmentRecord) => SnapshotSummary,
  ): Promise<AssessmentRecord> {
    const { entityRef, revision } = decision;
    return this.knex.transaction(async tx => {
      // Taking it out of the queue is the test: of two reviewers deciding
      // at once, or a decision racing a newer snapshot, one gets through.
      const taken = await tx(REVIEW_QUEUE)
        .where({ entity_ref: entityRef, revision })
        .delete();
      if (!taken) {
        throw new ConflictError(
          `Revision ${revision} of ${entityRef} is not waiting for review: it was decided already, a newer snapshot replaced it, or it was written without review`,
        );
      }
      const row: ReviewDecisionRow = {
        entity_ref: entityRef,
        revision,
        decision: decision.status,
        reviewer: decision.reviewer,
        decided_at: decision.decidedAt,
        comment: decision.comment ?? null,
      };
      await tx(REVIEW_DECISIONS).insert(row);
      const snapshot: AssessmentRow = await tx(ASSESSMENTS)
        .where({ entity_ref: entityRef, revision })
        .first();
      const record = {
        ...fromAssessmentRow(snapshot),
        review: fromDecisionRow(row),
      };
      if (decision.status === 'approved') {
        const summary = summarize(record);
        await writeSummaries(tx, [summary]);
        await appendHistory(tx, summary);
      }
      return record;
    });
  }

  async queue(options: {
    limit: number;
    after?: QueueKey;
    exceptAuthor: string;
    conditions: Array<(query: Knex.QueryBuilder) => void>;
  }): Promise<QueuedSnapshot[]> {
    // Led by the queue in its age order (a CROSS JOIN keeps that order in
    // SQLite): joined the other way, SQLite scanned every entity, 34 ms at
    // 100,000 against 1 ms (docs/benchmarks.md).
    const query = queued(this.knex)
      .select(
        'q.entity_ref',
        'q.revision',
        'q.created_at',
        'q.created_by',
        'e.title',
        'e.owner_ref',
      )
      .whereNot('q.created_by', options.exceptAuthor)
      .orderBy([{ column: 'q.created_at' }, { column: 'q.entity_ref' }])
      .limit(options.limit);
    for (const condition of options.conditions) query.where(condition);
    if (options.after) {
      const { createdAt, entityRef } = options.after;
      query.where(later =>
        later
          .where('q.created_at', '>', new Date(createdAt))
          .orWhere(same =>
            same
              .where('q.created_at', new Date(createdAt))
              .where('q.entity_ref', '>', entityRef),
          ),
      );
    }
    const rows: QueuedRow[] = await query;
    return rows.map(row => ({
      entityRef: row.entity_ref,
      revision: Number(row.revision),
      createdAt: toIso(row.created_at),
      createdBy: row.created_by,
      title: row.title,
      ownerRef: row.owner_ref,
    }));
  }

  async waiting(): Promise<Waiting> {
    // Of indexed entities only: one gone from the catalog waits for no one.
    const counted = await queued(this.knex).count({ count: '*' }).first();
    const count = Number(counted?.count ?? 0);
    if (!count) return { count };
    const oldest: ReviewQueueRow = await queued(this.knex)
      .select('q.*')
      .orderBy([{ column: 'q.created_at' }, { column: 'q.entity_ref' }])
      .first();
    return {
      count,
      oldest: {
        createdAt: toIso(oldest.created_at),
        entityRef: oldest.entity_ref,
      },
    };
  }

  async keptRevisions(entityRef: string): Promise<number[]> {
    const rows: Array<{ revision: number | string }> = await this.knex
      .select('revision')
      .from(REVIEW_DECISIONS)
      .where({ entity_ref: entityRef })
      .union(q =>
        q.select('revision').from(SUMMARIES).where({ entity_ref: entityRef }),
      )
      .union(q =>
        q
          .select('revision')
          .from(REVIEW_QUEUE)
          .where({ entity_ref: entityRef }),
      );
    return rows.map(r => Number(r.revision));
  }
}
