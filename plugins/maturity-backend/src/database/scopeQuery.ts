import { Knex } from 'knex';
import type { SqlCondition } from './criteriaToSql';
import type { IndexScope } from './indexTypes';
import { ENTITIES, SUMMARIES } from './tables';

/**
 * The entities of a scope, `e`, with their summaries, `s`, when asked: the
 * base of every index read.
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
    query.leftJoin({ s: SUMMARIES }, 's.entity_ref', 'e.entity_ref');
  }
  query.where('e.kind', scope.kind);
  if (scope.owner !== undefined) query.where('e.owner_ref', scope.owner);
  if (scope.owners !== undefined) query.whereIn('e.owner_ref', scope.owners);
  if (scope.ownerIn !== undefined) {
    // One bound value whatever the count, so that no bind limit applies and
    // PostgreSQL plans with the real number of owners (it underestimates a
    // recursive walk badly, and joins row by row; docs/benchmarks.md).
    if (knex.client.dialect === 'postgresql') {
      query.whereRaw('e.owner_ref = ANY(?)', [scope.ownerIn]);
    } else {
      query.whereRaw('e.owner_ref IN (SELECT value FROM json_each(?))', [
        JSON.stringify(scope.ownerIn),
      ]);
    }
  }
  if (scope.ownerSubtreeOf !== undefined) {
    withSubtree(knex, query, scope.ownerSubtreeOf);
    if (inRefOrder) {
      // Read in ref order and stop at a page, testing membership as it
      // goes: led by the owner index instead, SQLite finds and sorts the
      // whole subtree first, an order of magnitude slower (docs/benchmarks.md).
      query.whereRaw(`e.owner_ref || '' IN (SELECT ref FROM subtree)`);
    } else {
      query.whereIn('e.owner_ref', qb => qb.select('ref').from('subtree'));
    }
  }
  if (scope.system !== undefined) query.where('e.system_ref', scope.system);
  if (scope.domain !== undefined) query.where('e.domain_ref', scope.domain);
  if (scope.systemInDomain !== undefined) {
    query.whereIn('e.system_ref', qb =>
      qb
        .select('entity_ref')
        .from(ENTITIES)
        .where({ kind: 'system', domain_ref: scope.systemInDomain }),
    );
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
  if (condition) query.where(condition);
  return query;
}

/** Whether a scope filters on the summaries, so that they must be joined. */
export function needsSummaries(scope: IndexScope): boolean {
  return scope.minLevel !== undefined || scope.belowTarget === true;
}

/**
 * Adds `subtree(ref)`: the group and its descendants, cycles included once.
 * The step reads from `subtree` first (a CROSS JOIN keeps that order in
 * SQLite) so that each level is found by the parent index; led by the kind
 * index instead, it compared every group with every ref found, seconds for
 * a few thousand groups.
 */
export function withSubtree(
  knex: Knex,
  query: Knex.QueryBuilder,
  rootRef: string,
) {
  return query.withRecursive(
    'subtree',
    ['ref'],
    knex.raw(
      `SELECT CAST(? AS VARCHAR(512))
         UNION
         SELECT g.entity_ref FROM subtree CROSS JOIN ${ENTITIES} g
         WHERE g.parent_ref = subtree.ref AND g.kind = 'group'`,
      [rootRef],
    ),
  );
}
