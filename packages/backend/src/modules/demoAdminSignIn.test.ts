import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import demoAdminSignIn from './demoAdminSignIn';

/** Starts the module alone, with the auth plugin's extension point mocked. */
async function start(config: object) {
  const registerProvider = jest.fn();
  const backend = await startTestBackend({
    extensionPoints: [[authProvidersExtensionPoint, { registerProvider }]],
    features: [
      demoAdminSignIn,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return { backend, registerProvider };
}

const configured = {
  auth: { providers: { 'demo-admin': { userEntityRef: 'user:default/ada' } } },
};

describe('the demo admin sign-in', () => {
  const environment = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = environment;
  });

  it.each(['production', 'staging', ''])(
    'refuses to start when configured with NODE_ENV=%p',
    async value => {
      process.env.NODE_ENV = value;
      await expect(start(configured)).rejects.toThrow(
        /auth\.providers\.demo-admin .* for the browser tests only; remove it from the configuration, or run with NODE_ENV=development/,
      );
    },
  );

  it('starts in development and registers the provider', async () => {
    process.env.NODE_ENV = 'development';
    const { backend, registerProvider } = await start(configured);
    expect(registerProvider).toHaveBeenCalledWith(
      expect.objectContaining({ providerId: 'demo-admin' }),
    );
    await backend.stop();
  });

  it('stays off, in any environment, unless configured', async () => {
    process.env.NODE_ENV = 'production';
    const { backend, registerProvider } = await start({});
    expect(registerProvider).not.toHaveBeenCalled();
    await backend.stop();
  });
});
