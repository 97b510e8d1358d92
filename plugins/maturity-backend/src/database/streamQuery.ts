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
    ? fetchByCursor(knex, query, batchSize)
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
 * row, so `visit` must not wait on anyone. A `visit` that throws is
 * handed no further row, and its error is the answer's.
 */
export function eachRow(
  knex: Knex,
  query: Knex.QueryBuilder,
  visit: (row: IndexedColumns) => void,
): Promise<void> {
  return each(knex, query, false, visit);
}

/**
 * As {@link eachRow}, each row as its values in the order selected: both
 * drivers make an array faster than an object with named fields.
 */
export function eachValues(
  knex: Knex,
  query: Knex.QueryBuilder,
  visit: (values: unknown[]) => void,
): Promise<void> {
  return each(knex, query, true, visit);
}

async function each(
  knex: Knex,
  query: Knex.QueryBuilder,
  values: boolean,
  visit: (row: any) => void,
): Promise<void> {
  const connection = await knex.client.acquireConnection();
  try {
    if (knex.client.dialect === 'postgresql') {
      await eachPgRow(connection, query.toSQL().toNative(), values, visit);
    } else {
      for (const row of sqliteRows(knex, connection, query, values)) {
        visit(row);
      }
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * PostgreSQL sends a plain statement's rows as fast as it reads them, and
 * the driver parses each as it arrives, so the server's work and ours
 * overlap, where a cursor's FETCH waits for each batch in turn: over a
 * burn-up's 174,000 rows, 0.29 s against 0.47–0.52 s (docs/benchmarks.md).
 * The driver keeps no row of a query that has a 'row' listener, and what
 * has not been parsed waits in the socket's buffer. The query is the
 * connection's own driver's: the plugin does not bring one.
 */
function eachPgRow(
  connection: any,
  { sql, bindings }: Knex.SqlNative,
  values: boolean,
  visit: (row: any) => void,
): Promise<void> {
  const Query = connection.constructor.Query;
  return new Promise((resolve, reject) => {
    let failure: { error: unknown } | undefined;
    const query = new Query({
      text: sql,
      values: bindings,
      rowMode: values ? 'array' : undefined,
    });
    query.on('row', (row: unknown) => {
      if (failure) return;
      try {
        visit(row);
      } catch (error) {
        failure = { error };
      }
    });
    query.on('end', () => (failure ? reject(failure.error) : resolve()));
    query.on('error', reject);
    connection.query(query);
  });
}

async function* fetchByCursor(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<IndexedColumns[]> {
  const trx = await knex.transaction();
  try {
    // A cursor is planned for its first rows unless told it is read whole.
    await trx.raw('SET LOCAL cursor_tuple_fraction = 1');
    const { sql, bindings } = query.toSQL();
    await trx.raw(`DECLARE maturity_scan NO SCROLL CURSOR FOR ${sql}`, [
      ...bindings,
    ]);
    for (;;) {
      const { rows } = await trx.raw(
        `FETCH FORWARD ${Number(batchSize)} FROM maturity_scan`,
      );
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
