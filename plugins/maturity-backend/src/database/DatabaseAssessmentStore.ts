import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  AssessmentRecord,
  AssessmentStore,
  CarriedOver,
  EntityUid,
  ExpiredSummaries,
  ExpiringEntity,
  NewAssessment,
  OrphanReconciliation,
  ReconcileOptions,
  SnapshotKey,
  SnapshotSummary,
} from './AssessmentStore';
import { inGeneration, isReplaced, retireRef } from './generations';
import { fromAssessmentRow, toAssessmentRow, toIso } from './mappers';
import { reconcileOrphans, softDeleted } from './reconcileOrphans';
import {
  claimRevision,
  conflict,
  isUniqueViolation,
  lastRevision,
} from './revisions';
import { counts, joinDecisions, queueSnapshot, withDecisions } from './reviews';
import { appendHistory, rescoreHistory } from './summaryHistory';
import {
  ASSESSMENTS as TABLE,
  AssessmentRow,
  ENTITIES,
  META,
  SUMMARIES,
} from './tables';
import { writeSummaries } from './writeSummaries';
import { BoundedCache } from '../util/BoundedCache';
import { chunks } from '../util/chunks';

const migrationsDir = resolvePackagePath(
  '@cnmm/backstage-plugin-maturity-backend',
  'migrations',
);

/** The latest snapshot of an entity, as a write checks it. */
type LatestRow = AssessmentRow & {
  /** Soft-deleted: 1 or true, as the database answers a boolean. */
  hidden: number | boolean;
};

/** The knex implementation of {@link AssessmentStore}. */
export class DatabaseAssessmentStore
  implements AssessmentStore, ExpiredSummaries
{
  static async create(options: {
    database: DatabaseService;
    /** The budget of the parsed-snapshot cache; 32 MB by default. */
    cacheMaxBytes?: number;
  }): Promise<DatabaseAssessmentStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAssessmentStore(
      knex,
      options.cacheMaxBytes ?? 32 * 1024 * 1024,
    );
  }

  private readonly records: BoundedCache<AssessmentRecord>;

  private constructor(private readonly knex: Knex, cacheMaxBytes: number) {
    this.records = new BoundedCache({ maxBytes: cacheMaxBytes });
  }

  async insert(
    assessment: NewAssessment,
    summarize: (record: AssessmentRecord) => SnapshotSummary,
    carryOver?: (base: AssessmentRecord | undefined) => CarriedOver,
  ): Promise<AssessmentRecord> {
    const { baseRevision, ...record } = assessment;
    const createdAt = new Date();
    let stored: AssessmentRecord | undefined;
    try {
      await this.knex.transaction(async tx => {
        // Read before the snapshots, so that they are at least as recent.
        const remembered = await lastRevision(tx, record.entityRef);
        // The latest snapshot, whole: it is also the base a new one carries
        // over from, read where it is checked, not in a query before.
        const latest: LatestRow | undefined = await tx(TABLE)
          .where({ entity_ref: record.entityRef })
          .where(inGeneration(tx))
          .orderBy('revision', 'desc')
          .first(`${TABLE}.*`, {
            hidden: tx.raw('entity_ref IN ?', [softDeleted(tx)]),
          });
        let current = latest;
        if (isReplaced(latest?.entity_uid, record.entityUid)) {
          await retireRef(tx, record.entityRef);
          current = undefined;
        }
        // Hidden snapshots do not count: the client saw none.
        const base = current && !Number(current.hidden) ? current : undefined;
        const currentRevision = base ? Number(base.revision) : 0;
        if (currentRevision !== baseRevision) {
          throw conflict(record.entityRef, baseRevision, currentRevision);
        }
        const carried =
          carryOver?.(base && (await this.baseRecord(tx, base))) ?? {};
        const row = toAssessmentRow({ ...record, ...carried }, 0, createdAt);
        row.revision = await claimRevision(tx, record.entityRef, {
          current: currentRevision,
          remembered,
        });
        await tx(TABLE).insert(row);
        stored = fromAssessmentRow(row);
        // A snapshot waiting for review counts once approved, not before:
        // the summary and its history stay the entity's counted one.
        if (!stored.review) {
          const summary = summarize(stored);
          await writeSummaries(tx, [summary]);
          await appendHistory(tx, summary);
        }
        // Only a snapshot under review is ever queued, and only the latest.
        if (stored.review || Number(latest?.review_required ?? 0)) {
          await queueSnapshot(tx, stored);
        }
      });
    } catch (error) {
      // Two writers that read the same revision both try to insert the next
      // one; the unique index lets exactly one of them through.
      if (isUniqueViolation(error)) {
        throw conflict(record.entityRef, baseRevision);
      }
      throw error;
    }
    return this.remember(stored!);
  }

  /** The base snapshot with its decision; parsed once (a snapshot never changes). */
  private async baseRecord(
    tx: Knex.Transaction,
    row: AssessmentRow,
  ): Promise<AssessmentRecord> {
    const parsed =
      this.cached(row.entity_ref, Number(row.revision)) ??
      fromAssessmentRow(row);
    const [record] = await withDecisions(tx, [parsed]);
    return record;
  }

  async replaceSummaries(summaries: SnapshotSummary[]): Promise<void> {
    await this.knex.transaction(tx => writeSummaries(tx, summaries));
  }

  async replaceHistory(summaries: SnapshotSummary[]): Promise<void> {
    await this.knex.transaction(tx => rescoreHistory(tx, summaries));
  }

  /** Parsed but not kept in the cache: a re-score reads each once. */
  async snapshotsAfter(
    after: SnapshotKey | undefined,
    limit: number,
    entityRefs?: string[],
  ): Promise<AssessmentRecord[]> {
    const query = this.knex<AssessmentRow>(TABLE)
      .orderBy([{ column: 'entity_ref' }, { column: 'revision' }])
      .limit(limit);
    if (entityRefs) query.whereIn('entity_ref', entityRefs);
    if (after) {
      query.whereRaw('(entity_ref, revision) > (?, ?)', [
        after.entityRef,
        after.revision,
      ]);
    }
    return withDecisions(this.knex, (await query).map(fromAssessmentRow));
  }

  async retireReplaced(entities: EntityUid[]): Promise<string[]> {
    const retired: string[] = [];
    for (const batch of chunks(entities)) {
      const uids = new Map(batch.map(e => [e.entityRef, e.uid]));
      // A summary is of the latest current snapshot: its uid says whose.
      const rows: Array<{ entity_ref: string; entity_uid: string }> =
        await this.knex(SUMMARIES)
          .whereIn('entity_ref', [...uids.keys()])
          .whereNotNull('entity_uid')
          .select('entity_ref', 'entity_uid');
      for (const row of rows) {
        if (isReplaced(row.entity_uid, uids.get(row.entity_ref))) {
          await this.knex.transaction(tx => retireRef(tx, row.entity_ref));
          retired.push(row.entity_ref);
        }
      }
    }
    return retired.sort();
  }

  async expiringSummaries(
    window: { from: Date; to: Date },
    afterRef: string,
    limit: number,
  ): Promise<ExpiringEntity[]> {
    const rows: Array<{
      entity_ref: string;
      owner_ref: string;
      valid_until: Date | string | number;
    }> = await this.knex({ s: SUMMARIES })
      .join({ e: ENTITIES }, 'e.entity_ref', 's.entity_ref')
      .where('s.valid_until', '>', window.from)
      .where('s.valid_until', '<=', window.to)
      .whereNotNull('e.owner_ref')
      .where('s.entity_ref', '>', afterRef)
      .orderBy('s.entity_ref')
      .limit(limit)
      .select('s.entity_ref', 'e.owner_ref', 's.valid_until');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      ownerRef: r.owner_ref,
      validUntil: toIso(r.valid_until),
    }));
  }

  async expiredSummaryRefs(
    now: Date,
    afterRef: string,
    limit: number,
  ): Promise<string[]> {
    return this.knex(SUMMARIES)
      .where('valid_until', '<=', now)
      .where('entity_ref', '>', afterRef)
      .orderBy('entity_ref')
      .limit(limit)
      .pluck('entity_ref');
  }

  async countedAfter(
    afterRef: string,
    limit: number,
  ): Promise<AssessmentRecord[]> {
    // Only refs that getCounted answers: else a batch of retired, hidden or
    // pending-only refs would read as the end.
    const heads: Array<{ entity_ref: string }> = await this.knex(TABLE)
      .distinct(`${TABLE}.entity_ref`)
      .modify(joinDecisions)
      .modify(counts)
      .where(`${TABLE}.entity_ref`, '>', afterRef)
      .where(inGeneration(this.knex))
      .whereNotIn(`${TABLE}.entity_ref`, softDeleted(this.knex))
      .orderBy(`${TABLE}.entity_ref`)
      .limit(limit);
    const counted = await this.getCounted(heads.map(h => h.entity_ref));
    return [...counted.values()].sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : 1,
    );
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.knex(META).where({ key }).first('value');
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.knex(META).insert({ key, value }).onConflict('key').merge();
  }

  async getLatest(
    entityRefs: string[],
    asOf?: Date,
  ): Promise<Map<string, AssessmentRecord>> {
    return this.headsOf(entityRefs, q => {
      // The highest revision written by then is the one whose history row
      // is valid then: a row ends where any later revision begins.
      if (asOf) q.where(`${TABLE}.created_at`, '<=', asOf);
    });
  }

  async getCounted(
    entityRefs: string[],
  ): Promise<Map<string, AssessmentRecord>> {
    return this.headsOf(entityRefs, q => counts(joinDecisions(q)));
  }

  async getRevision(
    entityRef: string,
    revision: number,
  ): Promise<AssessmentRecord | undefined> {
    const row: AssessmentRow | undefined = await this.knex<AssessmentRow>(TABLE)
      .where({ entity_ref: entityRef, revision })
      .where(inGeneration(this.knex))
      .whereNotIn('entity_ref', softDeleted(this.knex))
      .first();
    if (!row) return undefined;
    const [record] = await withDecisions(this.knex, [fromAssessmentRow(row)]);
    return record;
  }

  /**
   * Reads the highest revision of each entity among those `among` keeps,
   * then only the snapshots not parsed before: a snapshot never changes, so
   * a parsed copy is as good as the row (its decision is read over it).
   */
  private async headsOf(
    entityRefs: string[],
    among: (query: Knex.QueryBuilder) => void,
  ): Promise<Map<string, AssessmentRecord>> {
    const latest = new Map<string, AssessmentRecord>();
    for (const refs of chunks([...new Set(entityRefs)])) {
      const heads: Array<{ entity_ref: string; revision: number | string }> =
        await this.knex(TABLE)
          .select(`${TABLE}.entity_ref`)
          .max({ revision: `${TABLE}.revision` })
          .whereIn(`${TABLE}.entity_ref`, refs)
          .where(inGeneration(this.knex))
          .whereNotIn(`${TABLE}.entity_ref`, softDeleted(this.knex))
          .modify(among)
          .groupBy(`${TABLE}.entity_ref`);
      const missing: Array<[string, number]> = [];
      for (const head of heads) {
        const revision = Number(head.revision);
        const cached = this.cached(head.entity_ref, revision);
        if (cached) latest.set(head.entity_ref, cached);
        else missing.push([head.entity_ref, revision]);
      }
      if (missing.length) {
        const rows: AssessmentRow[] = await this.knex<AssessmentRow>(
          TABLE,
        ).whereIn(['entity_ref', 'revision'], missing);
        for (const row of rows) {
          latest.set(row.entity_ref, this.remember(fromAssessmentRow(row)));
        }
      }
    }
    // A decided record is final: remembered with its decision.
    for (const record of await withDecisions(this.knex, [...latest.values()])) {
      if (record !== latest.get(record.entityRef)) {
        latest.set(record.entityRef, this.remember(record));
      }
    }
    return latest;
  }

  async getHistory(
    entityRef: string,
    options: { limit: number; beforeRevision?: number },
  ): Promise<AssessmentRecord[]> {
    const query = this.knex<AssessmentRow>(TABLE)
      .where({ entity_ref: entityRef })
      .where(inGeneration(this.knex))
      .whereNotIn('entity_ref', softDeleted(this.knex))
      .orderBy('revision', 'desc')
      .limit(options.limit);
    if (options.beforeRevision !== undefined) {
      query.where('revision', '<', options.beforeRevision);
    }
    return withDecisions(this.knex, (await query).map(fromAssessmentRow));
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.knex(TABLE).distinct('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async reconcileOrphans(
    options: ReconcileOptions,
  ): Promise<OrphanReconciliation> {
    return this.knex.transaction(tx => reconcileOrphans(tx, options));
  }

  /** The parsed copy of a snapshot, when one is remembered. */
  private cached(
    entityRef: string,
    revision: number,
  ): AssessmentRecord | undefined {
    return this.records.get(snapshotKey({ entityRef, revision }));
  }

  private remember(record: AssessmentRecord): AssessmentRecord {
    this.records.set(snapshotKey(record), record);
    return record;
  }
}

// Revisions are never given twice (see claimRevision), so this names one
// snapshot for good.
function snapshotKey(record: { entityRef: string; revision: number }) {
  return `${record.entityRef}#${record.revision}`;
}
