import { mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import createKnex from 'knex';
import { AssessmentRecord, NewAssessment } from './AssessmentStore';
import { createMaturityDatabase } from './createMaturityDatabase';
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
    entityUid: null,
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

    it('hands carryOver the base it checks, and stores nothing when carryOver throws', async () => {
      const { store } = await createStore();
      const summarize = (record: AssessmentRecord) =>
        defaultSummaries.summaryOf(record, record.lifecycle);
      const bases: Array<AssessmentRecord | undefined> = [];
      const first = await store.insert(
        submission('component:default/k', 0),
        summarize,
        base => {
          bases.push(base);
          return {
            attestedAt: {
              'process.audit-and-logs': '2026-01-02T00:00:00.000Z',
            },
          };
        },
      );
      expect(first.attestedAt).toEqual({
        'process.audit-and-logs': '2026-01-02T00:00:00.000Z',
      });
      await expect(
        store.insert(submission('component:default/k', 1), summarize, base => {
          bases.push(base);
          throw new InputError('no reason given');
        }),
      ).rejects.toThrow('no reason given');
      // A stale base is a conflict before anything is carried over.
      await expect(
        store.insert(submission('component:default/k', 0), summarize, base => {
          bases.push(base);
          return {};
        }),
      ).rejects.toThrow(ConflictError);
      expect(bases).toEqual([undefined, first]);
      expect(
        await store.getHistory('component:default/k', { limit: 10 }),
      ).toEqual([first]);
    });

    it('lets exactly one of many concurrent writers on one revision through, round after round', async () => {
      const { store } = await createStore();
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () =>
            insert(store, submission('component:default/c', round)),
          ),
        );
        expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter(
          (x): x is PromiseRejectedResult => x.status === 'rejected',
        )) {
          expect(r.reason).toBeInstanceOf(ConflictError);
        }
      }
      expect(
        (await store.getHistory('component:default/c', { limit: 10 })).map(
          h => h.revision,
        ),
      ).toEqual([5, 4, 3, 2, 1]);
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
      const records = await store.countedAfter('', 1000);
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

    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
    const confirmAll = async (refs: string[]) => refs;

    it('keeps orphans until missing for deleteAfterDays, then hides them until the purge', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/gone', 0));
      await insert(store, submission('component:default/gone', 1));
      await insert(store, submission('component:default/back', 0));
      const reconcile = (missing: string[], now: Date, extra = {}) =>
        store.reconcileOrphans({
          missing,
          now,
          maxDeletions: 10,
          stillMissing: confirmAll,
          ...extra,
        });

      expect(
        await reconcile(
          ['component:default/gone', 'component:default/back'],
          day(0),
        ),
      ).toEqual({ deleted: [], purged: [] });
      // "back" returned to the catalog; "gone" has been missing since day 0.
      expect(
        await reconcile(['component:default/gone'], day(10), {
          deleteMissingSince: day(-1),
        }),
      ).toEqual({ deleted: [], purged: [] });
      expect(
        await reconcile(['component:default/gone'], day(10), {
          deleteMissingSince: day(5),
          purgeDeletedSince: day(-20),
        }),
      ).toEqual({
        deleted: [{ entityRef: 'component:default/gone', revisions: 2 }],
        purged: [],
      });
      // Soft-deleted: hidden from reads, still stored.
      expect((await store.getLatest(['component:default/gone'])).size).toBe(0);
      expect(
        await store.getHistory('component:default/gone', { limit: 5 }),
      ).toEqual([]);
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/back',
        'component:default/gone',
      ]);
      expect(
        await reconcile(['component:default/gone'], day(41), {
          deleteMissingSince: day(36),
          purgeDeletedSince: day(11),
        }),
      ).toEqual({
        deleted: [],
        purged: [{ entityRef: 'component:default/gone', revisions: 2 }],
      });
      expect(await store.listEntityRefs()).toEqual(['component:default/back']);

      // A purged entity that returns goes on counting: revision 3, not 1.
      const again = await insert(
        store,
        submission('component:default/gone', 0),
      );
      expect(again.revision).toBe(3);
      await expect(
        insert(store, submission('component:default/gone', 0)),
      ).rejects.toThrow(ConflictError);
    });

    it('brings soft-deleted snapshots back when the entity returns', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/away', 0));
      const options = {
        now: day(10),
        deleteMissingSince: day(5),
        maxDeletions: 10,
        stillMissing: confirmAll,
      };
      await store.reconcileOrphans({
        ...options,
        missing: ['component:default/away'],
        now: day(0),
      });
      await store.reconcileOrphans({
        ...options,
        missing: ['component:default/away'],
      });
      expect((await store.getLatest(['component:default/away'])).size).toBe(0);
      await store.reconcileOrphans({ ...options, missing: [] });
      const latest = await store.getLatest(['component:default/away']);
      expect(latest.get('component:default/away')?.revision).toBe(1);
    });

    it('accepts a first submission for a hidden entity, continuing its revisions and bringing its history back', async () => {
      const { store } = await createStore();
      await insert(store, submission('component:default/away', 0));
      await insert(store, submission('component:default/away', 1));
      const options = {
        missing: ['component:default/away'],
        maxDeletions: 10,
        stillMissing: confirmAll,
      };
      await store.reconcileOrphans({ ...options, now: day(0) });
      await store.reconcileOrphans({
        ...options,
        now: day(10),
        deleteMissingSince: day(5),
      });
      // The client sees no assessment, so it starts from revision 0.
      const stored = await insert(
        store,
        submission('component:default/away', 0),
      );
      expect(stored.revision).toBe(3);
      const history = await store.getHistory('component:default/away', {
        limit: 5,
      });
      expect(history.map(h => h.revision)).toEqual([3, 2, 1]);
    });

    it('deletes nothing when more entities are due than maxDeletions, or when the catalog has them again', async () => {
      const { store } = await createStore();
      const refs = ['a', 'b', 'c'].map(n => `component:default/${n}`);
      for (const ref of refs) await insert(store, submission(ref, 0));
      await store.reconcileOrphans({
        missing: refs,
        now: day(0),
        maxDeletions: 2,
        stillMissing: confirmAll,
      });
      const braked = await store.reconcileOrphans({
        missing: refs,
        now: day(10),
        deleteMissingSince: day(5),
        maxDeletions: 2,
        stillMissing: confirmAll,
      });
      expect(braked).toEqual({
        deleted: [],
        purged: [],
        braked: { due: 3, limit: 2 },
      });
      // The re-check inside the transaction finds "a" back in the catalog.
      const rechecked = await store.reconcileOrphans({
        missing: refs,
        now: day(10),
        deleteMissingSince: day(5),
        maxDeletions: 3,
        stillMissing: async due => due.filter(ref => !ref.endsWith('/a')),
      });
      expect(rechecked.deleted.map(d => d.entityRef)).toEqual(refs.slice(1));
      expect([...(await store.getLatest(refs)).keys()]).toEqual([refs[0]]);
    });

    it('stores a lifecycle of any length', async () => {
      const { store } = await createStore();
      const lifecycle = 'l'.repeat(1000);
      await insert(
        store,
        submission('component:default/long', 0, { lifecycle }),
      );
      const latest = await store.getLatest(['component:default/long']);
      expect(latest.get('component:default/long')?.lifecycle).toBe(lifecycle);
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
    // Database errors are mapped where the plugin makes its stores.
    const { assessments: store } = await createMaturityDatabase({
      database: mockServices.database({ knex, migrations: { skip: true } }),
      cacheMaxBytes: 32 * 2 ** 20,
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
