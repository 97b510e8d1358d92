import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { cleanOrphans } from './OrphanCleaner';
import { insert } from '../__testUtils__/summaries';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('cleanOrphans on %p', id => {
  it('keeps the assessments of departed entities until deleteAfterDays has passed', async () => {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    for (const name of ['stays', 'leaves']) {
      await insert(store, {
        entityRef: `component:default/${name}`,
        baseRevision: 0,
        modelId: 'cnmm',
        modelVersion: '4.0',
        createdBy: 'user:default/sam',
        ownerRef: null,
        systemRef: null,
        lifecycle: null,
        ratings: {},
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      });
    }
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'stays', namespace: 'default' },
        },
      ],
    });
    const deps = {
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      deleteAfterDays: 30,
    };
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

    expect(await cleanOrphans({ ...deps, now: day(0) })).toEqual([]);
    expect(await cleanOrphans({ ...deps, now: day(29) })).toEqual([]);
    expect(
      await cleanOrphans({ ...deps, deleteAfterDays: undefined, now: day(90) }),
    ).toEqual([]);
    expect(await cleanOrphans({ ...deps, now: day(31) })).toEqual([
      'component:default/leaves',
    ]);
    expect(await store.listEntityRefs()).toEqual(['component:default/stays']);
  });
});
