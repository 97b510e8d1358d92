import { Knex } from 'knex';
import type { IndexedColumns } from './mappers';

/**
 * Runs one statement and hands its rows over in batches, without reading
 * them all first: streamed from PostgreSQL (`batchesOfPgRows`), or
 * better-sqlite3's iterator. The statement holds a connection until the
 * last batch, so the caller must not wait on anyone between batches (no
 * client, no other query).
 */
export function streamQuery(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<IndexedColumns[]> {
  return knex.client.dialect === 'postgresql'
    ? batchesOfPgRows(knex, query, batchSize)
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
 * has not been parsed waits in the socket's buffer.
 */
function eachPgRow(
  connection: any,
  query: Knex.SqlNative,
  values: boolean,
  visit: (row: any) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: { error: unknown } | undefined;
    sendPgQuery(
      connection,
      query,
      values,
      row => {
        if (failure) return;
        try {
          visit(row);
        } catch (error) {
          failure = { error };
        }
      },
      error => {
        const failed = error ?? failure?.error;
        if (failed === undefined) resolve();
        else reject(failed);
      },
    );
  });
}

/**
 * A statement's rows in batches, streamed as `eachPgRow` reads them. While
 * two batches wait for the reader, the socket is paused, so that a reader
 * slower than the database holds two batches and the socket's buffer, not
 * the whole scope. A reader that stops early has the rest read and dropped:
 * the connection goes back with no statement running.
 */
async function* batchesOfPgRows(
  knex: Knex,
  query: Knex.QueryBuilder,
  batchSize: number,
): AsyncGenerator<IndexedColumns[]> {
  const connection = await knex.client.acquireConnection();
  const socket = connection.connection.stream;
  const ready: IndexedColumns[][] = [];
  let batch: IndexedColumns[] = [];
  let ended: { error?: unknown } | undefined;
  let dropping = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const waitForRows = () =>
    new Promise<void>(resolve => {
      wake = resolve;
    });
  sendPgQuery(
    connection,
    query.toSQL().toNative(),
    false,
    row => {
      if (dropping) return;
      batch.push(row as IndexedColumns);
      if (batch.length < batchSize) return;
      ready.push(batch);
      batch = [];
      if (ready.length >= 2) socket.pause();
      signal();
    },
    error => {
      if (batch.length) ready.push(batch);
      ended = { error };
      signal();
    },
  );
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        socket.resume();
        yield next;
      } else if (ended) {
        if (ended.error !== undefined) throw ended.error;
        return;
      } else {
        await waitForRows();
      }
    }
  } finally {
    if (!ended) {
      dropping = true;
      ready.length = 0;
      socket.resume();
      while (!ended) await waitForRows();
    }
    await knex.client.releaseConnection(connection);
  }
}

/**
 * Sends a statement on a PostgreSQL connection: each row to `onRow` as the
 * driver parses it, then `onEnd` with the statement's error, if any. The
 * query is the connection's own driver's: the plugin does not bring one.
 */
function sendPgQuery(
  connection: any,
  { sql, bindings }: Knex.SqlNative,
  values: boolean,
  onRow: (row: unknown) => void,
  onEnd: (error?: unknown) => void,
) {
  const query = new connection.constructor.Query({
    text: sql,
    values: bindings,
    rowMode: values ? 'array' : undefined,
  });
  query.on('row', onRow);
  query.on('end', () => onEnd());
  query.on('error', (error: unknown) => onEnd(error));
  connection.query(query);
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
