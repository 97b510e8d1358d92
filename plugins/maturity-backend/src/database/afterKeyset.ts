import { Knex } from 'knex';
import type { Keyset } from './indexTypes';

/**
 * Keeps the rows after a keyset in the order (null?, `column` in
 * `direction`, ref ascending): unassessed rows (null values) go last in
 * either direction and ties fall back to the ref, a total order.
 */
export function afterKeyset(
  query: Knex.QueryBuilder,
  column: string,
  direction: 'asc' | 'desc',
  after: Keyset,
): Knex.QueryBuilder {
  if (after.value === null) {
    return query.whereNull(column).where('e.entity_ref', '>', after.ref);
  }
  const beyond = direction === 'asc' ? '>' : '<';
  const value = after.value as Knex.Value;
  return query.where(outer =>
    outer
      .where(inner =>
        inner
          .whereNotNull(column)
          .where(v =>
            v
              .where(column, beyond, value)
              .orWhere(tie =>
                tie
                  .where(column, '=', value)
                  .where('e.entity_ref', '>', after.ref),
              ),
          ),
      )
      .orWhereNull(column),
  );
}
