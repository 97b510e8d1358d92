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

/**
 * Creating, editing and closing maturity campaigns. A basic permission: a
 * campaign spans many entities, so a policy decides by who asks, not by what.
 * @public
 */
export const maturityCampaignManagePermission = createPermission({
  name: 'maturity.campaign.manage',
  attributes: { action: 'update' },
});

/** Every permission of the maturity plugins. @public */
export const maturityPermissions = [
  maturityAssessmentCreatePermission,
  maturityCampaignManagePermission,
];
