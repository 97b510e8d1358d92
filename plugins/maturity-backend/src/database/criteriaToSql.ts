import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { OWNERS } from './tables';

/** A visibility rule in SQL over the entity table, aliased `e`. */
export type SqlCondition = (query: Knex.QueryBuilder) => void;

type Params = PermissionRuleParams;

const lower = (values: unknown[]) =>
  values.map(v => String(v).toLocaleLowerCase('en-US'));

/** The catalog's rules whose meaning the index can reproduce exactly. */
function ruleToSql({
  rule,
  params = {},
}: PermissionCondition<string, Params>):
  | ((q: Knex.QueryBuilder) => void)
  | undefined {
  const { kinds, claims, key, value } = params as unknown as {
    kinds?: unknown[];
    claims?: unknown[];
    key?: string;
    value?: string;
  };
  switch (rule) {
    case 'IS_ENTITY_KIND':
      return Array.isArray(kinds)
        ? q => q.whereIn('e.kind', lower(kinds))
        : undefined;
    case 'IS_ENTITY_OWNER':
      // Any of its owners, as the catalog's rule reads every ownedBy
      // relation: the first in the entity's row, the others in their own.
      return Array.isArray(claims)
        ? q =>
            q.where(owned =>
              owned
                .whereIn('e.owner_ref', lower(claims))
                .orWhereExists(further =>
                  further
                    .select('o.owner_ref')
                    .from({ o: OWNERS })
                    .whereRaw('o.entity_ref = e.entity_ref')
                    .whereIn('o.owner_ref', lower(claims)),
                ),
            )
        : undefined;
    case 'HAS_SPEC':
      if (key?.toLowerCase() !== 'lifecycle') return undefined;
      return value === undefined
        ? q => q.whereNotNull('e.lifecycle')
        : q =>
            q.whereRaw('LOWER(e.lifecycle) = ?', [
              value.toLocaleLowerCase('en-US'),
            ]);
    case 'HAS_METADATA': {
      const column = { namespace: 'e.namespace', name: 'e.name' }[
        key?.toLowerCase() ?? ''
      ];
      if (!column) return undefined;
      return value === undefined
        ? q => q.whereNotNull(column)
        : q =>
            q.whereRaw(`LOWER(${column}) = ?`, [
              value.toLocaleLowerCase('en-US'),
            ]);
    }
    default:
      return undefined;
  }
}

/** A criteria tree in SQL, or undefined when any leaf cannot be mapped. */
export function criteriaToSql(
  criteria: PermissionCriteria<PermissionCondition<string, Params>>,
): SqlCondition | undefined {
  if ('allOf' in criteria || 'anyOf' in criteria) {
    const all = 'allOf' in criteria;
    const parts = (all ? criteria.allOf : criteria.anyOf).map(criteriaToSql);
    if (parts.some(p => p === undefined)) return undefined;
    // As the permission framework reads them: no condition met by any (an
    // empty anyOf keeps no row), every condition met by all (an empty allOf
    // keeps every row). Said explicitly, since knex drops an empty group.
    if (!parts.length) {
      return q => q.whereRaw(all ? '1 = 1' : '1 = 0');
    }
    return q =>
      q.where(group => {
        for (const part of parts) {
          if (all) group.where(part!);
          else group.orWhere(part!);
        }
      });
  }
  if ('not' in criteria) {
    // SQL's NOT drops rows whose column is NULL where the catalog's rule
    // would keep them; only the kind is never NULL.
    const negated = criteria.not;
    const inner =
      'rule' in negated && negated.rule === 'IS_ENTITY_KIND'
        ? criteriaToSql(negated)
        : undefined;
    return inner && (q => q.whereNot(inner));
  }
  return ruleToSql(criteria);
}
