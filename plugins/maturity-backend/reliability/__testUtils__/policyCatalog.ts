import {
  BackstageCredentials,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  GetEntitiesByRefsRequest,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import {
  createCatalogConditionalDecision,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';

/** What of the catalog a user may read: everything, or a condition. */
export type ReadRule =
  | 'all'
  | PermissionCriteria<
      PermissionCondition<'catalog-entity', PermissionRuleParams>
    >;

function userOf(credentials?: BackstageCredentials): string | undefined {
  return (credentials?.principal as { userEntityRef?: string } | undefined)
    ?.userEntityRef;
}

/**
 * A catalog and a permission policy that agree, as a real portal's do: each
 * user's read decision is the rule given for them (nothing for anyone
 * else), and the catalog keeps to it with the catalog backend's own rules.
 * Its entities can be replaced (an ownership change, a deletion) and its
 * paged reads, which only the index sync makes, made to fail.
 */
export function policyCatalog(rules: Record<string, ReadRule>) {
  const authorizer = createConditionAuthorizer(Object.values(permissionRules));
  let inner = new InMemoryCatalogClient({ entities: [] });
  const state = { failingSyncs: 0, failSync: false };

  const decisionFor = (user?: string): PolicyDecision => {
    const rule = user ? rules[user] : undefined;
    if (rule === 'all') return { result: AuthorizeResult.ALLOW };
    if (!rule) return { result: AuthorizeResult.DENY };
    return createCatalogConditionalDecision(catalogEntityReadPermission, rule);
  };
  const visible = (
    entity: Entity | undefined,
    options?: CatalogServiceRequestOptions,
  ) => {
    if (!entity) return false;
    const decision = decisionFor(userOf(options?.credentials));
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    // The plugin's own service credentials read everything.
    return !userOf(options?.credentials) || authorizer(decision, entity);
  };

  const service = {
    async getEntityByRef(
      ref: string | CompoundEntityRef,
      options?: CatalogServiceRequestOptions,
    ) {
      const entity = await inner.getEntityByRef(ref);
      return visible(entity, options) ? entity : undefined;
    },
    async getEntitiesByRefs(
      request: GetEntitiesByRefsRequest,
      options?: CatalogServiceRequestOptions,
    ) {
      const { items } = await inner.getEntitiesByRefs({
        entityRefs: request.entityRefs,
      });
      return { items: items.map(e => (visible(e, options) ? e : undefined)) };
    },
    async queryEntities(request?: QueryEntitiesRequest) {
      if (state.failSync) {
        state.failingSyncs++;
        throw new Error('The catalog is not answering');
      }
      return inner.queryEntities(request);
    },
  };

  return {
    service,
    state,
    /** Replaces every entity of the catalog. */
    set(entities: Entity[]) {
      inner = new InMemoryCatalogClient({ entities });
    },
    /** The permission service's conditional decisions, per user. */
    async authorizeConditional(
      requests: unknown[],
      options?: PermissionsServiceRequestOptions,
    ): Promise<PolicyDecision[]> {
      return requests.map(() => decisionFor(userOf(options?.credentials)));
    },
  };
}
