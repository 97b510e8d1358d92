import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { recordingAuditor } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseRetentionStore } from '../database/DatabaseRetentionStore';
import { revisionsToThin, thinRevisions } from './thinRevisions';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-31T12:00:00Z');

describe('revisionsToThin', () => {
  const at = (day: string, hour: number) =>
    `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

  it('keeps the last of each day, the latest and the reviewed ones', () => {
    const snapshots = [
      { revision: 1, createdAt: at('01', 9) },
      { revision: 2, createdAt: at('01', 10) },
      { revision: 3, createdAt: at('01', 23) },
      { revision: 4, createdAt: at('02', 8) }, // the only one of its day
      { revision: 5, createdAt: at('03', 8) },
      { revision: 6, createdAt: at('03', 9) },
    ];
    expect(
      revisionsToThin({ entityRef: 'x', latestRevision: 9, snapshots }),
    ).toEqual([1, 2, 5]);
    expect(
      revisionsToThin(
        { entityRef: 'x', latestRevision: 9, snapshots },
        new Set([2]),
      ),
    ).toEqual([1, 5]);
  });
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('thinRevisions on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  const row = (entity: string, revision: number, createdAt: string) => ({
    entity_ref: `component:default/${entity}`,
    revision,
    model_id: 'cnmm',
    model_version: '4.0',
    created_at: new Date(createdAt),
    created_by: 'user:default/sam',
    payload: '{}',
  });

  async function setUp() {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    // ledger: three a day on 1 and 2 November, one on 3 November, and two
    // within the last 30 days. web: one old snapshot only.
    await knex('maturity_assessment').insert([
      row('ledger', 1, '2026-11-01T08:00:00Z'),
      row('ledger', 2, '2026-11-01T12:00:00Z'),
      row('ledger', 3, '2026-11-01T18:00:00Z'),
      row('ledger', 4, '2026-11-02T08:00:00Z'),
      row('ledger', 5, '2026-11-02T12:00:00Z'),
      row('ledger', 6, '2026-11-02T18:00:00Z'),
      row('ledger', 7, '2026-11-03T08:00:00Z'),
      row('ledger', 8, '2026-12-20T08:00:00Z'),
      row('ledger', 9, '2026-12-20T09:00:00Z'),
      row('web', 1, '2026-10-01T08:00:00Z'),
    ]);
    const { auditor, events } = recordingAuditor();
    const run = (maxDeletesPerRun: number) =>
      thinRevisions({
        store: new DatabaseRetentionStore(knex),
        auditor,
        logger: mockServices.logger.mock(),
        retention: { thinAfterDays: 30, maxDeletesPerRun },
        now: NOW,
      });
    const revisions = async (entity: string) =>
      (
        await knex('maturity_assessment')
          .where({ entity_ref: `component:default/${entity}` })
          .orderBy('revision')
          .pluck('revision')
      ).map(Number);
    return { run, events, revisions };
  }

  it('thins revisions older than thinAfterDays to one a day, and audits the run', async () => {
    const { run, events, revisions } = await setUp();
    expect(await run(100)).toEqual({ deleted: 4, entities: 1 });
    expect(await revisions('ledger')).toEqual([3, 6, 7, 8, 9]);
    expect(await revisions('web')).toEqual([1]);
    expect(events).toEqual([
      {
        eventId: 'revision-retention',
        status: 'succeeded',
        meta: { deleted: 4, entities: 1, thinAfterDays: 30 },
      },
    ]);
    // Nothing more to do: no event.
    expect(await run(100)).toEqual({ deleted: 0, entities: 0 });
    expect(events).toHaveLength(1);
  });

  it('deletes at most maxDeletesPerRun a run, and the rest on the next', async () => {
    const { run, events, revisions } = await setUp();
    expect(await run(3)).toEqual({
      deleted: 3,
      entities: 1,
      braked: { limit: 3 },
    });
    expect(events[0].meta).toMatchObject({ braked: { limit: 3 } });
    expect(await run(3)).toEqual({ deleted: 1, entities: 1 });
    expect(await revisions('ledger')).toEqual([3, 6, 7, 8, 9]);
  });

  it('does nothing when retention is off', async () => {
    const { events, revisions } = await setUp();
    const report = await thinRevisions({
      store: new DatabaseRetentionStore(knex),
      auditor: recordingAuditor().auditor,
      logger: mockServices.logger.mock(),
      retention: { maxDeletesPerRun: 100 },
      now: NOW,
    });
    expect(report).toEqual({ deleted: 0, entities: 0 });
    expect(await revisions('ledger')).toHaveLength(9);
    expect(events).toEqual([]);
  });

  it('never deletes the latest revision, even when asked to', async () => {
    await setUp();
    const store = new DatabaseRetentionStore(knex);
    expect(await store.deleteRevisions('component:default/web', [1])).toBe(0);
    expect(
      await store.deleteRevisions('component:default/ledger', [8, 9]),
    ).toBe(1);
  });
});
