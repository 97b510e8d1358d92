import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { recordingAuditor } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { cleanOrphans } from './cleanOrphans';
import { insert } from '../__testUtils__/summaries';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function component(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
  };
}

describe.each(databases.eachSupportedId())('cleanOrphans on %p', id => {
  async function setup(names: string[]) {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    for (const name of names) {
      await insert(store, {
        entityRef: `component:default/${name}`,
        baseRevision: 0,
        modelId: 'cnmm',
        modelVersion: '4.0',
        createdBy: 'user:default/sam',
        ownerRef: null,
        systemRef: null,
        lifecycle: null,
        entityUid: null,
        ratings: {},
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      });
    }
    const { auditor, events } = recordingAuditor();
    return { store, auditor, events };
  }

  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
  const orphans = {
    deleteAfterDays: 30,
    purgeAfterDays: 30,
    maxDeletePercent: 50,
  };

  it('hides departed entities after deleteAfterDays, purges them later, one audit event each', async () => {
    const { store, auditor, events } = await setup(['stays', 'leaves']);
    const deps = {
      store,
      catalog: catalogServiceMock({ entities: [component('stays')] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      auditor,
      orphans,
    };

    await cleanOrphans({ ...deps, now: day(0) });
    await cleanOrphans({ ...deps, now: day(29) });
    await cleanOrphans({
      ...deps,
      orphans: { ...orphans, deleteAfterDays: undefined },
      now: day(90),
    });
    expect(events).toEqual([]);
    expect((await cleanOrphans({ ...deps, now: day(31) })).deleted).toEqual([
      { entityRef: 'component:default/leaves', revisions: 1 },
    ]);
    expect(await store.listEntityRefs()).toHaveLength(2);
    expect((await cleanOrphans({ ...deps, now: day(62) })).purged).toEqual([
      { entityRef: 'component:default/leaves', revisions: 1 },
    ]);
    expect(await store.listEntityRefs()).toEqual(['component:default/stays']);
    expect(events).toEqual(
      ['soft-delete', 'purge'].map(action => ({
        eventId: 'orphan-cleanup',
        status: 'succeeded',
        meta: { action, entityRef: 'component:default/leaves', revisions: 1 },
      })),
    );
  });

  it('deletes nothing, and says why, when too many entities vanish at once', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const { store, auditor, events } = await setup(names);
    const logger = mockServices.logger.mock();
    const deps = {
      store,
      catalog: catalogServiceMock({ entities: [component('a')] }),
      auth: mockServices.auth(),
      logger,
      auditor,
      orphans,
    };
    await cleanOrphans({ ...deps, now: day(0) });
    const report = await cleanOrphans({ ...deps, now: day(40) });
    expect(report.braked).toEqual({ due: 3, limit: 2 });
    expect(report.deleted).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        status: 'failed',
        meta: { action: 'braked', due: 3, assessed: 4, limit: 2 },
      }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('maturity.orphans.maxDeletePercent'),
    );
    expect(
      (await store.getLatest(names.map(n => `component:default/${n}`))).size,
    ).toBe(4);
  });

  it('hides nothing with maxDeletePercent 0, not even one entity a run', async () => {
    // One of 100 vanishes: 1 % of them, and the least any other share allows.
    const names = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const { store, auditor } = await setup(names);
    const deps = {
      store,
      catalog: catalogServiceMock({
        entities: names.slice(1).map(component),
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      auditor,
      orphans: { ...orphans, maxDeletePercent: 0 },
    };
    await cleanOrphans({ ...deps, now: day(0) });
    const report = await cleanOrphans({ ...deps, now: day(40) });
    expect(report.deleted).toEqual([]);
    expect(report.braked).toEqual({ due: 1, limit: 0 });
    expect((await store.getLatest(['component:default/c0'])).size).toBe(1);
    // Any other share lets that one go.
    const allowed = await cleanOrphans({
      ...deps,
      orphans: { ...orphans, maxDeletePercent: 0.5 },
      now: day(41),
    });
    expect(allowed.deleted).toEqual([
      { entityRef: 'component:default/c0', revisions: 1 },
    ]);
  });
});
