import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import type { SqlCondition } from './criteriaToSql';
import type { LevelPositions } from './encodedLevels';
import type { EntityOf, IndexFields, IndexScope } from './indexTypes';
import { COLUMNS, scanColumns } from './indexColumns';
import { goalEntityReader, IndexedColumns, mapperOf } from './mappers';
import { needsSummaries, scopeQuery } from './scopeQuery';
import { eachRow, streamQuery } from './streamQuery';
import { summariesAt } from './summaryHistory';

// The reads of a scope's rows that MaturityIndex answers: whole, in
// batches, row by row, and in ref-ordered slices.

/**
 * A whole scope, in ref order unless `ordered` is false. Its summaries are
 * looked up by ref afterwards rather than joined: for a join, PostgreSQL
 * hashes the whole summary table for every batch, where key lookups of the
 * batch's refs take a few milliseconds (figures: docs/benchmarks.md, "Why
 * the queries are shaped as they are"). Those at the scope's `since` too,
 * when the fields name them (`b`).
 */
export async function scopeRows<F extends IndexFields = 'entity'>(
  knex: Knex,
  scope: IndexScope,
  condition?: SqlCondition,
  { ordered = true, fields }: { ordered?: boolean; fields?: F } = {},
): Promise<EntityOf<F>[]> {
  const columns = COLUMNS[fields ?? 'entity'];
  const query = scopeQuery(
    knex,
    scope,
    condition,
    needsSummaries(scope),
  ).select(columns.filter(c => c.startsWith('e.')));
  if (ordered) query.orderBy('e.entity_ref');
  const rows: IndexedColumns[] = await query;
  const byRef = new Map(rows.map(row => [row.entity_ref!, row]));
  const lookups = [
    { alias: 's', at: scope.asOf },
    { alias: 'b', at: scope.since },
  ]
    .map(l => ({
      ...l,
      columns: columns.filter(c => c.startsWith(`${l.alias}.`)),
    }))
    .filter(l => l.columns.length);
  for (const refs of chunks([...byRef.keys()])) {
    for (const { alias, at, columns: summaryColumns } of lookups) {
      const found: IndexedColumns[] = await knex
        .from(summariesAt(knex, at, alias))
        .select(`${alias}.entity_ref`, ...summaryColumns)
        .whereIn(`${alias}.entity_ref`, refs);
      for (const summary of found) {
        Object.assign(byRef.get(summary.entity_ref!)!, summary);
      }
    }
  }
  return rows.map(mapperOf(fields));
}

/**
 * A whole scope with its summaries, read by one statement and handed over
 * in batches, in no order: batches by key would each find their place in
 * the scope again, and look summaries up row by row. The statement holds a
 * connection until the last batch, so the caller must not wait on anyone
 * between batches (no client, no other query).
 */
export async function* scanScope<F extends IndexFields = 'entity'>(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  batchSize: number,
  fields?: F,
): AsyncGenerator<EntityOf<F>[]> {
  const toEntity = mapperOf(fields);
  for await (const batch of streamQuery(
    knex,
    scanQuery(knex, scope, condition, fields),
    batchSize,
  )) {
    yield batch.map(toEntity);
  }
}

/**
 * As `scanScope`, each entity handed to `visit` as it is read, for a reader
 * that keeps little of each: nothing gathers them (streamQuery.ts,
 * `eachRow`, says why). A `goals` read with `levels` reads only the
 * levels at those positions (goalEntityReader).
 */
export function eachInScope<F extends IndexFields = 'entity'>(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  fields: F | undefined,
  visit: (entity: EntityOf<F>) => void,
  levels?: LevelPositions,
): Promise<void> {
  const toEntity = (
    fields === 'goals' && levels ? goalEntityReader(levels) : mapperOf(fields)
  ) as (row: IndexedColumns) => EntityOf<F>;
  return eachRow(knex, scanQuery(knex, scope, condition, fields), row =>
    visit(toEntity(row)),
  );
}

function scanQuery(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  fields: IndexFields | undefined,
) {
  return scopeQuery(knex, scope, condition, true).select(
    scanColumns(knex, fields),
  );
}

/** A refs-ordered slice, for reading a scope in batches. */
export async function scopeRowsAfter<F extends IndexFields = 'entity'>(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  afterRef: string | undefined,
  limit: number,
  fields?: F,
): Promise<EntityOf<F>[]> {
  const query = scopeQuery(knex, scope, condition, true)
    .select(COLUMNS[fields ?? 'entity'])
    .orderBy('e.entity_ref')
    .limit(limit);
  if (afterRef !== undefined) query.where('e.entity_ref', '>', afterRef);
  return (await query).map(mapperOf(fields));
}
