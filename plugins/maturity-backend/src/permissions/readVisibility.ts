import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { criteriaToSql, SqlCondition } from '../database/criteriaToSql';
import type { Caller } from '../services/VisibleIndex';

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

/**
 * Who is calling and what of the catalog they may see: one decision per
 * request or action call.
 */
export async function readCaller(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<Caller> {
  return {
    credentials,
    visibility: await readVisibility(permissions, credentials),
  };
}
