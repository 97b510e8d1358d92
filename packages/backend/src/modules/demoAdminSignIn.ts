import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * A second guest-like sign-in, as the demo's maturity admin, for the browser
 * tests: the guest provider signs in one user only, and managing campaigns
 * needs an admin. The auth backend enables it only where
 * `auth.providers.demo-admin` is configured (the e2e config), and it refuses
 * outside development, like the guest provider.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-admin-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const userEntityRef = config.getOptionalString(
          'auth.providers.demo-admin.userEntityRef',
        );
        if (!userEntityRef) return;
        providers.registerProvider({
          providerId: 'demo-admin',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (process.env.NODE_ENV !== 'development') {
                  throw new NotAllowedError(
                    'The demo admin sign-in works in development only',
                  );
                }
                return { result: {} };
              },
            }),
            signInResolver: async (_, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
          }),
        });
      },
    });
  },
});
