import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  maturityAssessmentReviewPermission,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import useAsync from 'react-use/esm/useAsync';
import { sameRef } from './ReviewStatus';

/**
 * Whether the user may decide the snapshot: it is pending, the policy
 * grants the review permission on the entity, and the user is not its
 * author (the backend refuses the author; the buttons are not offered).
 */
export function useMayReview(
  entityRef: string,
  snapshot: StoredAssessment | undefined,
): boolean {
  const identityApi = useApi(identityApiRef);
  const { allowed } = usePermission({
    permission: maturityAssessmentReviewPermission,
    resourceRef: entityRef,
  });
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const user = identity.value?.userEntityRef;
  return (
    allowed &&
    snapshot?.review?.status === 'pending' &&
    user !== undefined &&
    !sameRef(user, snapshot.createdBy)
  );
}
