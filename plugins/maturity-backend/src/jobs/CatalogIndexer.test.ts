import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  QueryEntitiesCursorRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import { EntityLookup } from '../services/EntityLookup';
import { EntityRows } from '../services/EntityRows';
import { OverviewService } from '../services/OverviewService';
import { ScorecardService } from '../services/ScorecardService';
import { component, fullyTo, group, system } from '../__testUtils__/fixtures';
import { defaultSummaries, insert } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogIndexer } from './CatalogIndexer';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** An entity as the catalog serves it, with the etag of one revision. */
const tagged = (entity: Entity, etag: string): Entity => ({
  ...entity,
  metadata: { ...entity.metadata, etag },
});

const domain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: { owner: 'product' },
};

const organisation = (): Entity[] => [
  tagged(group('engineering'), 'g1'),
  tagged(group('payments', 'engineering'), 'g2'),
  tagged(group('storefront', 'engineering'), 'g3'),
  tagged(system('shop', 'commerce'), 's1'),
  tagged(domain, 'd1'),
  tagged(component('payments-api', 'payments', 'shop'), 'c1'),
  tagged(component('ledger', 'payments', 'shop'), 'c2'),
  tagged(component('web', 'storefront', 'shop'), 'c3'),
];

/** A first or a cursor request to queryEntities, read field by field. */
type QueryRequestFields = Partial<
  QueryEntitiesInitialRequest & QueryEntitiesCursorRequest
>;

/** The catalog service mock over an entity list the test can replace. */
function changingCatalog(initial: Entity[]) {
  let current = catalogServiceMock({ entities: initial });
  const catalog = catalogServiceMock.mock({
    queryEntities: (req, opts) => current.queryEntities(req, opts),
    getEntityByRef: (ref, opts) => current.getEntityByRef(ref, opts),
    getEntitiesByRefs: (req, opts) => current.getEntitiesByRefs(req, opts),
  });
  return {
    catalog,
    set(entities: Entity[]) {
      current = catalogServiceMock({ entities });
    },
  };
}

describe.each(databases.eachSupportedId())('CatalogIndexer on %p', id => {
  async function setup(entities: Entity[]) {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const index = new MaturityIndex(knex);
    const { catalog, set } = changingCatalog(entities);
    const onLifecycleChanged = jest.fn(async (_refs: string[]) => undefined);
    const newIndexer = () =>
      new CatalogIndexer({
        index,
        store,
        catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        onLifecycleChanged,
      });
    const indexer = newIndexer();
    // Wired as in plugin.ts.
    const lookup = new EntityLookup({ index, catalog, trust: indexer });
    const rows = new EntityRows(defaultMaturityModel, defaultSummaries);
    const scorecards = new ScorecardService({
      model: defaultMaturityModel,
      indexer,
      entities: lookup,
      rows,
    });
    const overview = new OverviewService({
      model: defaultMaturityModel,
      indexer,
      entities: lookup,
      rows,
    });
    return {
      knex,
      store,
      index,
      catalog,
      setCatalog: set,
      indexer,
      newIndexer,
      scorecards,
      overview,
      onLifecycleChanged,
    };
  }

  const reader = {
    credentials: mockCredentials.user(),
    visibility: { type: 'all' as const },
  };

  it('indexes what the catalog adds, rewrites only changed etags and drops what it deletes', async () => {
    const entities = organisation();
    const { index, indexer, setCatalog } = await setup(entities);

    expect(await indexer.sync()).toEqual({
      seen: 8,
      written: 8,
      removed: 0,
      retired: [],
      lifecycleChanged: [],
    });
    expect(await index.get('component:default/payments-api')).toEqual({
      entityRef: 'component:default/payments-api',
      kind: 'component',
      namespace: 'default',
      name: 'payments-api',
      title: null,
      ownerRef: 'group:default/payments',
      systemRef: 'system:default/shop',
      domainRef: null,
      lifecycle: 'production',
      parentRef: null,
      etag: 'c1',
    });
    expect(await index.get('system:default/shop')).toMatchObject({
      domainRef: 'domain:default/commerce',
    });
    expect(await index.get('group:default/payments')).toMatchObject({
      parentRef: 'group:default/engineering',
    });

    // Nothing changed: every etag matches, nothing is written.
    expect(await indexer.sync()).toMatchObject({ seen: 8, written: 0 });

    const added = tagged(
      {
        ...component('checkout', 'storefront', 'shop'),
        metadata: { name: 'Checkout', namespace: 'default', title: 'Check' },
      },
      'c4',
    );
    setCatalog([...entities, added]);
    expect(await indexer.sync()).toMatchObject({
      seen: 9,
      written: 1,
      removed: 0,
    });
    // Refs are lower-cased; the name keeps the catalog's spelling.
    expect(await index.get('component:default/checkout')).toMatchObject({
      name: 'Checkout',
      title: 'Check',
      ownerRef: 'group:default/storefront',
    });

    setCatalog([...entities, added].filter(e => e.metadata.name !== 'ledger'));
    expect(await indexer.sync()).toMatchObject({
      seen: 8,
      written: 0,
      removed: 1,
    });
    expect(await index.get('component:default/ledger')).toBeUndefined();
    expect([...(await index.indexed()).keys()]).toHaveLength(8);
  });

  it('follows an entity to its new owner in group scorecards and the overview', async () => {
    const entities = organisation();
    const { index, indexer, setCatalog, scorecards, overview, store } =
      await setup(entities);
    await indexer.sync();
    await insert(store, {
      entityRef: 'component:default/ledger',
      baseRevision: 0,
      modelId: 'cnmm',
      modelVersion: '4.0',
      createdBy: 'user:default/sam',
      ownerRef: 'group:default/payments',
      systemRef: 'system:default/shop',
      lifecycle: 'production',
      entityUid: null,
      ratings: { 'people.ai': fullyTo(2) },
      targets: {},
      notes: {},
      evidence: {},
      comment: null,
    });
    const names = (rows: Array<{ name: string }>) =>
      rows.map(r => r.name).sort();
    const byOwner = async (owner: string) =>
      names(
        (
          await overview.overview(
            { owner, sortBy: 'name', order: 'asc', limit: 50 },
            reader,
          )
        ).items,
      );
    expect(
      names(
        (
          await scorecards.groupScorecard('group:default/payments', {
            ...reader,
            direct: false,
          })
        ).entities,
      ),
    ).toEqual(['ledger', 'payments-api']);

    setCatalog(
      entities.map(e =>
        e.metadata.name === 'ledger'
          ? tagged(component('ledger', 'storefront', 'shop'), 'c2-moved')
          : e,
      ),
    );
    expect(await indexer.sync()).toMatchObject({ written: 1 });
    expect(await index.get('component:default/ledger')).toMatchObject({
      ownerRef: 'group:default/storefront',
      etag: 'c2-moved',
    });

    const payments = await scorecards.groupScorecard('group:default/payments', {
      ...reader,
      direct: false,
    });
    expect(names(payments.entities)).toEqual(['payments-api']);
    expect(payments.components).toEqual({ total: 1, assessed: 0, stale: 0 });
    const storefront = await scorecards.groupScorecard(
      'group:default/storefront',
      { ...reader, direct: true },
    );
    expect(names(storefront.entities)).toEqual(['ledger', 'web']);
    // The assessment moved with the entity.
    expect(storefront.components).toEqual({ total: 2, assessed: 1, stale: 0 });
    const engineering = await scorecards.groupScorecard(
      'group:default/engineering',
      { ...reader, direct: false },
    );
    expect(
      engineering.children.map(c => [c.entityRef, c.components.total]),
    ).toEqual([
      ['group:default/payments', 1],
      ['group:default/storefront', 2],
    ]);
    expect(await byOwner('payments')).toEqual(['payments-api']);
    expect(await byOwner('storefront')).toEqual(['ledger', 'web']);
  });

  it('reports the refs whose lifecycle changed, and only those', async () => {
    const entities = organisation();
    const { index, indexer, setCatalog, onLifecycleChanged } = await setup(
      entities,
    );
    await indexer.sync();
    expect(onLifecycleChanged).not.toHaveBeenCalled();

    setCatalog(
      entities.map(e => {
        if (e.metadata.name === 'web') {
          return tagged(
            component('web', 'storefront', 'shop', {
              lifecycle: 'experimental',
            }),
            'c3-2',
          );
        }
        // A new revision with the same lifecycle is no lifecycle change.
        if (e.metadata.name === 'ledger') {
          return tagged(
            {
              ...component('ledger', 'payments', 'shop'),
              metadata: { name: 'ledger', namespace: 'default', title: 'L' },
            },
            'c2-2',
          );
        }
        return e;
      }),
    );
    expect(await indexer.sync()).toMatchObject({
      written: 2,
      lifecycleChanged: ['component:default/web'],
    });
    expect(onLifecycleChanged).toHaveBeenCalledTimes(1);
    expect(onLifecycleChanged).toHaveBeenCalledWith(['component:default/web']);
    expect(await index.get('component:default/web')).toMatchObject({
      lifecycle: 'experimental',
    });

    await indexer.sync();
    expect(onLifecycleChanged).toHaveBeenCalledTimes(1);
  });

  it('reads the catalog page by page with the cursor until the last page', async () => {
    const components = Array.from({ length: 2345 }, (_, i) =>
      tagged(
        component(`svc-${String(i).padStart(4, '0')}`, 'payments', 'shop'),
        `e${i}`,
      ),
    );
    const entities = [...organisation(), ...components];
    const { index, indexer, catalog, setCatalog } = await setup(entities);

    expect(await indexer.sync()).toMatchObject({
      seen: 2353,
      written: 2353,
      removed: 0,
    });
    // 2,353 entities in pages of 1,000: the first request filters, the
    // next two follow the cursor.
    expect(catalog.queryEntities).toHaveBeenCalledTimes(3);
    const requests = catalog.queryEntities.mock.calls.map(
      ([req]) => req as QueryRequestFields,
    );
    expect(requests[0]).toMatchObject({ limit: 1000 });
    expect(requests[0].filter).toBeDefined();
    expect(requests[1].cursor).toEqual(expect.any(String));
    expect(requests[2].cursor).toEqual(expect.any(String));
    expect(requests[2].cursor).not.toBe(requests[1].cursor);
    const indexed = await index.indexed();
    expect(indexed.size).toBe(2353);
    for (const e of components) {
      expect(indexed.has(`component:default/${e.metadata.name}`)).toBe(true);
    }

    // A change on the last page is found, and nothing on the others is rewritten.
    setCatalog([
      ...organisation(),
      ...components.slice(0, 2344),
      tagged(
        component('svc-2344', 'storefront', 'shop', {
          lifecycle: 'deprecated',
        }),
        'e2344-2',
      ),
    ]);
    expect(await indexer.sync()).toMatchObject({
      seen: 2353,
      written: 1,
      removed: 0,
      lifecycleChanged: ['component:default/svc-2344'],
    });
    expect(await index.get('component:default/svc-2344')).toMatchObject({
      ownerRef: 'group:default/storefront',
    });
  });

  it('syncs a fresh index once on the first read, and not again after', async () => {
    const { index, indexer, catalog, newIndexer } = await setup(organisation());
    expect(await indexer.lastSyncedAt()).toBeUndefined();
    // Two first readers at once share one sync.
    const [first, second] = await Promise.all([
      indexer.ready(),
      indexer.ready(),
    ]);
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    expect(first).toBeInstanceOf(Date);
    expect(second.getTime()).toBe(first.getTime());
    expect((await index.indexed()).size).toBe(8);

    expect((await indexer.ready()).getTime()).toBe(first.getTime());
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    // After a restart the stored sync time counts: no second full read.
    const restarted = newIndexer();
    expect((await restarted.ready()).getTime()).toBe(first.getTime());
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
  });
});
