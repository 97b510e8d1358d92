import { stringifyEntityRef } from '@backstage/catalog-model';
import { AssessmentRecord } from '../src/database/AssessmentStore';
import { fromAssessmentRow, toAssessmentRow } from '../src/database/mappers';
import { queueSnapshot } from '../src/database/reviews';
import {
  ASSESSMENTS,
  AssessmentRow,
  REVIEW_QUEUE,
  REVISIONS,
} from '../src/database/tables';
import { chunks } from '../src/util/chunks';
import { BenchCase, BenchContext, POSTED, runsAt } from './benchCase';
import { ratingsFor } from './seed';

const HOUR_MS = 60 * 60 * 1000;
/** Someone else than the measured user, whose snapshots it may decide. */
const AUTHOR = 'user:default/bench-author';

/**
 * The review queue (issue 21): 1 % of the components with a pending latest
 * snapshot by another user, written as a write under review writes it (the
 * snapshot row under review, its revision, its queue row), an hour apart;
 * none of the components that other cases write to.
 */
async function seedPending(ctx: BenchContext, now: number) {
  const { knex, org, size } = ctx;
  const count = size.components / 100;
  const step = Math.floor((size.components - POSTED) / count);
  const revision = size.snapshotsPerComponent + 1;
  const records: AssessmentRecord[] = [];
  const rows: AssessmentRow[] = [];
  for (let k = 0; k < count; k++) {
    const i = POSTED + k * step;
    const row = toAssessmentRow(
      {
        entityRef: stringifyEntityRef(org.components[i]),
        modelId: 'cnmm',
        modelVersion: '4.0',
        createdBy: AUTHOR,
        ownerRef: null,
        systemRef: null,
        lifecycle: null,
        entityUid: null,
        ratings: ratingsFor(i * 10 + revision),
        targets: {},
        notes: {},
        evidence: {},
        comment: 'waiting for review',
        review: { status: 'pending' },
      },
      revision,
      new Date(now - (count - k) * HOUR_MS),
    );
    rows.push(row);
    records.push(fromAssessmentRow(row));
  }
  await knex.batchInsert(ASSESSMENTS, rows, 250);
  for (const batch of chunks(
    records.map(r => r.entityRef),
    500,
  )) {
    await knex(REVISIONS)
      .whereIn('entity_ref', batch)
      .update({ last_revision: revision });
  }
  await knex.transaction(async tx => {
    for (const record of records) await queueSnapshot(tx, record);
  });
  return count;
}

/** `GET /reviews`'s first page with 1 % of the components pending. */
export async function reviewCases(
  ctx: BenchContext,
  now: number,
): Promise<BenchCase[]> {
  const { get, knex, size } = ctx;
  const pending = await seedPending(ctx, now);
  // eslint-disable-next-line no-console
  console.log(`Seeded ${pending} snapshots waiting for review`);
  return [
    {
      name: 'reviews-pending',
      fn: () => get('/api/maturity/reviews?limit=50'),
      floor: () =>
        knex
          .queryBuilder()
          .from(knex.raw(`${REVIEW_QUEUE} q CROSS JOIN maturity_entity e`))
          .whereRaw('e.entity_ref = q.entity_ref')
          .select('q.*', 'e.title', 'e.owner_ref')
          .orderBy([{ column: 'q.created_at' }, { column: 'q.entity_ref' }])
          .limit(51),
      runs: runsAt(size),
      goal: { p50Ms: 50 },
    },
  ];
}
