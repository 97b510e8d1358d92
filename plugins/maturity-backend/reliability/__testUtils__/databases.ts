import createKnex, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A database for standalone backends: backend.database config for the
 * process, and a knex on the plugin's own database to look at what it
 * stored. PostgreSQL gets a fresh prefix (so a fresh `<prefix>maturity`
 * database), SQLite a fresh directory.
 */
export interface StandaloneDatabase {
  kind: 'postgres' | 'sqlite';
  /** backend.database for startStandalone; `via` replaces host:port. */
  backendConfig(via?: { host: string; port: number }): object;
  /** A direct connection to the maturity plugin's database. */
  knex(): Knex;
  /** Closes connections and drops the PostgreSQL database. */
  cleanup(): Promise<void>;
}

export function postgresDatabase(url: string, tag: string): StandaloneDatabase {
  const prefix = `mrel_${tag}_${Date.now().toString(36)}_`;
  const database = `${prefix}maturity`;
  let knex: Knex | undefined;
  return {
    kind: 'postgres',
    backendConfig(via) {
      const connection = new URL(url);
      if (via) {
        connection.hostname = via.host;
        connection.port = String(via.port);
      }
      return { client: 'pg', connection: connection.toString(), prefix };
    },
    knex() {
      if (!knex) {
        const connection = new URL(url);
        connection.pathname = `/${database}`;
        knex = createKnex({
          client: 'pg',
          connection: connection.toString(),
          pool: { min: 0, max: 2 },
        });
      }
      return knex;
    },
    async cleanup() {
      await knex?.destroy();
      const admin = createKnex({ client: 'pg', connection: url });
      try {
        await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [database]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

export function sqliteDatabase(): StandaloneDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'maturity-reliability-'));
  let knex: Knex | undefined;
  return {
    kind: 'sqlite',
    backendConfig: () => ({
      client: 'better-sqlite3',
      connection: { directory },
    }),
    knex() {
      if (!knex) {
        knex = createKnex({
          client: 'better-sqlite3',
          connection: { filename: join(directory, 'maturity.sqlite') },
          useNullAsDefault: true,
        });
      }
      return knex;
    },
    async cleanup() {
      await knex?.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface IntegrityReport {
  rows: number;
  entities: number;
  /** Revisions per entity ref, in order. */
  revisions: Map<string, number[]>;
  /** Empty when every row is complete and every entity is numbered 1..n. */
  problems: string[];
}

const PAYLOAD_KEYS = ['ratings', 'targets', 'notes', 'evidence', 'comment'];

/**
 * Reads every snapshot straight from the table and checks what a reader of
 * the API relies on: each payload is complete JSON with all its parts, and
 * each entity's revisions run 1, 2, …, n without a gap or a duplicate.
 */
export async function checkSnapshots(
  knex: Knex,
  entityPrefix = '',
): Promise<IntegrityReport> {
  const rows: Array<{
    entity_ref: string;
    revision: number | string;
    payload: string;
  }> = await knex('maturity_assessment')
    .select('entity_ref', 'revision', 'payload')
    .where('entity_ref', 'like', `${entityPrefix}%`)
    .orderBy([{ column: 'entity_ref' }, { column: 'revision' }]);
  const problems: string[] = [];
  const revisions = new Map<string, number[]>();
  for (const row of rows) {
    const where = `${row.entity_ref}#${row.revision}`;
    try {
      const payload = JSON.parse(row.payload);
      for (const key of PAYLOAD_KEYS) {
        if (!(key in payload)) problems.push(`${where}: payload lacks ${key}`);
      }
      if (typeof payload.ratings !== 'object' || payload.ratings === null) {
        problems.push(`${where}: ratings is not an object`);
      }
    } catch (error) {
      problems.push(`${where}: payload is not JSON (${error})`);
    }
    revisions.set(row.entity_ref, [
      ...(revisions.get(row.entity_ref) ?? []),
      Number(row.revision),
    ]);
  }
  for (const [ref, list] of revisions) {
    const expected = list.map((_, i) => i + 1);
    if (list.join() !== expected.join()) {
      problems.push(
        `${ref}: revisions ${list.join(',')} are not 1..${list.length}`,
      );
    }
  }
  return { rows: rows.length, entities: revisions.size, revisions, problems };
}
