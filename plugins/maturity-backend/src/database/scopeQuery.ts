import { Knex } from 'knex';
import type { SqlCondition } from './criteriaToSql';
import type { IndexScope } from './indexTypes';
import { summariesAt } from './summaryHistory';
import { ENTITIES, OWNERS, REVIEW_QUEUE } from './tables';

/**
 * The entities of a scope, `e`, with their summaries, `s`, when asked (as
 * of `scope.asOf` when set), and then as of `scope.since` too, `b`: the
 * base of every index read. The caller's condition applies to the entities
 * and to the groups and systems a scope walks through, so that a hidden
 * group or system neither counts nor lends its members to the scope.
 */
export function scopeQuery(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  withSummaries: boolean,
  inRefOrder = false,
): Knex.QueryBuilder {
  const query = knex.queryBuilder().from({ e: ENTITIES });
  if (withSummaries) {
    query.leftJoin(
      summariesAt(knex, scope.asOf),
      's.entity_ref',
      'e.entity_ref',
    );
    if (scope.since !== undefined) {
      query.leftJoin(
        summariesAt(knex, scope.since, 'b'),
        'b.entity_ref',
        'e.entity_ref',
      );
    }
  }
  query.where('e.kind', scope.kind);
  if (scope.entityRefs !== undefined) {
    query.whereIn('e.entity_ref', scope.entityRefs);
  }
  const byOwner = ownedBy(knex, query, scope, condition, inRefOrder);
  const coOwned = scope.coOwned?.length ? scope.coOwned : undefined;
  if (byOwner && coOwned) {
    query.where(either =>
      either
        .where(byOwner)
        .orWhere(q => inBound(knex, q, 'e.entity_ref', coOwned)),
    );
  } else if (byOwner) {
    query.where(byOwner);
  } else if (scope.coOwned) {
    inBound(knex, query, 'e.entity_ref', scope.coOwned);
  }
  if (scope.owners !== undefined) query.whereIn('e.owner_ref', scope.owners);
  if (scope.system !== undefined) query.where('e.system_ref', scope.system);
  if (scope.systemIn !== undefined) {
    query.whereIn('e.system_ref', scope.systemIn);
  }
  if (scope.domain !== undefined) query.where('e.domain_ref', scope.domain);
  if (scope.systemInDomain !== undefined) {
    const systems = knex
      .queryBuilder()
      .select('e.entity_ref')
      .from({ e: ENTITIES })
      .where({ 'e.kind': 'system', 'e.domain_ref': scope.systemInDomain });
    if (condition) systems.where(condition);
    query.whereIn('e.system_ref', systems);
  }
  if (scope.lifecycle !== undefined) {
    query.whereRaw('LOWER(e.lifecycle) = ?', [
      scope.lifecycle.toLocaleLowerCase('en-US'),
    ]);
  }
  if (scope.minLevel !== undefined) {
    query.where('s.lowest_median', '>=', scope.minLevel);
  }
  if (scope.belowTarget) query.where('s.gap_sum', '>', 0);
  if (scope.reviewPending) {
    query.whereIn('e.entity_ref', knex(REVIEW_QUEUE).select('entity_ref'));
  }
  if (scope.expiresBefore !== undefined) {
    query.where('s.valid_until', '<=', scope.expiresBefore);
  }
  // The levels' JSON ends with the not-applicable topics' indexes
  // (mappers.toSummaryRows): "…,[]]" when there are none.
  if (scope.exempt) query.whereNot('s.levels', 'like', '%,[]]');
  if (condition) query.where(condition);
  return query;
}

/**
 * The test of an owner filter on an entity's first owner, `e.owner_ref`;
 * the entities a further owner places in the scope are its `coOwned`
 * (MaturityIndex.coOwned). Undefined without an owner filter.
 */
function ownedBy(
  knex: Knex,
  query: Knex.QueryBuilder,
  scope: IndexScope,
  condition: SqlCondition | undefined,
  inRefOrder: boolean,
): ((q: Knex.QueryBuilder) => void) | undefined {
  const { owner, ownerIn, ownerSubtreeOf } = scope;
  if (owner !== undefined) return q => q.where('e.owner_ref', owner);
  if (ownerIn !== undefined) {
    // One bound value whatever the count, so that no bind limit applies and
    // PostgreSQL plans with the real number of owners (it underestimates a
    // recursive walk badly, and joins row by row; docs/benchmarks.md).
    return q => inBound(knex, q, 'e.owner_ref', ownerIn);
  }
  if (ownerSubtreeOf === undefined) return undefined;
  withSubtree(knex, query, ownerSubtreeOf, condition);
  // Read in ref order and stop at a page, testing membership as it goes:
  // led by the owner index instead, SQLite finds and sorts the whole subtree
  // first, an order of magnitude slower (docs/benchmarks.md).
  return inRefOrder
    ? q => q.whereRaw(`e.owner_ref || '' IN (SELECT ref FROM subtree)`)
    : q => q.whereIn('e.owner_ref', sub => sub.select('ref').from('subtree'));
}

/** `column` among `values`, bound as one value whatever their count. */
export function inBound(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: string[],
): Knex.QueryBuilder {
  return knex.client.dialect === 'postgresql'
    ? query.whereRaw(`${column} = ANY(?)`, [values])
    : query.whereRaw(`${column} IN (SELECT value FROM json_each(?))`, [
        JSON.stringify(values),
      ]);
}

/** Whether a scope filters on the summaries, so that they must be joined. */
export function needsSummaries(scope: IndexScope): boolean {
  return (
    scope.minLevel !== undefined ||
    scope.belowTarget === true ||
    scope.expiresBefore !== undefined ||
    scope.exempt === true
  );
}

/**
 * The entities placed in an owner filter by a further owner only (their
 * first owner is outside it), `o` rows of the further owners joined to their
 * entities `e`; usually none.
 */
export function coOwnedQuery(
  knex: Knex,
  scope: IndexScope,
  condition: SqlCondition | undefined,
): Knex.QueryBuilder | undefined {
  const query = knex
    .queryBuilder()
    .from({ o: OWNERS })
    .join({ e: ENTITIES }, 'e.entity_ref', 'o.entity_ref')
    .distinct('o.entity_ref')
    .where('e.kind', scope.kind);
  const { owner, ownerIn, ownerSubtreeOf } = scope;
  if (owner !== undefined) {
    query.where('o.owner_ref', owner).whereNot('e.owner_ref', owner);
  } else if (ownerIn !== undefined) {
    inBound(knex, query, 'o.owner_ref', ownerIn);
    query.whereNot(q => inBound(knex, q, 'e.owner_ref', ownerIn));
  } else if (ownerSubtreeOf !== undefined) {
    withSubtree(knex, query, ownerSubtreeOf, condition);
    query
      .whereIn('o.owner_ref', sub => sub.select('ref').from('subtree'))
      .whereNotIn('e.owner_ref', sub => sub.select('ref').from('subtree'));
  } else {
    return undefined;
  }
  if (condition) query.where(condition);
  return query;
}

/**
 * Adds `subtree(ref)`: the group and its descendants that meet the
 * condition, cycles included once; a hidden group is not walked, nor is
 * anything below it. The step reads from `subtree` first (a CROSS JOIN
 * keeps that order in SQLite) so that each level is found by the parent
 * index; led by the kind index instead, it compared every group with every
 * ref found, seconds for a few thousand groups.
 */
export function withSubtree(
  knex: Knex,
  query: Knex.QueryBuilder,
  rootRef: string,
  condition?: SqlCondition,
) {
  const step = knex
    .queryBuilder()
    .select('e.entity_ref')
    .from(knex.raw(`subtree CROSS JOIN ${ENTITIES} e`))
    .whereRaw('e.parent_ref = subtree.ref')
    .where('e.kind', 'group');
  if (condition) step.where(condition);
  const { sql, bindings } = step.toSQL();
  return query.withRecursive(
    'subtree',
    ['ref'],
    knex.raw(`SELECT CAST(? AS VARCHAR(512)) UNION ${sql}`, [
      rootRef,
      ...bindings,
    ]),
  );
}
