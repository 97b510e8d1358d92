import { Entity } from '@backstage/catalog-model';
import createKnex, { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A PostgreSQL connection string naming another database. */
export function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A cached catalog is a copy of one that had just ingested everything, so
 * by the next run every entity is due for processing again: re-processing
 * 10,000 of them took the two cores for minutes, during the measurement, and
 * tripled the catalog's own answers. A portal at rest has processed its
 * entities recently; the copy is made to look so.
 */
async function deferCatalogProcessing(config: Knex.Config) {
  const catalogDb = createKnex(config);
  await catalogDb('refresh_state').update({
    next_update_at: catalogDb.raw(
      config.client === 'pg'
        ? "now() + interval '1 day'"
        : "datetime('now', '+1 day')",
    ),
  });
  await catalogDb.destroy();
}

/**
 * The catalog's own database after ingesting the generated file, kept
 * between runs (ingestion takes minutes): a SQLite file in
 * ~/.cache/cnmm-bench, or a PostgreSQL template database, keyed by a hash of
 * the file. Writes the catalog file (it keeps one path, so that the cached
 * catalog still knows its location) and, when a cached database exists,
 * puts a copy where the backend will open its catalog database: the SQLite
 * folder `work`, or the database `<prefix>catalog`.
 */
export async function restoreCatalog(options: {
  components: number;
  entities: Entity[];
  pgUrl?: string;
  prefix: string;
  work: string;
}) {
  const { pgUrl, prefix, work } = options;
  const cache = join(homedir(), '.cache', 'cnmm-bench');
  mkdirSync(cache, { recursive: true });
  const catalogFile = join(cache, `catalog-${options.components}.yaml`);
  const catalogYaml = options.entities.map(e => stringify(e)).join('---\n');
  writeFileSync(catalogFile, catalogYaml);
  const key = `catalog-${options.components}-${createHash('sha256')
    .update(catalogYaml)
    .digest('hex')
    .slice(0, 12)}`;
  const template = `cnmm_bench_${key.replace(/-/g, '_')}`;
  const sqliteCopy = join(cache, `${key}.sqlite`);
  const sqliteFile = join(work, 'catalog.sqlite');

  let wasCached = false;
  if (pgUrl) {
    const admin = createKnex({ client: 'pg', connection: pgUrl });
    const { rows } = await admin.raw(
      'SELECT 1 FROM pg_database WHERE datname = ?',
      [template],
    );
    if (rows.length) {
      await admin.raw(
        `CREATE DATABASE "${prefix}catalog" TEMPLATE "${template}"`,
      );
      wasCached = true;
    }
    await admin.destroy();
    if (wasCached) {
      await deferCatalogProcessing({
        client: 'pg',
        connection: withDatabase(pgUrl, `${prefix}catalog`),
      });
    }
  } else if (existsSync(sqliteCopy)) {
    copyFileSync(sqliteCopy, sqliteFile);
    wasCached = true;
    await deferCatalogProcessing({
      client: 'better-sqlite3',
      connection: { filename: sqliteFile },
      useNullAsDefault: true,
    });
  }

  return {
    catalogFile,
    wasCached,
    /** Keeps a SQLite catalog just ingested; the backend may still run. */
    async saveIngested() {
      if (wasCached || pgUrl) return;
      const catalogDb = createKnex({
        client: 'better-sqlite3',
        connection: { filename: sqliteFile },
        useNullAsDefault: true,
      });
      await catalogDb.raw('VACUUM INTO ?', [sqliteCopy]);
      await catalogDb.destroy();
    },
    /**
     * Keeps a PostgreSQL catalog just ingested, as a template: only once
     * the backend has stopped, since a template may have no connections.
     */
    async saveStopped(admin: Knex) {
      if (wasCached || !pgUrl) return;
      await admin.raw(
        `CREATE DATABASE "${template}" TEMPLATE "${prefix}catalog"`,
      );
    },
  };
}
