import { mockServices } from '@backstage/backend-test-utils';
import { CampaignInput } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { at, fakeClock } from '../__testUtils__/fakeClock';
import { writeAt } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { DatabaseCampaignStore } from './DatabaseCampaignStore';
import type { LevelsSpan } from './historyReads';

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
  const assessments = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, assessments, store: new DatabaseCampaignStore(knex) };
}

describe.each(databases.eachSupportedId())(
  'DatabaseCampaignStore on %p',
  id => {
    let knex: Knex;
    let store: DatabaseCampaignStore;
    let assessments: DatabaseAssessmentStore;
    beforeEach(async () => {
      ({ knex, store, assessments } = await setUp(id));
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

    describe('summary history', () => {
      const A = 'component:default/a';
      const B = 'component:default/b';
      fakeClock();

      const write = (ref: string, time: Date, level: number, uid?: string) =>
        writeAt(assessments, ref, time, level, uid);

      async function read(refs: string[], from: Date, until: Date) {
        const spans: LevelsSpan[] = [];
        // The span handed over is the visitor's until it returns.
        await store.eachSummary(refs, { from, until }, span =>
          spans.push({ ...span }),
        );
        // Each summary here was written when it was made.
        for (const s of spans) expect(s.assessedAtMs).toBe(s.validFromMs);
        return spans
          .map(s => ({
            ref: s.entityRef,
            revision: s.revision,
            levels: s.topicLevels.filter(l => l !== null),
            from: s.validFromMs,
            to: s.validToMs,
          }))
          .sort(
            (x, y) => x.ref.localeCompare(y.ref) || x.revision - y.revision,
          );
      }

      it('reads only the levels asked for, at their positions, as the whole levels have them', async () => {
        // Refs of its own: the database is the describe's.
        const [first, second] = [
          'component:default/only-a',
          'component:default/only-b',
        ];
        await write(first, at(0), 1);
        await write(first, at(2), 3);
        await write(second, at(1), 2);
        const copy = (span: LevelsSpan) => ({
          ...span,
          topicLevels: [...span.topicLevels],
          dimensionMedians: [...span.dimensionMedians],
        });
        const whole: LevelsSpan[] = [];
        const some: LevelsSpan[] = [];
        const window = { from: at(0), until: at(9) };
        await store.eachSummary([first, second], window, s =>
          whole.push(copy(s)),
        );
        const only = { topics: [0, 3, 21, 30], dimensions: [1, 4] };
        await store.eachSummary(
          [first, second],
          window,
          s => some.push(copy(s)),
          only,
        );

        const byRevision = (x: LevelsSpan, y: LevelsSpan) =>
          x.entityRef.localeCompare(y.entityRef) || x.revision - y.revision;
        whole.sort(byRevision);
        some.sort(byRevision);
        expect(some.map(s => s.revision)).toEqual([1, 2, 1]);
        const at_ = (levels: Array<number | null>, positions: number[]) =>
          positions.map(p => levels[p] ?? null);
        expect(
          some.map(s => ({
            ...s,
            topicLevels: at_(s.topicLevels, only.topics),
            dimensionMedians: at_(s.dimensionMedians, only.dimensions),
          })),
        ).toEqual(
          whole.map(s => ({
            ...s,
            topicLevels: at_(s.topicLevels, only.topics),
            dimensionMedians: at_(s.dimensionMedians, only.dimensions),
          })),
        );
        // Not a comparison of nothing: levels were read, and only those.
        expect(some.flatMap(s => at_(s.dimensionMedians, [1, 4]))).toContain(3);
        expect(some[0].topicLevels[1] ?? null).toBeNull();
      });

      it('reads the summaries latest at some time of a window, levels only, of the asked refs', async () => {
        const later = new Date(at(2).getTime() + 3_600_000);
        await write(A, at(0), 1);
        await write(A, at(2), 2);
        await write(A, later, 3);
        await write(A, at(5), 1);
        await write(B, at(1), 2);
        await write('component:default/c', at(1), 3);

        // From A's second summary's end to A's fourth's start: neither the
        // summary replaced before the window nor one made at its end.
        expect(await read([A, B, 'component:default/x'], later, at(5))).toEqual(
          [
            {
              ref: A,
              revision: 2,
              levels: [2],
              from: at(2).getTime(),
              to: later.getTime(),
            },
            {
              ref: A,
              revision: 3,
              levels: [3],
              from: later.getTime(),
              to: at(5).getTime(),
            },
            {
              ref: B,
              revision: 1,
              levels: [2],
              from: at(1).getTime(),
              to: null,
            },
          ],
        );
        // One the start-up recompute has not scored is not read.
        await knex('maturity_summary_history')
          .where({ entity_ref: B })
          .update({ stale_at: null });
        expect((await read([B], at(0), at(9))).length).toBe(0);
      });

      it('reads only the summaries of the entity holding a ref now, and when it took the ref over', async () => {
        await write(A, at(0), 1, 'uid-1');
        await write(A, at(1), 2, 'uid-1');
        await write(B, at(1), 2);
        // Another entity under A's ref: A's earlier snapshots are hidden.
        await write(A, at(3), 3, 'uid-2');

        expect(await read([A], at(0), at(9))).toEqual([
          { ref: A, revision: 3, levels: [3], from: at(3).getTime(), to: null },
        ]);
        expect(await store.generationStarts([A, B])).toEqual(
          new Map([[A, at(3).getTime()]]),
        );
        // A whole organisation's refs, more than a statement binds: every ref
        // reused, A's among them.
        const many = Array.from(
          { length: 6000 },
          (_, i) => `component:default/n${i}`,
        );
        expect(await store.generationStarts([...many, A])).toEqual(
          new Map([[A, at(3).getTime()]]),
        );
        expect(await store.generationStarts(many)).toEqual(
          new Map([[A, at(3).getTime()]]),
        );
        expect(await store.generationStarts(many.slice(0, 10))).toEqual(
          new Map(),
        );
      });
    });
  },
);
