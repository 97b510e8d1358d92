import {
  maturityAssessmentCreatePermission,
  maturityAssessmentReviewPermission,
  maturityCampaignManagePermission,
  maturityPermissions,
} from './permissions';

describe('permissions', () => {
  it('defines maturity.assessment.create on catalog entities', () => {
    expect(maturityAssessmentCreatePermission).toEqual({
      type: 'resource',
      name: 'maturity.assessment.create',
      attributes: { action: 'create' },
      resourceType: 'catalog-entity',
    });
  });

  it('defines maturity.assessment.review on catalog entities', () => {
    expect(maturityAssessmentReviewPermission).toEqual({
      type: 'resource',
      name: 'maturity.assessment.review',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
  });

  it('defines maturity.campaign.manage as a basic permission', () => {
    expect(maturityCampaignManagePermission).toEqual({
      type: 'basic',
      name: 'maturity.campaign.manage',
      attributes: { action: 'update' },
    });
  });

  it('lists every permission of the plugins', () => {
    expect(maturityPermissions).toEqual([
      maturityAssessmentCreatePermission,
      maturityAssessmentReviewPermission,
      maturityCampaignManagePermission,
    ]);
  });
});
