import {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

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
      return Array.isArray(claims)
        ? q => q.whereIn('e.owner_ref', lower(claims))
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
