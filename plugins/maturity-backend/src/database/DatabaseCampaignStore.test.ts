import { mockServices } from '@backstage/backend-test-utils';
import { CampaignInput } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const input: CampaignInput = {
  title: 'Production readiness',
  description: 'Every production service at level 2',
  scope: { owner: 'group:default/product', lifecycle: 'production' },
  goals: { topics: { 'process.audit-and-logs': 2 } },
  startsOn: '2026-11-01',
  deadline: '2026-12-31',
  status: 'open',
};

async function setUp(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  // The assessment store runs every migration, the campaigns' included.
  await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store: new DatabaseCampaignStore(knex) };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %p',
  id => {
    let knex: Knex;
    let store: DatabaseCampaignStore;
    beforeEach(async () => {
      ({ knex, store } = await setUp(id));
    });
    afterEach(async () => {
      await knex.destroy();
    });

    it('keeps every version of a campaign and refuses an edit from an old one', async () => {
      const created = await store.create(input, 'user:default/ada');
      expect(created).toMatchObject({
        ...input,
        version: 1,
        source: 'database',
        createdBy: 'user:default/ada',
        updatedBy: 'user:default/ada',
      });

      const renamed = await store.update(
        created.id,
        { ...input, title: 'Renamed' },
        { baseVersion: 1, updatedBy: 'user:default/bob' },
      );
      expect(renamed).toMatchObject({
        title: 'Renamed',
        version: 2,
        createdBy: 'user:default/ada',
        updatedBy: 'user:default/bob',
      });
      await expect(
        store.update(
          created.id,
          { ...input, title: 'Lost edit' },
          { baseVersion: 1, updatedBy: 'user:default/carol' },
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });

      expect(
        (await store.versions(created.id)).map(v => [v.version, v.title]),
      ).toEqual([
        [2, 'Renamed'],
        [1, 'Production readiness'],
      ]);
      expect((await store.list()).map(c => c.title)).toEqual(['Renamed']);
      expect(await store.get('no-such-id')).toBeUndefined();
      await expect(
        store.update('no-such-id', input, { baseVersion: 1, updatedBy: 'x' }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('lets exactly one of two racing edits through', async () => {
      const created = await store.create(input, 'user:default/ada');
      const other = new DatabaseCampaignStore(knex);
      const results = await Promise.allSettled(
        [store, other].map((s, i) =>
          s.update(
            created.id,
            { ...input, title: `edit ${i}` },
            { baseVersion: 1, updatedBy: 'user:default/ada' },
          ),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter(r => r.status === 'rejected')).toHaveLength(1);
      expect(await store.versions(created.id)).toHaveLength(2);
    });

    it('reads the snapshot history of entities up to a time, oldest first', async () => {
      const row = (
        ref: string,
        revision: number,
        day: string,
        level: number,
      ) => ({
        entity_ref: ref,
        revision,
        model_id: 'cnmm',
        model_version: '4.0',
        created_at: new Date(`${day}T12:00:00Z`),
        created_by: 'user:default/sam',
        payload: JSON.stringify({
          ratings: {
            'process.audit-and-logs': { '1': level >= 1 ? 'fully' : 'not-yet' },
          },
          targets: {},
          notes: {},
          evidence: {},
          comment: null,
        }),
      });
      await knex('maturity_assessment').insert([
        row('component:default/a', 1, '2026-11-02', 0),
        row('component:default/a', 2, '2026-11-05', 1),
        row('component:default/a', 3, '2026-11-20', 1),
        row('component:default/b', 1, '2026-11-03', 1),
        row('component:default/c', 1, '2026-11-03', 1),
      ]);
      const history = await store.snapshotHistory(
        ['component:default/a', 'component:default/b', 'component:default/x'],
        new Date('2026-11-10T00:00:00Z'),
      );
      expect(
        [...history.entries()].map(([ref, list]) => [
          ref,
          list.map(s => [s.revision, s.createdAt]),
        ]),
      ).toEqual([
        [
          'component:default/a',
          [
            [1, '2026-11-02T12:00:00.000Z'],
            [2, '2026-11-05T12:00:00.000Z'],
          ],
        ],
        ['component:default/b', [[1, '2026-11-03T12:00:00.000Z']]],
      ]);
      expect(history.get('component:default/a')![1].ratings).toEqual({
        'process.audit-and-logs': { '1': 'fully' },
      });
    });
  },
);
