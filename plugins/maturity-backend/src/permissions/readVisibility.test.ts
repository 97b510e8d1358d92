import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  GetEntitiesByRefsRequest,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
  permissionRules,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  CatalogServiceRequestOptions,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import request from 'supertest';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { criteriaToSql } from '../database/criteriaToSql';
import { MaturityIndex } from '../database/MaturityIndex';
import {
  as,
  component,
  fullyTo,
  group,
  system,
} from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { maturityPlugin } from '../plugin';
import { indexRecordOf } from '../services/entityRefs';

jest.setTimeout(120_000);

const ADA = 'user:default/ada'; // ALLOW
const DAN = 'user:default/dan'; // DENY
const OLIVE = 'user:default/olive'; // owner condition: SQL
const ELI = 'user:default/eli'; // owner, lifecycle and kind conditions: SQL
const ANNIE = 'user:default/annie'; // annotation condition: the catalog decides

const SECRET = 'example.com/secret';

/** Teams and systems are visible to the conditional users, so scorecards open. */
const structure = catalogConditions.isEntityKind({
  kinds: ['System', 'Group', 'Domain'],
});

/** A site's policy, as it would be installed in the permission backend. */
class TestPolicy implements PermissionPolicy {
  async handle(
    request_: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request_;
    if (
      !isResourcePermission(permission, 'catalog-entity') ||
      !isPermission(permission, catalogEntityReadPermission)
    ) {
      return {
        result:
          user?.info.userEntityRef === ADA
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    switch (user?.info.userEntityRef) {
      case ADA:
        return { result: AuthorizeResult.ALLOW };
      case OLIVE:
        return createCatalogConditionalDecision(permission, {
          anyOf: [
            catalogConditions.isEntityOwner({
              claims: ['group:default/payments'],
            }),
            structure,
          ],
        });
      case ELI:
        return createCatalogConditionalDecision(permission, {
          anyOf: [
            catalogConditions.isEntityOwner({
              claims: ['group:default/storefront'],
            }),
            catalogConditions.hasSpec({
              key: 'lifecycle',
              value: 'Experimental',
            }),
            structure,
          ],
        });
      case ANNIE:
        return createCatalogConditionalDecision(permission, {
          not: catalogConditions.hasAnnotation({ annotation: SECRET }),
        });
      default:
        return { result: AuthorizeResult.DENY };
    }
  }
}

const policy = new TestPolicy();

function policyUser(credentials: BackstageCredentials): PolicyQueryUser {
  const { userEntityRef } = credentials.principal as BackstageUserPrincipal;
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
  };
}

const isUser = (
  credentials?: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> =>
  (credentials?.principal as { type?: string })?.type === 'user';

/** What the permission framework answers: the policy's own decisions. */
const permissionDecisions = {
  authorize: async (
    requests: AuthorizePermissionRequest[],
    options?: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> =>
    Promise.all(
      requests.map(async r => {
        const decision = await policy.handle(
          { permission: r.permission },
          policyUser(options!.credentials),
        );
        // The framework applies conditions to a resource; this fake does not.
        if (decision.result === AuthorizeResult.CONDITIONAL) {
          throw new Error(
            `authorize got a conditional decision for ${r.permission.name}`,
          );
        }
        return decision;
      }),
    ),
  authorizeConditional: async (
    requests: QueryPermissionRequest[],
    options?: PermissionsServiceRequestOptions,
  ): Promise<PolicyDecision[]> =>
    Promise.all(
      requests.map(r =>
        isUser(options?.credentials)
          ? policy.handle(
              { permission: r.permission },
              policyUser(options!.credentials),
            )
          : { result: AuthorizeResult.ALLOW },
      ),
    ),
} satisfies Partial<PermissionsService>;

/**
 * A catalog that, like the real one, applies the caller's read decision with
 * the catalog's own permission rules; the plugin's own (service) reads see all.
 */
function policyCatalog(entities: Entity[]) {
  const inner = new InMemoryCatalogClient({ entities });
  const authorizer = createConditionAuthorizer(Object.values(permissionRules));
  const calls = { getEntitiesByRefs: [] as string[] };
  async function allows(options?: { credentials?: BackstageCredentials }) {
    if (!isUser(options?.credentials)) return () => true;
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      policyUser(options!.credentials!),
    );
    return (entity: Entity) => authorizer(decision, entity);
  }
  const catalog = catalogServiceMock.mock({
    async getEntityByRef(
      ref: string | CompoundEntityRef,
      options?: CatalogServiceRequestOptions,
    ) {
      const entity = await inner.getEntityByRef(ref);
      return entity && (await allows(options))(entity) ? entity : undefined;
    },
    async getEntitiesByRefs(
      req: GetEntitiesByRefsRequest,
      options?: CatalogServiceRequestOptions,
    ) {
      const credentials = options?.credentials;
      calls.getEntitiesByRefs.push(
        isUser(credentials) ? credentials.principal.userEntityRef : 'service',
      );
      const { items } = await inner.getEntitiesByRefs({
        entityRefs: req.entityRefs,
      });
      const ok = await allows(options);
      return { items: items.map(e => (e && ok(e) ? e : undefined)) };
    },
    async queryEntities(
      req?: QueryEntitiesRequest,
      options?: CatalogServiceRequestOptions,
    ) {
      const page = await inner.queryEntities(req);
      const ok = await allows(options);
      return { ...page, items: page.items.filter(ok) };
    },
  });
  return { catalog, calls };
}

const secret = (
  name: string,
  owner: string,
  systemName: string,
  lifecycle = 'production',
) =>
  component(name, owner, systemName, {
    lifecycle,
    annotations: { [SECRET]: 'yes' },
  });

const entities: Entity[] = [
  group('engineering'),
  group('product', 'engineering'),
  group('payments', 'product'),
  group('storefront', 'product'),
  group('platform', 'engineering'),
  system('shop', 'commerce'),
  system('ops'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'product' },
  },
  component('payments-api', 'payments', 'shop'),
  component('ledger', 'payments', 'shop', { lifecycle: 'experimental' }),
  secret('vault', 'payments', 'shop'),
  component('web', 'storefront', 'shop'),
  component('checkout', 'storefront', 'shop', { lifecycle: 'experimental' }),
  secret('infra', 'platform', 'ops'),
  component('metrics', 'platform', 'ops', { lifecycle: 'experimental' }),
];

/** The components each user may read, by the policy above. */
const VISIBLE: Record<string, string[]> = {
  [ADA]: [
    'checkout',
    'infra',
    'ledger',
    'metrics',
    'payments-api',
    'vault',
    'web',
  ],
  [DAN]: [],
  [OLIVE]: ['ledger', 'payments-api', 'vault'],
  [ELI]: ['checkout', 'ledger', 'metrics', 'web'],
  [ANNIE]: ['checkout', 'ledger', 'metrics', 'payments-api', 'web'],
};
const SHOP = ['checkout', 'ledger', 'payments-api', 'vault', 'web'];
const PLATFORM = ['infra', 'metrics'];
const only = (names: string[], user: string) =>
  names.filter(n => VISIBLE[user].includes(n));

const base = '/api/maturity';

/**
 * The assessed components, each at one level in two dimensions: different
 * levels, so that percentToTarget sorts, some ties, some unassessed.
 */
const LEVELS: Record<string, number> = {
  'payments-api': 3,
  vault: 1,
  web: 2,
  metrics: 2,
  infra: 1,
};

describe('visibility through the real plugin and a permission policy', () => {
  let server: any;
  let calls: { getEntitiesByRefs: string[] };

  beforeAll(async () => {
    const catalog = policyCatalog(entities);
    calls = catalog.calls;
    ({ server } = await startTestBackend({
      features: [
        maturityPlugin,
        mockServices.rootConfig.factory({
          data: { maturity: { targets: { default: 3 } } },
        }),
        mockServices.permissions.mock(permissionDecisions).factory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog.catalog,
        }),
      ],
    }));
    for (const [name, level] of Object.entries(LEVELS)) {
      const res = await request(server)
        .post(`${base}/entities/component/default/${name}/assessments`)
        .set('Authorization', as(ADA))
        .send({
          baseRevision: 0,
          ratings: {
            'people.ai': fullyTo(level),
            'process.security': fullyTo(level),
          },
        });
      if (res.status !== 201) {
        throw new Error(`assessing ${name} answered ${res.status}`);
      }
    }
  });

  const get = (user: string, path: string) =>
    request(server).get(`${base}${path}`).set('Authorization', as(user));

  const users = [ADA, DAN, OLIVE, ELI, ANNIE];

  it.each(users)(
    'pages the overview of %s: exactly the visible, right totalCount and nextCursor',
    async user => {
      const expected = VISIBLE[user];
      for (const [sort, limit] of [
        ['sortBy=name&order=asc', 2],
        ['sortBy=percentToTarget&order=desc', 2],
        ['sortBy=people&order=asc', 3],
        ['sortBy=name&order=desc', expected.length || 1],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: request.Response = await get(
            user,
            `/overview?${sort}&limit=${limit}${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
          expect(res.status).toBe(200);
          expect(res.body.totalCount).toBe(expected.length);
          seen.push(...res.body.items.map((i: any) => i.name));
          cursor = res.body.nextCursor;
          pages++;
          // A cursor only when there is more to read.
          expect(cursor === null).toBe(seen.length === expected.length);
        } while (cursor && pages < 20);
        expect([...seen].sort()).toEqual(expected);
        expect(new Set(seen).size).toBe(seen.length);
        expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      }
      const filtered = await get(
        user,
        '/overview?lifecycle=EXPERIMENTAL&limit=1',
      );
      const experimental = only(['checkout', 'ledger', 'metrics'], user);
      expect(filtered.body.totalCount).toBe(experimental.length);
      expect(filtered.body.nextCursor === null).toBe(experimental.length <= 1);
    },
  );

  it.each(users)('exports exactly what %s may see', async user => {
    const json = await get(user, '/export?format=json');
    expect(json.status).toBe(200);
    expect(
      JSON.parse(json.text)
        .map((r: any) => r.name)
        .sort(),
    ).toEqual(VISIBLE[user]);
    const csv = await get(user, '/export?format=csv&owner=payments');
    const [header, ...lines] = csv.text.trim().split('\n');
    const column = header.split(',').indexOf('name');
    expect(lines.map(l => l.split(',')[column]).sort()).toEqual(
      only(['ledger', 'payments-api', 'vault'], user),
    );
  });

  it('opens no scorecard to a user denied catalog reads', async () => {
    // The system and the group themselves are not readable.
    for (const path of [
      '/scorecards/systems/default/shop',
      '/scorecards/groups/default/engineering',
      '/scorecards/domains/default/commerce',
    ]) {
      expect((await get(DAN, path)).status).toBe(404);
    }
  });

  it.each(users.filter(u => u !== DAN))(
    'shows %s only visible entities in scorecards',
    async user => {
      const names = (res: request.Response) =>
        res.body.entities.map((e: any) => e.name).sort();
      const shop = await get(user, '/scorecards/systems/default/shop');
      const engineering = await get(
        user,
        '/scorecards/groups/default/engineering',
      );
      expect(shop.status).toBe(200);
      expect(names(shop)).toEqual(only(SHOP, user));
      expect(shop.body.components.total).toBe(only(SHOP, user).length);
      expect(engineering.status).toBe(200);
      expect(names(engineering)).toEqual(VISIBLE[user]);
      expect(
        engineering.body.children.map((c: any) => [
          c.entityRef,
          c.components.total,
        ]),
      ).toEqual([
        ['group:default/platform', only(PLATFORM, user).length],
        ['group:default/product', only(SHOP, user).length],
      ]);
      const payments = await get(
        user,
        '/scorecards/groups/default/payments?direct=true',
      );
      expect(names(payments)).toEqual(
        only(['ledger', 'payments-api', 'vault'], user),
      );
    },
  );

  it.each(users)(
    'answers %s the latest assessment of exactly the visible entities, 404 otherwise',
    async user => {
      for (const name of Object.keys(LEVELS)) {
        const res = await get(user, `/entities/component/default/${name}`);
        const history = await get(
          user,
          `/entities/component/default/${name}/history`,
        );
        const visible = VISIBLE[user].includes(name);
        expect([name, res.status]).toEqual([name, visible ? 200 : 404]);
        expect([name, history.status]).toEqual([name, visible ? 200 : 404]);
      }
    },
  );

  const COMPONENTS = entities
    .filter(e => e.kind === 'Component')
    .map(e => e.metadata.name);

  it.each(users)(
    'answers %s catalog rows of exactly the visible entities, null otherwise',
    async user => {
      const entityRefs = [
        ...COMPONENTS.map(name => `Component:default/${name}`),
        'group:default/payments',
        'component:default/nowhere',
      ];
      const res = await request(server)
        .post(`${base}/entities/by-refs`)
        .set('Authorization', as(user))
        .send({ entityRefs });
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(entityRefs.length);
      const visibleGroup = user !== DAN;
      expect(res.body.items.slice(COMPONENTS.length)).toEqual([
        visibleGroup
          ? {
              entityRef: 'group:default/payments',
              assessed: false,
              level: null,
              stale: false,
            }
          : null,
        null,
      ]);
      // Each component as [ref, assessed, level, stale, revision, assessedAt].
      const shape = (item: any) =>
        item && [
          item.entityRef,
          item.assessed,
          item.level,
          item.stale,
          item.revision ?? null,
          typeof item.assessedAt,
        ];
      const assessed = (name: string) => LEVELS[name] !== undefined;
      expect(res.body.items.slice(0, COMPONENTS.length).map(shape)).toEqual(
        COMPONENTS.map(
          name =>
            VISIBLE[user].includes(name) && [
              `component:default/${name}`,
              assessed(name),
              LEVELS[name] ?? null,
              false,
              assessed(name) ? 1 : null,
              assessed(name) ? 'string' : 'undefined',
            ],
        ).map(item => item || null),
      );
    },
  );

  it.each(users)(
    'lists %s the assessed entities of the maturity filter among the visible only',
    async user => {
      const assessed = async (query: string) => {
        const res = await get(user, `/entities/assessed${query}`);
        expect(res.status).toBe(200);
        return res.body.entityRefs;
      };
      const refs = (names: string[]) =>
        only(names, user)
          .sort()
          .map(name => `component:default/${name}`);
      expect(await assessed('')).toEqual(refs(Object.keys(LEVELS)));
      expect(await assessed('?minLevel=2')).toEqual(
        refs(['payments-api', 'web', 'metrics']),
      );
      expect(await assessed('?minLevel=2&stale=false')).toEqual(
        refs(['payments-api', 'web', 'metrics']),
      );
      expect(await assessed('?stale=true')).toEqual([]);
    },
  );

  it('asks the catalog about rows only when the index cannot decide', async () => {
    calls.getEntitiesByRefs.length = 0;
    for (const user of [ADA, DAN, OLIVE, ELI]) {
      await get(user, '/overview?limit=2');
      await get(user, '/export?format=json');
      await get(user, '/scorecards/groups/default/engineering');
    }
    for (const user of [ADA, OLIVE]) {
      await get(user, '/entities/assessed?minLevel=1');
      await request(server)
        .post(`${base}/entities/by-refs`)
        .set('Authorization', as(user))
        .send({ entityRefs: ['component:default/ledger'] });
    }
    expect(calls.getEntitiesByRefs).toEqual([]);
    await get(ANNIE, '/overview?limit=2');
    expect(calls.getEntitiesByRefs).toContain(ANNIE);
  });

  it('answers 401 without credentials', async () => {
    const res = await request(server)
      .get(`${base}/overview`)
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});

type Criteria = PermissionCriteria<PermissionCondition<'catalog-entity'>>;

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('criteriaToSql on %p', id => {
  // Spellings vary, so that case-insensitive matching is exercised.
  const population: Entity[] = [
    ...entities,
    component('loud', 'payments', 'shop', { lifecycle: 'PRODUCTION' }),
    component('mixed', 'storefront', 'ops', { lifecycle: 'Experimental' }),
    {
      ...component('elsewhere', 'payments', 'shop'),
      metadata: { name: 'elsewhere', namespace: 'other' },
    },
    // Owned by two teams: storefront through its second ownedBy relation.
    {
      ...component('co-owned', 'payments', 'shop'),
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/payments' },
        { type: 'ownedBy', targetRef: 'group:default/storefront' },
      ],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payments-http', namespace: 'default' },
      spec: { type: 'openapi', lifecycle: 'production', owner: 'payments' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
    },
  ];
  const authorizer = createConditionAuthorizer(Object.values(permissionRules));
  const c = catalogConditions;
  let loaded: Promise<MaturityIndex> | undefined;
  const load = () =>
    (loaded ??= (async () => {
      const knex = await databases.init(id);
      await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const index = new MaturityIndex(knex);
      await index.upsert(population.map(indexRecordOf));
      return index;
    })());

  const mappable: Array<[string, Criteria]> = [
    ['IS_ENTITY_KIND', c.isEntityKind({ kinds: ['Component', 'api'] })],
    [
      'IS_ENTITY_OWNER',
      c.isEntityOwner({ claims: ['group:default/payments'] }),
    ],
    [
      'IS_ENTITY_OWNER of a second owner',
      c.isEntityOwner({ claims: ['group:default/storefront'] }),
    ],
    [
      'HAS_SPEC lifecycle',
      c.hasSpec({ key: 'lifecycle', value: 'production' }),
    ],
    ['HAS_SPEC Lifecycle any value', c.hasSpec({ key: 'Lifecycle' })],
    [
      'HAS_METADATA namespace',
      c.hasMetadata({ key: 'namespace', value: 'Other' }),
    ],
    ['HAS_METADATA name', c.hasMetadata({ key: 'name', value: 'WEB' })],
    [
      'allOf',
      {
        allOf: [
          c.isEntityKind({ kinds: ['component'] }),
          c.isEntityOwner({ claims: ['group:default/payments'] }),
        ],
      },
    ],
    [
      'anyOf',
      {
        anyOf: [
          c.isEntityOwner({ claims: ['group:default/storefront'] }),
          c.hasSpec({ key: 'lifecycle', value: 'experimental' }),
        ],
      },
    ],
    ['not IS_ENTITY_KIND', { not: c.isEntityKind({ kinds: ['Group'] }) }],
    [
      'nested',
      {
        allOf: [
          {
            anyOf: [
              c.isEntityOwner({ claims: ['group:default/payments'] }),
              c.hasSpec({ key: 'lifecycle', value: 'EXPERIMENTAL' }),
            ],
          },
          { not: c.isEntityKind({ kinds: ['API'] }) },
        ],
      },
    ],
  ];

  it.each(mappable)(
    'maps %s to SQL that keeps what the catalog rule keeps',
    async (_, criteria) => {
      const index = await load();
      const condition = criteriaToSql(criteria);
      expect(condition).toBeDefined();
      const decision = createCatalogConditionalDecision(
        catalogEntityReadPermission,
        criteria,
      );
      const expected = population
        .filter(e => authorizer(decision, e))
        .map(e => indexRecordOf(e).entityRef)
        .sort();
      const refs = population.map(e => indexRecordOf(e).entityRef);
      expect((await index.filterRefs(refs, condition!)).sort()).toEqual(
        expected,
      );
      // Not vacuous: each condition keeps some and drops some.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(population.length);
    },
  );

  // Empty groups are not in the criteria's type, but a policy that builds
  // them from a list may send one.
  const empty = (of: 'anyOf' | 'allOf') =>
    ({ [of]: [] } as unknown as Criteria);
  it.each<[string, Criteria, 'none' | 'all' | 'some']>([
    ['an empty anyOf', empty('anyOf'), 'none'],
    ['an empty allOf', empty('allOf'), 'all'],
    [
      'an empty allOf among alternatives',
      { anyOf: [empty('allOf'), c.isEntityKind({ kinds: ['API'] })] },
      'all',
    ],
    [
      'an empty anyOf among requirements',
      { allOf: [empty('anyOf'), c.isEntityKind({ kinds: ['Component'] })] },
      'none',
    ],
    [
      'an empty anyOf among alternatives',
      { anyOf: [empty('anyOf'), c.isEntityKind({ kinds: ['API'] })] },
      'some',
    ],
  ])('maps %s as the catalog reads it', async (_, criteria, kept) => {
    const index = await load();
    const condition = criteriaToSql(criteria);
    expect(condition).toBeDefined();
    const decision = createCatalogConditionalDecision(
      catalogEntityReadPermission,
      criteria,
    );
    const refs = population.map(e => indexRecordOf(e).entityRef);
    const expected = population
      .filter(e => authorizer(decision, e))
      .map(e => indexRecordOf(e).entityRef)
      .sort();
    expect((await index.filterRefs(refs, condition!)).sort()).toEqual(expected);
    expect(expected.length).toBe({ none: 0, all: refs.length, some: 1 }[kept]);
  });

  it.each<[string, Criteria]>([
    ['HAS_ANNOTATION', c.hasAnnotation({ annotation: SECRET })],
    ['HAS_LABEL', c.hasLabel({ label: 'tier' })],
    ['HAS_SPEC on another key', c.hasSpec({ key: 'type', value: 'service' })],
    ['HAS_METADATA on another key', c.hasMetadata({ key: 'title' })],
    // SQL's NOT would drop the unowned rows the catalog keeps.
    [
      'not IS_ENTITY_OWNER',
      { not: c.isEntityOwner({ claims: ['group:default/x'] }) },
    ],
    [
      'allOf with one unmappable leaf',
      {
        allOf: [
          c.isEntityKind({ kinds: ['component'] }),
          c.hasAnnotation({ annotation: SECRET }),
        ],
      },
    ],
    [
      'anyOf with one unmappable leaf',
      {
        anyOf: [
          c.isEntityOwner({ claims: ['group:default/payments'] }),
          { not: c.hasLabel({ label: 'tier' }) },
        ],
      },
    ],
  ])('leaves %s to the catalog', (_, criteria) => {
    expect(criteriaToSql(criteria)).toBeUndefined();
  });
});
