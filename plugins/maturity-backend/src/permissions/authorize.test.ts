import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { authorizeOrThrow } from './authorize';

const permission = createPermission({
  name: 'maturity.test.write',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const request = { permission, resourceRef: 'component:default/api' };
const credentials = mockCredentials.user('user:default/sam');

function permissions(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  return mockServices.permissions.mock({
    authorize: jest.fn(async () => [{ result }]),
  });
}

describe('authorizeOrThrow', () => {
  it('resolves when the decision allows', async () => {
    await expect(
      authorizeOrThrow(
        permissions(AuthorizeResult.ALLOW),
        request,
        credentials,
        'no',
      ),
    ).resolves.toBeUndefined();
  });

  it('answers NotAllowedError with the refusal when the decision denies', async () => {
    const denied = authorizeOrThrow(
      permissions(AuthorizeResult.DENY),
      request,
      credentials,
      'You may not assess component:default/api',
    );
    await expect(denied).rejects.toThrow(NotAllowedError);
    await expect(denied).rejects.toThrow(
      'You may not assess component:default/api',
    );
  });

  it('asks for the one request with the caller’s credentials', async () => {
    const service = permissions(AuthorizeResult.ALLOW);
    await authorizeOrThrow(service, request, credentials, 'no');
    expect(service.authorize).toHaveBeenCalledTimes(1);
    expect(service.authorize).toHaveBeenCalledWith([request], { credentials });
  });
});
