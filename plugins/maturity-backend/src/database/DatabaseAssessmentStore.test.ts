import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import createKnex from 'knex';
import { NewAssessment } from './AssessmentStore';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { defaultSummaries, insert } from '../__testUtils__/summaries';

jest.setTimeout(60_000);

const databases = createTestDatabases();

function submission(
  entityRef: string,
  baseRevision: number,
  overrides: Partial<NewAssessment> = {},
): NewAssessment {
  return {
    entityRef,
    baseRevision,
    modelId: 'cnmm',
    modelVersion: '4.0',
    createdBy: 'user:default/sam',
    ownerRef: 'group:default/payments',
    systemRef: 'system:default/payments-platform',
    lifecycle: 'production',
    ratings: { 'process.audit-and-logs': { '1': 'fully', '2': 'largely' } },
    targets: { 'process.audit-and-logs': 3 },
    notes: { 'process.audit-and-logs': '<b>kept as text</b>' },
    evidence: { 'process.audit-and-logs': ['https://example.com/runbook'] },
    comment: `revision ${baseRevision + 1}`,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseAssessmentStore on %p',
  id => {
    async function createStore() {
      const knex = await databases.init(id);
      const store = await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('stores numbered immutable snapshots and reads them back unchanged', async () => {
      const { store } = await createStore();
      const first = await insert(store, submission('component:default/a', 0));
      const second = await insert(
        store,
        submission('component:default/a', 1, {
          ratings: { 'process.audit-and-logs': { '1': 'partially' } },
        }),
      );
      expect(first.revision).toBe(1);
      expect(second.revision).toBe(2);

      const history = await store.getHistory('component:default/a', {
        limit: 10,
      });
      expect(history.map(h => h.revision)).toEqual([2, 1]);
      expect(history[1]).toEqual(first);
      expect(history[1].ratings).toEqual({
        'process.audit-and-logs': { '1': 'fully', '2': 'largely' },
      });
      expect(history[1].notes).toEqual({
        'process.audit-and-logs': '<b>kept as text</b>',
      });
      expect(new Date(history[0].createdAt).toISOString()).toBe(
        history[0].createdAt,
      );
    });

    it('refuses a stale base revision and stores nothing', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/b', 0));
      await expect(
        insert(store, submission('component:default/b', 0)),
      ).rejects.toThrow(ConflictError);
      await expect(
        insert(store, submission('component:default/b', 5)),
      ).rejects.toThrow(/now at revision 1/);
      expect(
        await store.getHistory('component:default/b', { limit: 10 }),
      ).toHaveLength(1);
    });

    it('lets exactly one of many concurrent writers on one revision through', async () => {
      const { store } = await createStore();
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          insert(store, submission('component:default/c', 0)),
        ),
      );
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter(
        (x): x is PromiseRejectedResult => x.status === 'rejected',
      )) {
        expect(r.reason).toBeInstanceOf(ConflictError);
      }
      expect(
        await store.getHistory('component:default/c', { limit: 10 }),
      ).toHaveLength(1);
    });

    it('reads the latest snapshot of many entities at once', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/x', 0));
      await insert(store, submission('component:default/x', 1));
      await insert(store, submission('component:default/x', 2));
      await insert(store, submission('component:default/y', 0));
      const latest = await store.getLatest([
        'component:default/x',
        'component:default/y',
        'component:default/none',
      ]);
      expect([...latest.keys()].sort()).toEqual([
        'component:default/x',
        'component:default/y',
      ]);
      expect(latest.get('component:default/x')?.revision).toBe(3);
      expect(latest.get('component:default/x')?.comment).toBe('revision 3');
      expect(latest.get('component:default/y')?.revision).toBe(1);
    });

    it('keeps one summary row per entity, of its latest snapshot, in the same transaction', async () => {
      const { store, knex } = await createStore();
      await insert(store, submission('component:default/s', 0));
      await insert(store, submission('component:default/s', 1));
      await expect(
        insert(store, submission('component:default/s', 1)),
      ).rejects.toBeInstanceOf(ConflictError);
      const rows = await knex('maturity_summary').where({
        entity_ref: 'component:default/s',
      });
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].revision)).toBe(2);
      const dimensions = await knex('maturity_summary_dimension').where({
        entity_ref: 'component:default/s',
      });
      expect(dimensions.map(d => d.dimension_id).sort()).toEqual([
        'business-outcomes',
        'people',
        'policy',
        'process',
        'technology',
      ]);
    });

    it('replaces summaries in batches larger than a multi-row insert allows', async () => {
      const { store, knex } = await createStore();
      for (let i = 0; i < 250; i++) {
        await insert(store, submission(`component:default/many-${i}`, 0));
      }
      const records = await store.latestAfter('', 1000);
      expect(records).toHaveLength(250);
      await store.replaceSummaries(
        records.map(r => defaultSummaries.summaryOf(r, 'experimental')),
      );
      const [{ n }] = await knex('maturity_summary_dimension').count({
        n: '*',
      });
      expect(Number(n)).toBe(250 * 5);
      const summaries = await knex('maturity_summary').select('entity_ref');
      expect(summaries).toHaveLength(250);
    });

    it('pages history newest first', async () => {
      const { store } = await createStore();
      for (let base = 0; base < 5; base++) {
        await insert(store, submission('component:default/h', base));
      }
      const page1 = await store.getHistory('component:default/h', { limit: 2 });
      const page2 = await store.getHistory('component:default/h', {
        limit: 2,
        beforeRevision: page1[1].revision,
      });
      expect(page1.map(p => p.revision)).toEqual([5, 4]);
      expect(page2.map(p => p.revision)).toEqual([3, 2]);
    });

    it('keeps orphans until they have been missing for deleteAfterDays', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/gone', 0));
      await insert(store, submission('component:default/back', 0));
      const t0 = new Date('2026-01-01T00:00:00Z');
      const t10 = new Date('2026-01-11T00:00:00Z');

      expect(
        await store.reconcileOrphans({
          missing: ['component:default/gone', 'component:default/back'],
          now: t0,
        }),
      ).toEqual([]);
      // "back" returned to the catalog; "gone" has been missing since t0.
      expect(
        await store.reconcileOrphans({
          missing: ['component:default/gone'],
          now: t10,
          deleteMissingSince: new Date('2025-12-31T00:00:00Z'),
        }),
      ).toEqual([]);
      expect(
        await store.reconcileOrphans({
          missing: ['component:default/gone'],
          now: t10,
          deleteMissingSince: new Date('2026-01-05T00:00:00Z'),
        }),
      ).toEqual(['component:default/gone']);
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/back',
      ]);
    });
  },
);

describe('DatabaseAssessmentStore when the database is down', () => {
  it('answers ServiceUnavailableError, not a raw driver error', async () => {
    const knex = createKnex({
      client: 'pg',
      // Nothing listens on port 1: the connection is refused at once.
      connection: 'postgresql://postgres:postgres@127.0.0.1:1/none',
      pool: { min: 0, max: 1, acquireTimeoutMillis: 2000 },
    });
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    await expect(store.getLatest(['component:default/a'])).rejects.toThrow(
      ServiceUnavailableError,
    );
    await expect(
      insert(store, submission('component:default/a', 0)),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    await knex.destroy();
  });
});
