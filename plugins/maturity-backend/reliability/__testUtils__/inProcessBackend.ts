import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { maturityPlugin } from '../../src/plugin';
import {
  authorizeByOwnership,
  readDecisionByAnnotation,
  visibilityCatalog,
} from '../../src/__testUtils__/fixtures';

/**
 * The real plugin (router, service, store, migrations) in this process, on
 * the given database, with the production HTTP stack of backend-defaults
 * (body limits, error handler, helmet) listening on 127.0.0.1 only; auth,
 * permissions and the catalog are mocks.
 */
export async function startInProcessBackend(options: {
  knex: Knex;
  config?: { backend?: object; [key: string]: unknown };
  /**
   * `mock` (default): mock auth, any user named in a mock token.
   * `real`: Backstage's own auth and httpAuth services, so unauthenticated
   * and forged requests meet the real checks; service access then comes
   * from `backend.auth.externalAccess` in `config`.
   */
  auth?: 'mock' | 'real';
  /** The catalog; the suite's small organisation by default. */
  entities?: Entity[];
  /**
   * Another catalog and read decision instead (`policyCatalog`); writes are
   * then allowed to every user.
   */
  policy?: {
    service: object;
    authorizeConditional: (...args: any[]) => Promise<unknown>;
  };
}) {
  let port: number | undefined;
  // createBackend rather than startTestBackend: the latter always listens on
  // every interface, and the suite stays on loopback.
  const backend = createBackend();
  const features = [
    maturityPlugin,
    mockServices.rootConfig.factory({
      data: {
        ...options.config,
        maturity: {
          // The suite's users write far faster than people: the per-user
          // rate limit is tested on its own, in src/plugin.test.ts.
          rateLimit: { writesPerMinute: 1_000_000 },
          ...(options.config?.maturity as object | undefined),
        },
        backend: {
          ...options.config?.backend,
          baseUrl: 'http://127.0.0.1',
          listen: { host: '127.0.0.1', port: 0 },
        },
      },
    }),
    rootHttpRouterServiceFactory({
      configure(context) {
        context.applyDefaults();
        context.lifecycle.addStartupHook(() => {
          port = (context.server.address() as AddressInfo).port;
        });
      },
    }),
    mockServices.rootLogger.factory({ level: 'warn' }),
    ...(options.auth === 'real'
      ? []
      : [mockServices.auth.factory(), mockServices.httpAuth.factory()]),
    mockServices.database.factory({
      knex: options.knex,
      migrations: { skip: false },
    }),
    mockServices.permissions.mock(
      options.policy
        ? {
            authorize: async requests =>
              requests.map(() => ({ result: AuthorizeResult.ALLOW })),
            authorizeConditional: options.policy.authorizeConditional as any,
          }
        : {
            authorize: authorizeByOwnership(options.entities),
            authorizeConditional: readDecisionByAnnotation as any,
          },
    ).factory,
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () =>
        (options.policy?.service ?? visibilityCatalog(options.entities)) as any,
    }),
  ];
  features.forEach(feature => backend.add(feature));
  await backend.start();
  if (!port) throw new Error('the test backend did not report its port');
  return {
    backend,
    baseUrl: `http://127.0.0.1:${port}/api/maturity`,
    stop: () => backend.stop(),
  };
}
