import { Knex } from 'knex';
import type { IndexedColumns } from './mappers';

/**
 * Runs one statement and hands its rows over in batches, without reading
 * them all first: a PostgreSQL cursor, or better-sqlite3's iterator. The
 * statement holds a connection until the last batch, so the caller must not
 * wait on anyone between batches (no client, no other query).
 */
export function streamQuery(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<IndexedColumns[]> {
  return knex.client.dialect === 'postgresql'
    ? fetchByCursor(knex, query, batchSize, false)
    : iterate(knex, query, batchSize);
}

/**
 * Runs one statement and hands each row to `visit` as the database reads
 * it: nothing gathers the rows. A read of hundreds of thousands of rows that
 * gathered them in batches, each row made into an object, had V8 find whole
 * batches alive when it collected, take their allocation sites for
 * long-lived ones, and place every later row's objects in the old
 * generation: some 80 MB a burn-up, left for the next full collection
 * (docs/benchmarks.md). The statement holds a connection until the last
 * row, so `visit` must not wait on anyone.
 */
export function eachRow(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
  visit: (row: IndexedColumns) => void,
): Promise<void> {
  return each(knex, query, batchSize, false, visit);
}

/**
 * As {@link eachRow}, each row as its values in the order selected: both
 * drivers make an array faster than an object with named fields.
 */
export function eachValues(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
  visit: (values: unknown[]) => void,
): Promise<void> {
  return each(knex, query, batchSize, true, visit);
}

async function each(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
  values: boolean,
  visit: (row: any) => void,
): Promise<void> {
  if (knex.client.dialect !== 'postgresql') {
    await eachSqliteRow(knex, query, values, visit);
    return;
  }
  for await (const rows of fetchByCursor(knex, query, batchSize, values)) {
    for (const row of rows) visit(row);
  }
}

async function* fetchByCursor(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
  values: boolean,
): AsyncGenerator<any[]> {
  const trx = await knex.transaction();
  try {
    // A cursor is planned for its first rows unless told it is read whole.
    await trx.raw('SET LOCAL cursor_tuple_fraction = 1');
    const { sql, bindings } = query.toSQL();
    await trx.raw(`DECLARE maturity_scan NO SCROLL CURSOR FOR ${sql}`, [
      ...bindings,
    ]);
    for (;;) {
      const { rows } = await trx
        .raw(`FETCH FORWARD ${Number(batchSize)} FROM maturity_scan`)
        .options(values ? { rowMode: 'array' } : {});
      if (rows.length) yield rows;
      if (rows.length < batchSize) break;
    }
  } finally {
    await trx.rollback();
  }
}

/**
 * better-sqlite3 steps the statement as batches are taken. Batches are
 * handed over without a turn of the event loop in between (the caller
 * awaits no I/O), so no other request runs while the statement is open,
 * and no write on another connection can wait on this reader's lock.
 */
async function* iterate(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<IndexedColumns[]> {
  const connection = await knex.client.acquireConnection();
  try {
    let batch: IndexedColumns[] = [];
    for (const row of sqliteRows(knex, connection, query, false)) {
      batch.push(row);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** Every row of a statement, stepped in one go (see `iterate`). */
async function eachSqliteRow(
  knex: Knex,
  query: Knex.QueryBuilder,
  values: boolean,
  visit: (row: any) => void,
) {
  const connection = await knex.client.acquireConnection();
  try {
    for (const row of sqliteRows(knex, connection, query, values)) visit(row);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

function sqliteRows(
  knex: Knex,
  connection: any,
  query: Knex.QueryBuilder,
  values: boolean,
): Iterable<any> {
  const { sql, bindings } = query.toSQL().toNative();
  // Bound as knex binds them (an "as of" time, for one).
  return connection
    .prepare(sql)
    .raw(values)
    .iterate(knex.client._formatBindings(bindings));
}
