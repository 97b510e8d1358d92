import {
  BackstageCredentials,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  GetEntitiesByRefsRequest,
  GetEntitiesRequest,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  AssessmentSubmission,
  defaultMaturityModel,
  RATINGS,
} from '@cnmm/backstage-plugin-maturity-common';

export const OWNER = 'user:default/sam';
export const ADMIN = 'user:default/ada';
export const STRANGER = 'user:default/stranger';

/** The Authorization header of a signed-in user, as the mock httpAuth reads it. */
export const as = (user: string) => mockCredentials.user.header(user);

export const TOPICS = defaultMaturityModel.dimensions.flatMap(d =>
  d.topics.map(t => ({ id: t.id, maxLevel: t.maxLevel })),
);

export function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

export function component(
  name: string,
  owner: string,
  systemName: string,
  options: { lifecycle?: string; annotations?: Record<string, string> } = {},
): Entity {
  const { lifecycle = 'production', annotations = {} } = options;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle,
      owner,
      system: systemName,
    },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      { type: 'partOf', targetRef: `system:default/${systemName}` },
    ],
  };
}

export function system(name: string, domain?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'product', ...(domain ? { domain } : {}) },
    relations: domain
      ? [{ type: 'partOf', targetRef: `domain:default/${domain}` }]
      : [],
  };
}

/** The user entity ref of the credentials' principal, if a user's. */
function userOf(credentials?: BackstageCredentials): string | undefined {
  const principal = credentials?.principal as
    | { userEntityRef?: string }
    | undefined;
  return principal?.userEntityRef;
}

/** The annotation that hides an entity from one user in the test catalog. */
export const HIDDEN_FROM = 'test/hidden-from';

/** The small organisation of the reliability suite. */
export const ENTITIES: Entity[] = [
  group('engineering'),
  group('product', 'engineering'),
  group('payments', 'product'),
  group('storefront', 'product'),
  system('shop', 'commerce'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'product' },
  },
  component('payments-api', 'payments', 'shop'),
  component('ledger', 'payments', 'shop'),
  component('web', 'storefront', 'shop'),
  component('fuzz-target', 'payments', 'shop'),
  component('race-target', 'payments', 'shop'),
  component('secret', 'payments', 'shop', {
    annotations: { [HIDDEN_FROM]: STRANGER },
  }),
];

/**
 * The in-memory catalog client of @backstage/catalog-client, which parses
 * refs like the real client does, wrapped to hide annotated entities from one
 * user as a catalog permission policy would.
 */
export function visibilityCatalog(entities: Entity[] = ENTITIES) {
  const inner = new InMemoryCatalogClient({ entities });
  const visible = (
    entity: Entity | undefined,
    options?: CatalogServiceRequestOptions,
  ) => {
    const hiddenFrom = entity?.metadata.annotations?.[HIDDEN_FROM];
    return !hiddenFrom || hiddenFrom !== userOf(options?.credentials);
  };
  return {
    async getEntityByRef(
      ref: string | CompoundEntityRef,
      options?: CatalogServiceRequestOptions,
    ) {
      const entity = await inner.getEntityByRef(ref);
      return visible(entity, options) ? entity : undefined;
    },
    async getEntities(
      req?: GetEntitiesRequest,
      options?: CatalogServiceRequestOptions,
    ) {
      const { items } = await inner.getEntities({ filter: req?.filter });
      return { items: items.filter(e => visible(e, options)) };
    },
    async getEntitiesByRefs(
      req: GetEntitiesByRefsRequest,
      options?: CatalogServiceRequestOptions,
    ) {
      // Whole entities, so that the annotation is there to decide on.
      const { items } = await inner.getEntitiesByRefs({
        entityRefs: req.entityRefs,
      });
      return { items: items.map(e => (visible(e, options) ? e : undefined)) };
    },
    queryEntities: (req?: QueryEntitiesRequest) => inner.queryEntities(req),
  };
}

/**
 * The catalog read decision that goes with {@link visibilityCatalog}: the
 * hidden-from annotation is a condition the maturity index cannot answer, so
 * the user it hides from gets a conditional decision that sends the plugin
 * back to the catalog; everyone else may read everything.
 */
export async function readDecisionByAnnotation(
  requests: unknown[],
  options?: PermissionsServiceRequestOptions,
): Promise<PolicyDecision[]> {
  const user = userOf(options?.credentials);
  return requests.map(() =>
    user === STRANGER
      ? {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            not: {
              rule: 'HAS_ANNOTATION',
              resourceType: 'catalog-entity',
              params: { annotation: HIDDEN_FROM, value: STRANGER },
            },
          },
        }
      : { result: AuthorizeResult.ALLOW },
  );
}

/**
 * A permission policy by ownership: the admin may assess anything, a user
 * the components their groups own, nobody else anything.
 */
export const OWNERSHIP: Record<string, string[]> = {
  [OWNER]: ['group:default/payments'],
};

export function authorizeByOwnership(entities: Entity[] = ENTITIES) {
  return async (
    requests: Array<{ resourceRef?: string }>,
    options?: PermissionsServiceRequestOptions,
  ) =>
    requests.map(r => {
      const user = userOf(options?.credentials);
      if (user === ADMIN) return { result: AuthorizeResult.ALLOW };
      const entityOwner = entities.find(
        e => `component:default/${e.metadata.name}` === r.resourceRef,
      )?.spec?.owner;
      const allowed = (OWNERSHIP[user ?? ''] ?? []).includes(
        `group:default/${entityOwner}`,
      );
      return {
        result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    });
}

export const fullyTo = (level: number) =>
  Object.fromEntries(
    Array.from({ length: level }, (_, i) => [String(i + 1), 'fully' as const]),
  );

/** Deterministic ratings over every topic and level, seeded by `n`. */
export function ratingsFor(n: number): AssessmentSubmission['ratings'] {
  let x = (n + 1) * 2654435761;
  const next = () => {
    x = (x ^ (x >>> 13)) * 1274126177;
    return ((x >>> 0) % 1000) / 1000;
  };
  return Object.fromEntries(
    TOPICS.map(({ id, maxLevel }) => [
      id,
      Object.fromEntries(
        Array.from({ length: maxLevel }, (_, i) => [
          String(i + 1),
          RATINGS[Math.floor(next() * 4)],
        ]),
      ),
    ]),
  );
}

/** A complete, valid submission: ratings, a target, a note and evidence. */
export function validSubmission(
  baseRevision: number,
  n = baseRevision,
): AssessmentSubmission {
  return {
    baseRevision,
    ratings: ratingsFor(n),
    targets: { 'people.ai': 3 },
    notes: { 'people.ai': `note ${n}` },
    evidence: { 'people.ai': ['https://example.com/evidence'] },
    comment: `submission ${n}`,
  };
}

export type RecordedAuditEvent = {
  eventId: string;
  status: 'succeeded' | 'failed';
  meta: Record<string, unknown>;
  error?: string;
};

/** A mock auditor that keeps each finished event with its merged meta. */
export function recordingAuditor() {
  const auditor = mockServices.auditor.mock();
  const events: RecordedAuditEvent[] = [];
  auditor.createEvent.mockImplementation(async options => ({
    success: async result => {
      events.push({
        eventId: options.eventId,
        status: 'succeeded',
        meta: { ...options.meta, ...result?.meta },
      });
    },
    fail: async result => {
      events.push({
        eventId: options.eventId,
        status: 'failed',
        meta: { ...options.meta, ...result.meta },
        error: result.error.name,
      });
    },
  }));
  return { auditor, events };
}
