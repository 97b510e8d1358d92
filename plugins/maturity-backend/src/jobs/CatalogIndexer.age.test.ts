import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import { component, group } from '../__testUtils__/fixtures';
import { insert, newAssessment } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogIndexer } from './CatalogIndexer';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const MINUTE = 60_000;
const PERIOD = 10 * MINUTE;
const REF = 'component:default/api';

/** `api`, owned by payments first and storefront second, with a uid. */
function api(uid: string): Entity {
  const entity = component('api', 'payments', 'shop');
  return {
    ...entity,
    metadata: { ...entity.metadata, uid, etag: uid },
    relations: [
      ...entity.relations!,
      { type: 'ownedBy', targetRef: 'group:default/storefront' },
    ],
  };
}

describe.each(databases.eachSupportedId())('CatalogIndexer age on %p', id => {
  async function setup(entities: Entity[]) {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const index = new MaturityIndex(knex);
    let now = new Date('2026-12-05T10:00:00Z');
    const catalog = catalogServiceMock.mock();
    const current = { entities };
    catalog.queryEntities.mockImplementation((req, opts) =>
      catalogServiceMock({ entities: current.entities }).queryEntities(
        req,
        opts,
      ),
    );
    const replica = () => {
      const logger = mockServices.logger.mock();
      const indexer = new CatalogIndexer({
        index,
        store,
        catalog,
        auth: mockServices.auth(),
        logger,
        maxAge: { ms: 3 * PERIOD, periods: 3 },
        now: () => now,
      });
      return { indexer, logger };
    };
    return {
      knex,
      store,
      index,
      catalog,
      current,
      replica,
      wait: (ms: number) => {
        now = new Date(now.getTime() + ms);
      },
    };
  }

  it('is relied on for lists only while its last sync is younger than maxAgePeriods, warning now and then', async () => {
    const { catalog, replica, wait } = await setup([group('payments')]);
    const { indexer, logger } = replica();
    expect(await indexer.trusted()).toBe(false);
    await indexer.sync();
    expect(await indexer.trusted()).toBe(true);
    // The sync fails for three periods: the last success stays in force.
    catalog.queryEntities.mockRejectedValue(new Error('catalog down'));
    for (let period = 1; period <= 3; period++) {
      wait(PERIOD - 1);
      await expect(indexer.sync()).rejects.toThrow('catalog down');
      // Still younger than three periods, by a millisecond.
      expect(await indexer.trusted()).toBe(true);
      wait(1);
    }
    expect(await indexer.trusted()).toBe(false);
    // A flood of requests: one warning, then another after 5 minutes.
    for (let i = 0; i < 100; i++) await indexer.trusted();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /last synced 1800 s ago .*maturity\.index\.maxAgePeriods \(3\)/,
    );
    wait(5 * MINUTE);
    await indexer.trusted();
    expect(logger.warn).toHaveBeenCalledTimes(2);
    // Its age stays what it is: the last success.
    expect((await indexer.ready()).toISOString()).toBe(
      '2026-12-05T10:00:00.000Z',
    );
  });

  it('trusts a sync another replica made, read again from the database', async () => {
    const { replica, wait } = await setup([group('payments')]);
    const a = replica().indexer;
    const b = replica().indexer;
    await a.sync();
    expect(await b.trusted()).toBe(true);
    wait(3 * PERIOD);
    expect(await b.trusted()).toBe(false);
    await a.sync();
    // Not re-read on every request: at most every 10 seconds.
    expect(await b.trusted()).toBe(false);
    wait(10_000);
    expect(await b.trusted()).toBe(true);
  });

  it('is always relied on with a manually triggered sync (no maxAge)', async () => {
    const { index, store, catalog } = await setup([]);
    const indexer = new CatalogIndexer({
      index,
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(await indexer.trusted()).toBe(true);
  });

  it('indexes every owner and retires the assessments of a ref a new entity took', async () => {
    const { knex, store, replica, current } = await setup([api('first')]);
    const { indexer } = replica();
    await indexer.sync();
    expect(
      await knex('maturity_entity_owner')
        .where({ entity_ref: REF })
        .pluck('owner_ref'),
    ).toEqual(['group:default/storefront']);
    await insert(
      store,
      newAssessment(REF, 0, {
        entityUid: 'first',
        ownerRef: 'group:default/payments',
        notes: { 'people.ai': 'the first one’s' },
      }),
    );
    // Deleted and registered again: the same ref, another entity.
    current.entities = [api('second')];
    expect(await indexer.sync()).toMatchObject({ written: 1, retired: [REF] });
    expect((await store.getLatest([REF])).size).toBe(0);
    expect(await indexer.sync()).toMatchObject({ written: 0, retired: [] });
  });
});
