import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Recording a maturity assessment for a catalog entity. It is a permission on
 * the entity (not on the assessment) so that a policy can decide by the
 * entity's ownership, for example with the catalog's `isEntityOwner` rule.
 * @public
 */
export const maturityAssessmentCreatePermission = createPermission({
  name: 'maturity.assessment.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the maturity plugins. @public */
export const maturityPermissions = [maturityAssessmentCreatePermission];
