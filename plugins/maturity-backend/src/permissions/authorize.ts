import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';

/** Asks the permission framework for one decision; a 403 unless it allows. */
export async function authorizeOrThrow(
  permissions: PermissionsService,
  request: AuthorizePermissionRequest,
  credentials: BackstageCredentials,
  refusal: string,
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
}
