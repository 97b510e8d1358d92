import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CampaignGoals,
  CampaignScope,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { indexRecord } from '../__testUtils__/indexRecord';
import {
  defaultSummaries,
  insert,
  newAssessment,
} from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { trustedIndex } from '../__testUtils__/trustedIndex';
import { criteriaToSql } from '../database/criteriaToSql';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { IndexCampaignScopeResolver } from './CampaignScope';
import { EntityLookup } from './EntityLookup';

jest.setTimeout(120_000);

const databases = createTestDatabases();
// The levels kept of each entity are those its campaign's goals name.
const [dimension] = defaultMaturityModel.dimensions;
const GOALS: CampaignGoals = {
  topics: { [dimension.topics[0].id]: 2 },
  dimensions: { [dimension.id]: 1 },
};
const credentials = mockCredentials.user('user:default/sam');

const group = (name: string) => `group:default/${name}`;
const component = (name: string) => `component:default/${name}`;

/** engineering > product > payments, storefront; engineering > secret. */
const ORGANISATION = [
  indexRecord('group', 'engineering'),
  indexRecord('group', 'product', { parentRef: group('engineering') }),
  indexRecord('group', 'payments', { parentRef: group('product') }),
  indexRecord('group', 'storefront', { parentRef: group('product') }),
  indexRecord('group', 'secret', { parentRef: group('engineering') }),
  indexRecord('system', 'shop'),
  indexRecord('component', 'pay-1', {
    ownerRef: group('payments'),
    systemRef: 'system:default/shop',
    lifecycle: 'production',
  }),
  indexRecord('component', 'pay-2', {
    ownerRef: group('payments'),
    lifecycle: 'experimental',
  }),
  indexRecord('component', 'store-1', {
    ownerRef: group('storefront'),
    systemRef: 'system:default/shop',
    lifecycle: 'Production',
  }),
  // Owned by storefront first, and by payments too.
  indexRecord('component', 'shared', {
    ownerRef: group('storefront'),
    ownerRefs: [group('storefront'), group('payments')],
    lifecycle: 'production',
  }),
  indexRecord('component', 'hidden-1', {
    ownerRef: group('secret'),
    lifecycle: 'production',
  }),
  indexRecord('component', 'orphan'),
  indexRecord('api', 'pay-api', { ownerRef: group('payments') }),
];
const GROUPS = ['engineering', 'product', 'payments', 'storefront', 'secret'];
const ENTITIES = ORGANISATION.filter(e => e.kind !== 'group');

const SCOPES: CampaignScope[] = [
  {},
  { owner: 'group:default/product' },
  { owner: 'payments' },
  { owner: 'group:default/engineering', lifecycle: 'production' },
  { system: 'shop' },
  { lifecycle: 'production' },
  { kind: 'API' },
  { owner: 'group:default/secret' },
];

/** A catalog that returns to the caller only the refs in `visible`. */
function catalogOf(visible: string[]) {
  const seen = new Set(visible);
  return catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
      items: request.entityRefs.map(r => {
        if (!seen.has(r)) return undefined;
        const { kind, name } = parseEntityRef(r);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind,
          metadata: { name },
        };
      }),
    })),
  });
}

const everything = ORGANISATION.map(e => e.entityRef);
const VISIBILITIES: Array<[string, Visibility, string[]]> = [
  ['all', { type: 'all' }, everything],
  [
    'a condition',
    {
      type: 'sql',
      condition: criteriaToSql({
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [group('payments'), group('storefront')] },
      })!,
    },
    everything,
  ],
  // The secret team and its component are hidden from the caller.
  [
    'the catalog',
    { type: 'catalog' },
    everything.filter(
      r => r !== group('secret') && r !== component('hidden-1'),
    ),
  ],
];

describe.each(databases.eachSupportedId())(
  'the campaign scope of one entity or team on %p',
  id => {
    let knex: Knex;
    let index: MaturityIndex;

    beforeAll(async () => {
      knex = await databases.init(id);
      const store = await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      index = new MaturityIndex(knex);
      await index.upsert(ORGANISATION);
      for (const [name, level] of [
        ['pay-1', 2],
        ['store-1', 1],
        ['shared', 3],
      ] as const) {
        await insert(store, newAssessment(component(name), 0, { level }));
      }
    });

    afterAll(async () => knex.destroy());

    function resolver(visible: string[]) {
      return new IndexCampaignScopeResolver({
        index,
        indexer: { ready: async () => new Date() },
        entities: new EntityLookup({
          index,
          catalog: catalogOf(visible),
          trust: trustedIndex,
        }),
        summaries: defaultSummaries,
      });
    }

    it.each(VISIBILITIES)(
      "is the whole scope's part, for every scope and entity, the caller's visibility %s",
      async (_, visibility, visible) => {
        const scopes = resolver(visible);
        const caller = { credentials, visibility };
        let found = 0;
        for (const scope of SCOPES) {
          const whole = await scopes.resolve(scope, GOALS, caller);
          for (const { entityRef } of ENTITIES) {
            const own = await scopes.resolve(scope, GOALS, caller, {
              entityRefs: [entityRef],
            });
            expect({ scope, entityRef, own }).toEqual({
              scope,
              entityRef,
              own: whole.filter(e => e.entityRef === entityRef),
            });
            found += own.length;
          }
          for (const name of GROUPS) {
            const team = await scopes.groupSubtree(group(name));
            const owned = await scopes.resolve(scope, GOALS, caller, {
              ownedBy: team,
            });
            expect({ scope, name, owned }).toEqual({
              scope,
              name,
              owned: whole.filter(e => team.has(e.ownerRef ?? '')),
            });
          }
        }
        // Not a comparison of empty answers.
        expect(found).toBeGreaterThan(10);
      },
    );
  },
);
