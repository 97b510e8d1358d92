import { Knex } from 'knex';

/**
 * A timestamp column as epoch milliseconds, `as` an alias. PostgreSQL
 * computes the number, so that the driver parses no Date of it: profiles of
 * the reads over a whole organisation there had parsing dates (`parseDate`)
 * and making strings of them again (`toIso`) among their largest costs
 * (docs/benchmarks.md). SQLite stores a number already.
 *
 * Truncated to the millisecond as a JavaScript Date is, then counted in
 * floating point: `extract` answers an arbitrary-precision numeric, which
 * cost PostgreSQL 0.14 s over a burn-up's 174,000 history rows, where
 * `date_part` answers a double. A whole millisecond's seconds are within a
 * ten-thousandth of a millisecond of their double, so rounding is exact.
 */
export function epochMs(knex: Knex, column: string, as: string) {
  return knex.client.dialect === 'postgresql'
    ? knex.raw(
        `round(date_part('epoch', date_trunc('milliseconds', ??)) * 1000) as ??`,
        [column, as],
      )
    : knex.raw('?? as ??', [column, as]);
}

/** A timestamp as the databases answer it, as epoch milliseconds. */
export function toMs(value: Date | string | number): number {
  return typeof value === 'number' ? value : new Date(value).getTime();
}
