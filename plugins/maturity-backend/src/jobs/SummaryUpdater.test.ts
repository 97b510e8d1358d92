import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import fs from 'node:fs';
import { at, fakeClock } from '../__testUtils__/fakeClock';
import { indexRecord } from '../__testUtils__/indexRecord';
import { defaultSummaries, newAssessment } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { fromAssessmentRow, toAssessmentRow } from '../database/mappers';
import { MaturityIndex } from '../database/MaturityIndex';
import { Summaries } from '../services/Summaries';
import { SummaryUpdater } from './SummaryUpdater';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const A = 'component:default/a';
const B = 'component:default/b';
const migrationsDir = resolvePackagePath(
  '@cnmm/backstage-plugin-maturity-backend',
  'migrations',
);

/** A snapshot's row of `level` in one topic, written at `day`. */
const snapshotRow = (ref: string, revision: number, day: number, level = 1) =>
  toAssessmentRow(
    newAssessment(ref, revision - 1, { level, lifecycle: 'experimental' }),
    revision,
    at(day),
  );

/** What a read of the index sees of each entity as of a day. */
async function asOf(index: MaturityIndex, day: number) {
  const rows = await index.rows({ kind: 'component', asOf: at(day) });
  return Object.fromEntries(
    rows.map(r => [
      r.entityRef,
      r.summary && {
        revision: r.summary.revision,
        gapSum: r.summary.gapSum,
        staleAt: new Date(r.summary.staleAtMs).toISOString(),
        dimensionMedians: r.summary.dimensionMedians,
      },
    ]),
  );
}

/** What the engine makes of a stored snapshot under a lifecycle and settings. */
function expected(
  row: ReturnType<typeof snapshotRow>,
  lifecycle: string | null,
  summaries: Summaries = defaultSummaries,
) {
  const summary = summaries.summaryOf(fromAssessmentRow(row), lifecycle);
  return {
    revision: summary.revision,
    gapSum: summary.gapSum,
    staleAt: summary.staleAt,
    dimensionMedians: summary.levels.dimensionMedians,
  };
}

/** Stores a snapshot row through the store, at the time it was written. */
async function write(
  store: DatabaseAssessmentStore,
  row: ReturnType<typeof snapshotRow>,
) {
  jest.setSystemTime(new Date(row.created_at));
  await store.insert(
    { ...fromAssessmentRow(row), baseRevision: Number(row.revision) - 1 },
    r => defaultSummaries.summaryOf(r, null),
  );
}

describe.each(databases.eachSupportedId())('SummaryUpdater on %p', id => {
  fakeClock();
  let knex: Knex;

  async function open(summaries: Summaries = defaultSummaries) {
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const index = new MaturityIndex(knex);
    return {
      store,
      index,
      updater: new SummaryUpdater({ store, index, summaries }),
    };
  }

  beforeEach(async () => {
    knex = await databases.init(id);
  });

  it('scores at start-up the history the migration could not, so that an upgraded database reads as of any date', async () => {
    // A database of the release before the history, with its snapshots.
    const files = fs.readdirSync(migrationsDir).filter(f => f.endsWith('.js'));
    for (const name of files.sort()) {
      if (name >= '20261206100000') break;
      await knex.migrate.up({ directory: migrationsDir, name });
    }
    const rows = [
      snapshotRow(A, 1, 1, 1),
      snapshotRow(A, 2, 10, 3),
      snapshotRow(B, 1, 5, 2),
    ];
    await knex('maturity_assessment').insert(rows);

    const { updater, index } = await open();
    await index.upsert([
      indexRecord('component', 'a', { lifecycle: 'production' }),
      indexRecord('component', 'b'),
    ]);
    // Until scored, an older snapshot reads as unassessed, never wrongly.
    expect((await asOf(index, 3))[A]).toBeNull();
    expect(await updater.recomputeIfChanged()).toBe(2);
    expect(await asOf(index, 3)).toEqual({
      [A]: expected(rows[0], 'production'),
      [B]: null,
    });
    expect(await asOf(index, 7)).toEqual({
      [A]: expected(rows[0], 'production'),
      [B]: expected(rows[2], null),
    });
    expect(await asOf(index, 12)).toEqual({
      [A]: expected(rows[1], 'production'),
      [B]: expected(rows[2], null),
    });
    // Once scored under this fingerprint, a start does nothing more.
    expect(await updater.recomputeIfChanged()).toBe(0);
  });

  it('rescores the history when the settings or a lifecycle change', async () => {
    const { store, index, updater } = await open();
    await index.upsert([indexRecord('component', 'a')]);
    const first = snapshotRow(A, 1, 1, 1);
    const second = snapshotRow(A, 2, 10, 2);
    await write(store, first);
    await write(store, second);
    await updater.recomputeIfChanged();
    const stricter = new Summaries(defaultMaturityModel, {
      strict: false,
      staleAfterDays: 30,
      targets: { byLifecycle: { production: 3 } },
    });
    const later = await open(stricter);
    expect(await later.updater.recomputeIfChanged()).toBe(1);
    const before = await asOf(index, 5);
    expect(before[A]?.staleAt).toBe(at(31).toISOString());

    await index.upsert([
      indexRecord('component', 'a', { lifecycle: 'production' }),
    ]);
    await later.updater.recompute([A]);
    expect(await asOf(index, 5)).toEqual({
      [A]: expected(first, 'production', stricter),
    });
    expect((await asOf(index, 5))[A]?.gapSum).toBeGreaterThan(
      before[A]!.gapSum,
    );
  });

  it('adds the history row of a snapshot written without one, and none for a snapshot deleted meanwhile', async () => {
    const { store, index, updater } = await open();
    await index.upsert([indexRecord('component', 'a')]);
    const rows = [
      snapshotRow(A, 1, 1),
      snapshotRow(A, 2, 10),
      snapshotRow(A, 3, 20),
    ];
    for (const row of rows) await write(store, row);
    // As a replica of the release before would have written revision 2.
    await knex('maturity_summary_history').where({ revision: 2 }).delete();
    await knex('maturity_summary_history')
      .where({ revision: 1 })
      .update({ valid_to: at(20) });
    await updater.recompute();
    expect((await asOf(index, 12))[A]?.revision).toBe(2);
    expect((await asOf(index, 5))[A]?.revision).toBe(1);

    await store.replaceHistory([
      defaultSummaries.summaryOf(
        fromAssessmentRow(snapshotRow(A, 9, 30)),
        null,
      ),
    ]);
    expect(
      await knex('maturity_summary_history').where({ revision: 9 }),
    ).toEqual([]);
  });
});
