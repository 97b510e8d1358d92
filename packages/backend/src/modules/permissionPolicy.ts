import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { maturityAssessmentCreatePermission } from '@cnmm/backstage-plugin-maturity-common';

/**
 * The demo portal's policy: everyone may read; a maturity assessment may be
 * written by the entity's owners (the user or one of their groups) and by the
 * admin groups named in `maturity.permissions.adminGroups`, who alone may
 * manage maturity campaigns and review assessments (`maturity.review`);
 * every other write
 * (deleting or refreshing entities, registering or removing locations, and
 * any permission that does not say it only reads) is for the admin groups
 * alone. Registering a location decides who owns an entity, and ownership
 * decides who may assess it, so an open catalog would open the assessments.
 */
export class MaturityDemoPolicy implements PermissionPolicy {
  constructor(private readonly adminGroups: readonly string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(ref => this.adminGroups.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      claims.length === 0 ||
      !isPermission(request.permission, maturityAssessmentCreatePermission)
    ) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'maturity-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const adminGroups =
          config
            .getOptionalStringArray('maturity.permissions.adminGroups')
            ?.map(ref => ref.toLocaleLowerCase('en-US')) ?? [];
        policy.setPolicy(new MaturityDemoPolicy(adminGroups));
      },
    });
  },
});
