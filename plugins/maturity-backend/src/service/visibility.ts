import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { SqlCondition } from '../database/MaturityIndex';

/**
 * What of the index a caller may see, from one conditional decision on
 * `catalog.entity.read`:
 * - all / none: an unconditional decision;
 * - sql: conditions that map onto indexed columns, applied in the query;
 * - catalog: conditions the index cannot answer; rows are then kept only if
 *   the catalog returns them to the caller.
 */
export type Visibility =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'sql'; condition: SqlCondition }
  | { type: 'catalog' };

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

/** Asks the permission framework once what of the catalog the caller may read. */
export async function readVisibility(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<Visibility> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return { type: 'all' };
  if (decision.result !== AuthorizeResult.CONDITIONAL) return { type: 'none' };
  const condition = criteriaToSql(decision.conditions);
  return condition ? { type: 'sql', condition } : { type: 'catalog' };
}
