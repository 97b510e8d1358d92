import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import { toIso } from './mappers';
import { RetentionCandidate, RetentionStore } from './RetentionStore';
import { ASSESSMENTS } from './tables';

/** The knex implementation of {@link RetentionStore}. */
export class DatabaseRetentionStore implements RetentionStore {
  constructor(private readonly knex: Knex) {}

  async candidates(
    before: Date,
    afterRef: string,
    limit: number,
  ): Promise<RetentionCandidate[]> {
    // Only the columns weighed: payloads stay on disk.
    const heads: Array<{ entity_ref: string }> = await this.knex(ASSESSMENTS)
      .select('entity_ref')
      .where('created_at', '<', before)
      .where('entity_ref', '>', afterRef)
      .groupBy('entity_ref')
      .havingRaw('count(*) > 1')
      .orderBy('entity_ref')
      .limit(limit);
    const refs = heads.map(h => h.entity_ref);
    if (!refs.length) return [];
    const latest: Array<{ entity_ref: string; revision: number | string }> =
      await this.knex(ASSESSMENTS)
        .select('entity_ref')
        .max({ revision: 'revision' })
        .whereIn('entity_ref', refs)
        .groupBy('entity_ref');
    const rows: Array<{
      entity_ref: string;
      revision: number | string;
      created_at: Date | string | number;
    }> = await this.knex(ASSESSMENTS)
      .select('entity_ref', 'revision', 'created_at')
      .whereIn('entity_ref', refs)
      .where('created_at', '<', before)
      .orderBy([{ column: 'entity_ref' }, { column: 'revision' }]);
    const byRef = new Map<string, RetentionCandidate>(
      latest.map(l => [
        l.entity_ref,
        {
          entityRef: l.entity_ref,
          latestRevision: Number(l.revision),
          snapshots: [],
        },
      ]),
    );
    for (const row of rows) {
      byRef.get(row.entity_ref)?.snapshots.push({
        revision: Number(row.revision),
        createdAt: toIso(row.created_at),
      });
    }
    return refs.map(ref => byRef.get(ref)!);
  }

  async deleteRevisions(
    entityRef: string,
    revisions: number[],
  ): Promise<number> {
    let deleted = 0;
    for (const batch of chunks(revisions)) {
      deleted += await this.knex(ASSESSMENTS)
        .where({ entity_ref: entityRef })
        .whereIn('revision', batch)
        .where(
          'revision',
          '<',
          this.knex(ASSESSMENTS)
            .max('revision')
            .where({ entity_ref: entityRef }),
        )
        .delete();
    }
    return deleted;
  }
}
