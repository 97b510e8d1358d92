import { Knex } from 'knex';

/**
 * A timestamp column as epoch milliseconds, `as` an alias. PostgreSQL
 * computes the number, so that the driver parses no Date of it: profiles of
 * the reads over a whole organisation there had parsing dates (`parseDate`)
 * and making strings of them again (`toIso`) among their largest costs
 * (docs/benchmarks.md). SQLite stores a number already.
 */
export function epochMs(knex: Knex, column: string, as: string) {
  return knex.client.dialect === 'postgresql'
    ? knex.raw(`floor(extract(epoch from ??) * 1000)::float8 as ??`, [
        column,
        as,
      ])
    : knex.raw('?? as ??', [column, as]);
}

/** A timestamp as the databases answer it, as epoch milliseconds. */
export function toMs(value: Date | string | number): number {
  return typeof value === 'number' ? value : new Date(value).getTime();
}
