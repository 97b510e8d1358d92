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
 * Approving or returning a pending maturity assessment of a catalog entity,
 * when `maturity.review.required` is on. A permission on the entity, like
 * `maturity.assessment.create`, so that a policy can scope who reviews what
 * (the author of a snapshot never decides it, whatever the policy says).
 * @public
 */
export const maturityAssessmentReviewPermission = createPermission({
  name: 'maturity.assessment.review',
  attributes: { action: 'update' },
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
  maturityAssessmentReviewPermission,
  maturityCampaignManagePermission,
];
