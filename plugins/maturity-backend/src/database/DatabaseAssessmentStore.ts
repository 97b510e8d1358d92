import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AssessmentRecord,
  AssessmentStore,
  NewAssessment,
} from './AssessmentStore';
import { BoundedCache } from '../util/BoundedCache';

const TABLE = 'maturity_assessment';
const ORPHANS = 'maturity_orphan';

// Parameters per IN (...) list; well below SQLite's and PostgreSQL's limits.
const CHUNK = 1000;

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

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// Codes of a database that is down or unreachable, rather than of a bad query.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
]);

function isUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as {
    code?: string;
    name?: string;
    message?: string;
  };
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    name === 'KnexTimeoutError' ||
    // knex and pg report a lost connection in words only: a failed ROLLBACK
    // hides the original error, and read timeouts carry no code.
    /Connection terminated|connection is closed|not queryable|Query read timeout|timeout expired/i.test(
      message ?? '',
    )
  );
}

/**
 * Lets a database outage answer 503 with a clear message instead of a 500,
 * so clients can tell "try again" from "this request is wrong".
 */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isUnavailable(error)) {
      // The driver's error names hosts and ports: it stays out of the answer.
      throw new ServiceUnavailableError(
        'The maturity database is not available; try again shortly',
      );
    }
    throw error;
  }
}

export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
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

  async insert(assessment: NewAssessment): Promise<AssessmentRecord> {
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
    return this.remember(fromRow(row));
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
