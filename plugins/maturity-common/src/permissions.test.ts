import {
  maturityAssessmentCreatePermission,
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

  it('lists every permission of the plugins', () => {
    expect(maturityPermissions).toEqual([maturityAssessmentCreatePermission]);
  });
});
