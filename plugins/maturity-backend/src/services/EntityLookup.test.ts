import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { criteriaToSql } from '../database/criteriaToSql';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { CatalogEntityRecord, MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { EntityLookup } from './EntityLookup';
import { trustedIndex } from '../__testUtils__/trustedIndex';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/sam');

function record(
  name: string,
  ownerRef: string,
  lifecycle: string,
): CatalogEntityRecord {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    title: null,
    ownerRef,
    systemRef: null,
    domainRef: null,
    lifecycle,
    parentRef: null,
    etag: null,
  };
}

/** As the catalog has it: its lifecycle may differ from the index's. */
function entity(name: string, lifecycle: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { lifecycle },
  };
}

const ownedByA = criteriaToSql({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims: ['group:default/a'] },
})!;

describe.each(databases.eachSupportedId())('EntityLookup on %p', id => {
  let index: MaturityIndex;

  beforeAll(async () => {
    const knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    index = new MaturityIndex(knex);
    await index.upsert([
      record('api', 'group:default/a', 'production'),
      record('web', 'group:default/b', 'production'),
    ]);
  });

  /** A catalog holding `entities`, as the caller may see them. */
  function setup(entities: Entity[] = []) {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (ref: string | CompoundEntityRef) =>
        entities.find(
          e =>
            stringifyEntityRef(e).toLowerCase() ===
            (typeof ref === 'string'
              ? ref
              : stringifyEntityRef(ref)
            ).toLowerCase(),
        ),
      ),
    });
    return {
      catalog,
      lookup: new EntityLookup({ index, catalog, trust: trustedIndex }),
    };
  }

  const caller = (visibility: Visibility) => ({ credentials, visibility });

  describe('findEntity', () => {
    it('answers an indexed entity from the index, without the catalog', async () => {
      const { catalog, lookup } = setup();
      await expect(
        lookup.findEntity('component:default/api', caller({ type: 'all' })),
      ).resolves.toEqual({
        ref: 'component:default/api',
        lifecycle: 'production',
      });
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    });

    it('finds a ref spelled in any case', async () => {
      const { lookup } = setup();
      const found = await lookup.findEntity(
        'Component:Default/API',
        caller({ type: 'all' }),
      );
      expect(found.ref).toBe('component:default/api');
    });

    it('answers an entity the index does not hold yet from the catalog', async () => {
      const { catalog, lookup } = setup([entity('New', 'experimental')]);
      await expect(
        lookup.findEntity('component:default/new', caller({ type: 'all' })),
      ).resolves.toEqual({
        ref: 'component:default/new',
        lifecycle: 'experimental',
      });
      expect(catalog.getEntityByRef).toHaveBeenCalledWith(
        'component:default/new',
        expect.objectContaining({ credentials }),
      );
    });

    it('answers NotFoundError when neither holds it', async () => {
      const { lookup } = setup();
      await expect(
        lookup.findEntity('component:default/nope', caller({ type: 'all' })),
      ).rejects.toThrow(NotFoundError);
    });

    it('answers an entity meeting an sql condition from the index', async () => {
      const { catalog, lookup } = setup();
      const condition = caller({ type: 'sql', condition: ownedByA });
      await lookup.findEntity('component:default/api', condition);
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
    });

    it('leaves an indexed entity outside the sql condition to the catalog', async () => {
      const { lookup } = setup();
      await expect(
        lookup.findEntity(
          'component:default/web',
          caller({ type: 'sql', condition: ownedByA }),
        ),
      ).rejects.toThrow(NotFoundError);
    });

    it('asks the catalog under a catalog decision, taking its lifecycle', async () => {
      const { catalog, lookup } = setup([entity('api', 'deprecated')]);
      await expect(
        lookup.findEntity('component:default/api', caller({ type: 'catalog' })),
      ).resolves.toEqual({
        ref: 'component:default/api',
        lifecycle: 'deprecated',
      });
      expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    });

    it('does not answer from the index a caller who may see nothing', async () => {
      const { lookup } = setup();
      await expect(
        lookup.findEntity('component:default/api', caller({ type: 'none' })),
      ).rejects.toThrow(NotFoundError);
    });
  });

  describe('getEntity', () => {
    it('answers the catalog’s entity', async () => {
      const api = entity('api', 'production');
      const { lookup } = setup([api]);
      await expect(
        lookup.getEntity('component:default/api', { credentials }),
      ).resolves.toBe(api);
    });

    it('answers NotFoundError naming the ref when the catalog has none', async () => {
      const { lookup } = setup();
      await expect(
        lookup.getEntity('component:default/nope', { credentials }),
      ).rejects.toThrow(
        new NotFoundError('No entity component:default/nope found'),
      );
    });
  });

  describe('visibleIndex', () => {
    it('applies the caller’s visibility', async () => {
      const { lookup } = setup();
      const scope = { kind: 'component' };
      const rows = (visibility: Visibility) =>
        lookup
          .visibleIndex(caller(visibility))
          .rows(scope)
          .then(r => r.map(e => e.name));
      expect(await rows({ type: 'all' })).toEqual(['api', 'web']);
      expect(await rows({ type: 'sql', condition: ownedByA })).toEqual(['api']);
      expect(await rows({ type: 'none' })).toEqual([]);
    });
  });
});
