import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { at, fakeClock } from '../__testUtils__/fakeClock';
import { indexRecord } from '../__testUtils__/indexRecord';
import { reattachHistory } from '../__testUtils__/reattachHistory';
import { insert, newAssessment } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { DatabaseRetentionStore } from './DatabaseRetentionStore';
import { MaturityIndex } from './MaturityIndex';
import { SUMMARY_HISTORY } from './tables';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const A = 'component:default/a';
const B = 'component:default/b';

describe.each(databases.eachSupportedId())('summary history on %p', id => {
  fakeClock();
  let knex: Knex;
  let store: DatabaseAssessmentStore;
  let index: MaturityIndex;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    index = new MaturityIndex(knex);
    await index.upsert([
      indexRecord('component', 'a', { ownerRef: 'group:default/team' }),
      indexRecord('component', 'b', { ownerRef: 'group:default/team' }),
    ]);
  });

  /** Writes a snapshot of `level` at `day`, on the entity's latest revision. */
  async function write(ref: string, day: number, level: number, uid?: string) {
    jest.setSystemTime(at(day));
    const latest = (await store.getLatest([ref])).get(ref);
    return insert(
      store,
      newAssessment(ref, latest?.revision ?? 0, {
        level,
        entityUid: uid ?? null,
      }),
    );
  }

  async function periods(ref: string) {
    const rows = await knex(SUMMARY_HISTORY)
      .where({ entity_ref: ref })
      .orderBy('revision');
    return rows.map(r => ({
      revision: Number(r.revision),
      from: new Date(r.valid_from).toISOString(),
      to: r.valid_to === null ? null : new Date(r.valid_to).toISOString(),
    }));
  }

  /** Each entity's revision as of a day, as a scope read sees it. */
  async function revisionsAsOf(asOf: Date | undefined) {
    const rows = await index.rows({ kind: 'component', asOf });
    return Object.fromEntries(
      rows.map(r => [r.entityRef, r.summary?.revision ?? null]),
    );
  }

  it('writes a row per snapshot in its transaction, each ending where the next begins', async () => {
    await write(A, 1, 1);
    await write(A, 10, 2);
    await write(A, 20, 3);
    expect(await periods(A)).toEqual([
      { revision: 1, from: at(1).toISOString(), to: at(10).toISOString() },
      { revision: 2, from: at(10).toISOString(), to: at(20).toISOString() },
      { revision: 3, from: at(20).toISOString(), to: null },
    ]);
    // The latest row is the summary's.
    const [latest] = await knex(SUMMARY_HISTORY).where({
      entity_ref: A,
      revision: 3,
    });
    const summary = await knex('maturity_summary')
      .where({ entity_ref: A })
      .first();
    expect(latest.levels).toBe(summary.levels);
    expect(Number(latest.lowest_median)).toBe(Number(summary.lowest_median));
  });

  it('reads each entity as of a time: before, at, between and after its snapshots', async () => {
    await write(A, 1, 1);
    await write(B, 5, 2);
    await write(A, 10, 3);
    expect(await revisionsAsOf(at(0))).toEqual({ [A]: null, [B]: null });
    expect(await revisionsAsOf(at(1))).toEqual({ [A]: 1, [B]: null });
    expect(await revisionsAsOf(at(7))).toEqual({ [A]: 1, [B]: 1 });
    expect(await revisionsAsOf(at(10))).toEqual({ [A]: 2, [B]: 1 });
    expect(await revisionsAsOf(at(30))).toEqual({ [A]: 2, [B]: 1 });
    // Without asOf, the summaries of now.
    expect(await revisionsAsOf(undefined)).toEqual({ [A]: 2, [B]: 1 });

    const scope = { kind: 'component', asOf: at(7) };
    const levelOf = async (asOf: Date) =>
      (await index.summariesOf([A], undefined, asOf)).get(A)?.summary
        ?.lowestMedian;
    expect(await levelOf(at(7))).not.toEqual(await levelOf(at(12)));
    expect(
      (await index.summariesOf([A, B], undefined, at(3))).get(B)?.summary,
    ).toBeNull();
    const page = await index.page(
      scope,
      undefined,
      {
        by: 'revision',
        order: 'desc',
      },
      10,
    );
    expect(page.map(r => [r.entityRef, r.summary?.revision])).toEqual([
      [A, 1],
      [B, 1],
    ]);
    const batches = [];
    for await (const batch of index.scan(scope, undefined, 10, 'rollUp')) {
      batches.push(...batch);
    }
    expect(batches.filter(r => r.summary !== null)).toHaveLength(2);
    expect(
      (await index.rowsAfter(scope, undefined, A, 10)).map(r => r.entityRef),
    ).toEqual([B]);
    expect(await index.assessedRefs({ now: at(3), asOf: at(3) })).toEqual([A]);
    // Stale as of a time is stale_at before it (180 days after a snapshot).
    expect(
      await index.assessedRefs({ stale: true, now: at(185), asOf: at(185) }),
    ).toEqual([]);
    expect(
      await index.assessedRefs({ stale: true, now: at(186), asOf: at(186) }),
    ).toEqual([B]);
    expect(
      await index.count({ kind: 'component', minLevel: 0, asOf: at(3) }),
    ).toBe(1);
  });

  it('refuses a dimension sort as of a date', async () => {
    await expect(
      index.page(
        { kind: 'component', asOf: at(1) },
        undefined,
        { by: { dimension: 'people' }, order: 'asc' },
        10,
      ),
    ).rejects.toThrow(
      new InputError('sorting by a dimension is not available as of a date'),
    );
  });

  it('hides the history of a retired generation as its snapshots are, and gives it back with them', async () => {
    await write(A, 1, 1, 'old');
    await write(A, 10, 2, 'old');
    await store.retireReplaced([{ entityRef: A, uid: 'new' }]);
    expect((await revisionsAsOf(at(5)))[A]).toBeNull();
    await write(A, 20, 1, 'new');
    expect((await revisionsAsOf(at(15)))[A]).toBeNull();
    expect((await revisionsAsOf(at(25)))[A]).toBe(3);
    // One chain per ref: the old generation's last period ends at the new one's first.
    expect((await periods(A))[1].to).toBe(at(20).toISOString());

    await reattachHistory(knex, A);
    expect((await revisionsAsOf(at(5)))[A]).toBe(1);
    expect((await revisionsAsOf(at(15)))[A]).toBe(2);
    expect((await revisionsAsOf(at(25)))[A]).toBe(3);
  });

  it('purges the history rows with their snapshots', async () => {
    await write(A, 1, 1);
    await write(A, 2, 2);
    await write(B, 2, 2);
    const options = {
      missing: [A],
      maxDeletions: 10,
      stillMissing: async (refs: string[]) => refs,
    };
    await store.reconcileOrphans({ ...options, now: at(3) });
    await store.reconcileOrphans({
      ...options,
      now: at(40),
      deleteMissingSince: at(30),
    });
    expect(await periods(A)).toHaveLength(2);
    await store.reconcileOrphans({
      ...options,
      now: at(80),
      deleteMissingSince: at(70),
      purgeDeletedSince: at(60),
    });
    expect(await periods(A)).toEqual([]);
    expect(await periods(B)).toHaveLength(1);
  });

  it('closes the periods over thinned revisions', async () => {
    await write(A, 1, 1);
    await write(A, 1.25, 2);
    await write(A, 1.5, 3);
    await write(A, 2, 4);
    const retention = new DatabaseRetentionStore(knex);
    expect(await retention.deleteRevisions(A, [1, 2])).toBe(2);
    expect(await periods(A)).toEqual([
      { revision: 3, from: at(1.5).toISOString(), to: at(2).toISOString() },
      { revision: 4, from: at(2).toISOString(), to: null },
    ]);
    await write(A, 3, 1);
    expect(await retention.deleteRevisions(A, [4])).toBe(1);
    expect(await periods(A)).toEqual([
      { revision: 3, from: at(1.5).toISOString(), to: at(3).toISOString() },
      { revision: 5, from: at(3).toISOString(), to: null },
    ]);
    expect((await revisionsAsOf(at(2.5)))[A]).toBe(3);
  });
});
