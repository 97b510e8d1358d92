import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import { toIso } from './mappers';
import { RetentionCandidate, RetentionStore } from './RetentionStore';
import { rechain } from './summaryHistory';
import { ASSESSMENTS, SUMMARIES, SUMMARY_HISTORY } from './tables';

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

  /**
   * Deletes the revisions with their history rows, and lets the periods of
   * the rows left close over the gap: as of a time in it, the entity reads
   * as the revision kept before it, as a replay of the snapshots kept does.
   */
  async deleteRevisions(
    entityRef: string,
    revisions: number[],
  ): Promise<number> {
    return this.knex.transaction(async tx => {
      let deleted = 0;
      for (const batch of chunks(revisions)) {
        deleted += await tx(ASSESSMENTS)
          .where({ entity_ref: entityRef })
          .whereIn('revision', batch)
          .where(
            'revision',
            '<',
            tx(ASSESSMENTS).max('revision').where({ entity_ref: entityRef }),
          )
          // Nor the one that counts while a later one waits for review.
          .whereNotIn(
            'revision',
            tx(SUMMARIES).select('revision').where({ entity_ref: entityRef }),
          )
          .delete();
        await tx(SUMMARY_HISTORY)
          .where({ entity_ref: entityRef })
          .whereIn('revision', batch)
          .whereNotIn(
            'revision',
            tx(ASSESSMENTS).select('revision').where({ entity_ref: entityRef }),
          )
          .delete();
      }
      if (deleted) await rechain(tx, [entityRef]);
      return deleted;
    });
  }
}
