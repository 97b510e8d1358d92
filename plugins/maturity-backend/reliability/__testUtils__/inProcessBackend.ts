import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { maturityPlugin } from '../../src/plugin';
import {
  authorizeByOwnership,
  readDecisionByAnnotation,
  visibilityCatalog,
} from '../../src/__testUtils__/fixtures';
import { freePort } from './standaloneBackend';

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
  /** The databases of other plugins (each needs its own), by plugin id. */
  pluginDatabases?: Record<string, Knex>;
  /**
   * More features, or services in place of the defaults: a recording
   * auditor, a scheduler whose tasks the test runs, other plugins.
   */
  features?: Array<Parameters<ReturnType<typeof createBackend>['add']>[0]>;
}) {
  let port: number | undefined;
  // Known before the start, so that plugins find each other (discovery):
  // the notifications backend, for one.
  const chosenPort = await freePort();
  // createBackend rather than startTestBackend: the latter always listens on
  // every interface, and the suite stays on loopback.
  const backend = createBackend();
  const features = [
    maturityPlugin,
    mockServices.rootConfig.factory({
      data: {
        ...options.config,
        maturity: {
          // The suite's users write far faster than people, and many times
          // to one entity: the write limits are tested on their own, in
          // storage.reliability.ts and src/services/writeRateLimit.test.ts.
          rateLimit: {
            writesPerMinute: 1_000_000,
            snapshotsPerEntityPerDay: 1_000_000,
          },
          ...(options.config?.maturity as object | undefined),
        },
        backend: {
          ...options.config?.backend,
          baseUrl: `http://127.0.0.1:${chosenPort}`,
          listen: { host: '127.0.0.1', port: chosenPort },
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
      : [
          mockServices.auth.factory(),
          mockServices.httpAuth.factory(),
          // Other plugins (notifications) read the user from the token.
          mockServices.userInfo.factory(),
        ]),
    // The maturity plugin's database, and each other plugin's own.
    createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) =>
        mockServices.database({
          knex: options.pluginDatabases?.[plugin.getId()] ?? options.knex,
          migrations: { skip: false },
        }),
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
      // Every method of the catalog service, so that other plugins (the
      // notifications backend) find what they call.
      factory: () =>
        catalogServiceMock.mock(
          (options.policy?.service ??
            visibilityCatalog(options.entities)) as any,
        ),
    }),
    ...(options.features ?? []),
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

/** The token that `staticTokenAccess` lets in. */
export const SERVICE_TOKEN = 'reliability-static-token-0123456789';

/**
 * Config for a backend with `auth: 'real'` that lets `SERVICE_TOKEN` in as
 * the service `subject`: the one way a service reaches the real auth.
 */
export function staticTokenAccess(subject: string) {
  return {
    backend: {
      auth: {
        externalAccess: [
          { type: 'static', options: { token: SERVICE_TOKEN, subject } },
        ],
      },
    },
  };
}
