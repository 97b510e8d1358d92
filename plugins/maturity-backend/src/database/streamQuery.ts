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
  return stream(knex, query, batchSize, false);
}

/**
 * As {@link streamQuery}, each row as its values in the order selected:
 * both drivers make an array faster than an object with named fields, which
 * a read of hundreds of thousands of rows pays for in time and garbage.
 */
export function streamValues(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<unknown[][]> {
  return stream(knex, query, batchSize, true);
}

function stream(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
  values: boolean,
) {
  return knex.client.dialect === 'postgresql'
    ? fetchByCursor(knex, query, batchSize, values)
    : iterate(knex, query, batchSize, values);
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
  values: boolean,
): AsyncGenerator<any[]> {
  const { sql, bindings } = query.toSQL().toNative();
  const connection = await knex.client.acquireConnection();
  try {
    // Bound as knex binds them (an "as of" time, for one).
    const rows = connection
      .prepare(sql)
      .raw(values)
      .iterate(knex.client._formatBindings(bindings));
    let batch: unknown[] = [];
    for (const row of rows) {
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
