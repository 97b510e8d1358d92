import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { maturityPlugin } from '../plugin';
import {
  as,
  authorizeByOwnership,
  component,
  group,
  HIDDEN_FROM,
  OWNER,
  readDecisionByAnnotation,
  recordingAuditor,
  STRANGER,
  system,
  visibilityCatalog,
} from './fixtures';

/** Where startTestBackend mounts the plugin. */
export const BASE = '/api/maturity';

/**
 * The organisation of the HTTP tests: five teams under engineering, five
 * components of the shop system in the commerce domain, one experimental, one
 * hidden from {@link STRANGER}.
 */
export const MATURITY_ENTITIES: Entity[] = [
  group('engineering'),
  group('product', 'engineering'),
  group('payments', 'product'),
  group('storefront', 'product'),
  group('platform', 'engineering'),
  system('shop', 'commerce'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'product' },
  },
  component('payments-api', 'payments', 'shop'),
  component('ledger', 'payments', 'shop', { lifecycle: 'experimental' }),
  component('web', 'storefront', 'shop'),
  component('infra', 'platform', 'shop'),
  component('secret', 'payments', 'shop', {
    annotations: { [HIDDEN_FROM]: STRANGER },
  }),
];

type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;
type Feature = Parameters<typeof startTestBackend>[0]['features'] extends
  | Array<infer F>
  | undefined
  ? F
  : never;

type ConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/** The HTTP server of a started test backend, for supertest. */
export type TestServer = TestBackend['server'];

export type StartMaturityBackendOptions = {
  /** The root config, e.g. `{ maturity: { rateLimit: { writesPerMinute: 2 } } }`. */
  config?: ConfigData;
  /** More features or service factories, e.g. a scheduler mock to observe. */
  features?: Feature[];
  /** The catalog, {@link MATURITY_ENTITIES} by default. */
  entities?: Entity[];
};

/**
 * Starts the maturity plugin alone in a test backend, over the in-memory
 * database, with the {@link MATURITY_ENTITIES} catalog (hiding `secret` from
 * the stranger), permissions by ownership and an auditor that records events.
 */
export async function startMaturityBackend(
  options: StartMaturityBackendOptions = {},
) {
  const { config = {}, features = [], entities = MATURITY_ENTITIES } = options;
  const authorize = jest.fn(authorizeByOwnership(entities));
  const { auditor, events } = recordingAuditor();
  const catalog = catalogServiceMock.mock(visibilityCatalog(entities));
  const { server } = await startTestBackend({
    features: [
      maturityPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.mock({
        authorize,
        authorizeConditional: readDecisionByAnnotation,
      }).factory,
      auditor.factory,
      catalog.factory,
      ...features,
    ],
  });
  return {
    server,
    authorize,
    auditor,
    events,
    /** GET `${BASE}${path}` as `user` (the owner of the payments team by default). */
    get: (path: string, user: string = OWNER) =>
      request(server).get(`${BASE}${path}`).set('Authorization', as(user)),
    /** Submits an assessment of component:default/`name` as `user`. */
    assess: (name: string, body: unknown, user: string = OWNER) =>
      submitAssessment(server, name, body, user),
  };
}

export type MaturityBackend = Awaited<ReturnType<typeof startMaturityBackend>>;

/** POSTs an assessment of component:default/`name` as `user`. */
export function submitAssessment(
  server: TestServer,
  name: string,
  body: unknown,
  user: string = OWNER,
) {
  return request(server)
    .post(`${BASE}/entities/component/default/${name}/assessments`)
    .set('Authorization', as(user))
    .send(body as object);
}
