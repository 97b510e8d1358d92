import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AssessmentRecord,
  AssessmentStore,
  NewAssessment,
} from './AssessmentStore';
import { BoundedCache } from '../util/BoundedCache';
import { chunks, guard } from './guard';
import {
  ASSESSMENTS as TABLE,
  META,
  Summary,
  SUMMARIES,
  SUMMARY_DIMENSIONS,
} from './tables';

const ORPHANS = 'maturity_orphan';

const migrationsDir = resolvePackagePath(
  '@cnmm/backstage-plugin-maturity-backend',
  'migrations',
);

type Row = {
  entity_ref: string;
  revision: number | string;
  model_id: string;
  model_version: string;
  created_at: Date | string | number;
  created_by: string;
  owner_ref: string | null;
  system_ref: string | null;
  lifecycle: string | null;
  payload: string;
};

type Payload = Pick<
  AssessmentRecord,
  'ratings' | 'targets' | 'notes' | 'evidence' | 'comment'
>;

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function fromRow(row: Row): AssessmentRecord {
  const payload: Payload = JSON.parse(row.payload);
  return {
    entityRef: row.entity_ref,
    revision: Number(row.revision),
    modelId: row.model_id,
    modelVersion: row.model_version,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    ownerRef: row.owner_ref,
    systemRef: row.system_ref,
    lifecycle: row.lifecycle,
    ratings: payload.ratings,
    targets: payload.targets,
    notes: payload.notes,
    evidence: payload.evidence,
    comment: payload.comment,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The knex implementation of {@link AssessmentStore}. */
export class DatabaseAssessmentStore implements AssessmentStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAssessmentStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAssessmentStore(knex);
  }

  // About 3 KB per snapshot: enough for the latest of 20,000 entities.
  private readonly records = new BoundedCache<AssessmentRecord>(20_000);

  private constructor(private readonly knex: Knex) {}

  async insert(
    assessment: NewAssessment,
    summarize: (record: AssessmentRecord) => Summary,
  ): Promise<AssessmentRecord> {
    const { baseRevision, ...record } = assessment;
    const row: Row = {
      entity_ref: record.entityRef,
      revision: baseRevision + 1,
      model_id: record.modelId,
      model_version: record.modelVersion,
      created_at: new Date(),
      created_by: record.createdBy,
      owner_ref: record.ownerRef,
      system_ref: record.systemRef,
      lifecycle: record.lifecycle,
      payload: JSON.stringify({
        ratings: record.ratings,
        targets: record.targets,
        notes: record.notes,
        evidence: record.evidence,
        comment: record.comment,
      } satisfies Payload),
    };
    const stored = fromRow(row);
    const summary = summarize(stored);
    try {
      await guard(() =>
        this.knex.transaction(async tx => {
          const current = await tx(TABLE)
            .where({ entity_ref: record.entityRef })
            .max({ revision: 'revision' })
            .first();
          const currentRevision = Number(current?.revision ?? 0);
          if (currentRevision !== baseRevision) {
            throw conflict(record.entityRef, baseRevision, currentRevision);
          }
          await tx(TABLE).insert(row);
          await writeSummaries(tx, [summary]);
        }),
      );
    } catch (error) {
      // Two writers that read the same revision both try to insert the next
      // one; the unique index lets exactly one of them through.
      if (isUniqueViolation(error)) {
        throw conflict(record.entityRef, baseRevision);
      }
      throw error;
    }
    return this.remember(stored);
  }

  async replaceSummaries(summaries: Summary[]): Promise<void> {
    await guard(() =>
      this.knex.transaction(tx => writeSummaries(tx, summaries)),
    );
  }

  async latestAfter(
    afterRef: string,
    limit: number,
  ): Promise<AssessmentRecord[]> {
    const heads: Array<{ entity_ref: string }> = await guard(async () =>
      this.knex(TABLE)
        .distinct('entity_ref')
        .where('entity_ref', '>', afterRef)
        .orderBy('entity_ref')
        .limit(limit),
    );
    const latest = await this.getLatest(heads.map(h => h.entity_ref));
    return [...latest.values()].sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : 1,
    );
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await guard(async () =>
      this.knex(META).where({ key }).first('value'),
    );
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await guard(async () =>
      this.knex(META).insert({ key, value }).onConflict('key').merge(),
    );
  }

  /**
   * Reads the latest revision of each entity from the index, then only the
   * snapshots not parsed before: a snapshot never changes, so a parsed copy is
   * as good as the row.
   */
  async getLatest(
    entityRefs: string[],
  ): Promise<Map<string, AssessmentRecord>> {
    const latest = new Map<string, AssessmentRecord>();
    for (const refs of chunks([...new Set(entityRefs)])) {
      const heads: Array<{ entity_ref: string; revision: number | string }> =
        await guard(async () =>
          this.knex(TABLE)
            .select('entity_ref')
            .max({ revision: 'revision' })
            .whereIn('entity_ref', refs)
            .groupBy('entity_ref'),
        );
      const missing: Array<[string, number]> = [];
      for (const head of heads) {
        const revision = Number(head.revision);
        const cached = this.records.get(`${head.entity_ref}#${revision}`);
        if (cached) latest.set(head.entity_ref, cached);
        else missing.push([head.entity_ref, revision]);
      }
      if (missing.length) {
        const rows: Row[] = await guard(async () =>
          this.knex<Row>(TABLE).whereIn(['entity_ref', 'revision'], missing),
        );
        for (const row of rows) {
          latest.set(row.entity_ref, this.remember(fromRow(row)));
        }
      }
    }
    return latest;
  }

  async getHistory(
    entityRef: string,
    options: { limit: number; beforeRevision?: number },
  ): Promise<AssessmentRecord[]> {
    const query = this.knex<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('revision', 'desc')
      .limit(options.limit);
    if (options.beforeRevision !== undefined) {
      query.where('revision', '<', options.beforeRevision);
    }
    return (await guard(async () => query)).map(fromRow);
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await guard(async () =>
      this.knex(TABLE).distinct('entity_ref'),
    );
    return rows.map(r => r.entity_ref);
  }

  async reconcileOrphans(options: {
    missing: string[];
    now: Date;
    deleteMissingSince?: Date;
  }): Promise<string[]> {
    return guard(() => this.reconcile(options));
  }

  private async reconcile(options: {
    missing: string[];
    now: Date;
    deleteMissingSince?: Date;
  }): Promise<string[]> {
    return this.knex.transaction(async tx => {
      const missing = new Set(options.missing);
      const known: string[] = (await tx(ORPHANS).select('entity_ref')).map(
        r => r.entity_ref,
      );
      const returned = known.filter(ref => !missing.has(ref));
      const added = [...missing].filter(ref => !known.includes(ref));
      for (const refs of chunks(returned)) {
        await tx(ORPHANS).whereIn('entity_ref', refs).delete();
      }
      for (const refs of chunks(added)) {
        await tx(ORPHANS).insert(
          refs.map(ref => ({ entity_ref: ref, missing_since: options.now })),
        );
      }
      if (!options.deleteMissingSince) return [];
      const expired: string[] = (
        await tx(ORPHANS)
          .where('missing_since', '<', options.deleteMissingSince)
          .select('entity_ref')
      ).map(r => r.entity_ref);
      for (const refs of chunks(expired)) {
        await tx(TABLE).whereIn('entity_ref', refs).delete();
        await tx(SUMMARIES).whereIn('entity_ref', refs).delete();
        await tx(SUMMARY_DIMENSIONS).whereIn('entity_ref', refs).delete();
        await tx(ORPHANS).whereIn('entity_ref', refs).delete();
      }
      return expired;
    });
  }

  private remember(record: AssessmentRecord): AssessmentRecord {
    this.records.set(`${record.entityRef}#${record.revision}`, record);
    return record;
  }
}

function conflict(entityRef: string, base: number, current?: number) {
  return new ConflictError(
    `The assessment of ${entityRef} has changed since revision ${base}${
      current === undefined ? '' : ` (it is now at revision ${current})`
    }; reload it and apply your changes again`,
  );
}

/**
 * Replaces the summary rows of some entities; run inside the transaction
 * that writes their snapshots, so a summary never describes another one.
 */
async function writeSummaries(tx: Knex, summaries: Summary[]) {
  for (const batch of chunks(summaries, 200)) {
    const refs = batch.map(s => s.row.entity_ref);
    await tx(SUMMARY_DIMENSIONS).whereIn('entity_ref', refs).delete();
    await tx(SUMMARIES)
      .insert(batch.map(s => s.row))
      .onConflict('entity_ref')
      .merge();
    const dimensions = batch.flatMap(s =>
      s.dimensions.map(d => ({ entity_ref: s.row.entity_ref, ...d })),
    );
    // SQLite allows 500 rows in one multi-row insert.
    for (const rows of chunks(dimensions, 100)) {
      await tx(SUMMARY_DIMENSIONS).insert(rows);
    }
  }
}
