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

/** Where the demo admin sign-in may run: `yarn start` and tests. */
const ALLOWED_ENVIRONMENTS = ['development', 'test'];

/**
 * A second guest-like sign-in, as the demo's maturity admin, for the browser
 * tests: the guest provider signs in one user only, and managing campaigns
 * needs an admin. The auth backend enables it only where
 * `auth.providers.demo-admin` is configured (the e2e config). Anyone who
 * reaches it becomes an admin, so a backend configured with it refuses to
 * start outside development, and it refuses sign-ins there too.
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
        const environment = process.env.NODE_ENV;
        if (!ALLOWED_ENVIRONMENTS.includes(environment ?? '')) {
          throw new Error(
            `auth.providers.demo-admin signs anyone in as ${userEntityRef} and is for the browser tests only; remove it from the configuration, or run with NODE_ENV=development (NODE_ENV is ${
              environment ?? 'unset'
            })`,
          );
        }
        providers.registerProvider({
          providerId: 'demo-admin',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate() {
                if (
                  !ALLOWED_ENVIRONMENTS.includes(process.env.NODE_ENV ?? '')
                ) {
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
