/* eslint-disable no-console */
/*
 * Group 13, campaign progress over a long history (issue 22). One owner
 * writing snapshots as fast as the limits let them used to make every
 * progress request read every snapshot of the scope, notes and evidence
 * included, and score each again. After 10,000 snapshots of one entity, a
 * progress request must answer in under 2 seconds with its peak heap
 * bounded: the burn-up reads levels from the summary history only, a batch
 * at a time. The real plugin runs in process on SQLite and PostgreSQL.
 *
 * Written one by one through the write path, 10,000 snapshots take 30 s on
 * SQLite and 100 s on PostgreSQL here; they are stored at once instead, as
 * an upgrade finds them, and the plugin's start-up job (SummaryUpdater)
 * scores their history rows.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { GCProfiler } from 'node:v8';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  ADMIN,
  as,
  component,
  ENTITIES,
  OWNER,
} from '../src/__testUtils__/fixtures';
import {
  defaultSummaries,
  newAssessment,
} from '../src/__testUtils__/summaries';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { MaturityIndex } from '../src/database/MaturityIndex';
import { toAssessmentRow } from '../src/database/mappers';
import { SummaryUpdater } from '../src/jobs/SummaryUpdater';
import { capturedTasks } from './__testUtils__/capturedTasks';
import { inProcessDatabaseIds } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'campaign progress');

setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

const SNAPSHOTS = 10_000;
const CAMPAIGN_DAYS = 180;
const MAX_MS = 2000;
const MAX_HEAP_GROWTH_MB = 48;
const BUSY = 'component:default/busy';
// A filled form's worth of notes, which the burn-up must never read.
const NOTE = 'n'.repeat(8000);

const DAY_MS = 86_400_000;
const day = (offset: number) =>
  new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

const mb = (bytes: number) => bytes / 2 ** 20;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe.each(ids)('campaign progress on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;
  // Tasks are not run: no reminder is sent meanwhile.
  const tasks = capturedTasks();

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({
      knex,
      entities: [...ENTITIES, component('busy', 'payments', 'shop')],
      features: [tasks.factory],
    });
    client = createClient(backend.baseUrl, 4);
    stop = backend.stop;
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it(`answers a progress request after ${SNAPSHOTS} snapshots of one entity in under ${MAX_MS} ms, its heap growth under ${MAX_HEAP_GROWTH_MB} MB`, async () => {
    // Spread over the days of the campaign so far, a level from 1 to 3 in
    // turn (the goal is 2), with a filled form's notes.
    const first = Date.now() - (CAMPAIGN_DAYS - 10) * DAY_MS;
    const step = ((CAMPAIGN_DAYS - 10) * DAY_MS) / SNAPSHOTS;
    const storing = performance.now();
    const rows = Array.from({ length: SNAPSHOTS }, (_, i) => {
      const { baseRevision, ...record } = newAssessment(BUSY, i, {
        level: 1 + (i % 3),
        notes: { 'people.ai': NOTE },
      });
      return toAssessmentRow(record, i + 1, new Date(first + i * step));
    });
    await knex.batchInsert('maturity_assessment', rows, 200);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    await new SummaryUpdater({
      store,
      index: new MaturityIndex(knex),
      summaries: defaultSummaries,
    }).recompute([BUSY]);
    const storeSeconds = (performance.now() - storing) / 1000;
    const [{ n: scored }] = await knex('maturity_summary_history')
      .where({ entity_ref: BUSY })
      .whereNotNull('stale_at')
      .count({ n: '*' });
    expect(Number(scored)).toBe(SNAPSHOTS);

    // Created now: a client's socket kept from before would have timed out.
    const created = await client.post('/campaigns', {
      headers: { Authorization: as(ADMIN) },
      json: {
        title: 'Busy',
        scope: { owner: 'group:default/payments' },
        goals: { topics: { 'people.ai': 2 }, assessedWithinDays: 30 },
        startsOn: day(10 - CAMPAIGN_DAYS),
        deadline: day(9),
      },
    });
    expect(created.status).toBe(201);
    const progress = () =>
      client.get(`/campaigns/${created.body.id}/progress`, {
        headers: { Authorization: as(OWNER) },
      });
    // Warm up: code compiled, the index synced, pools open.
    expect((await progress()).status).toBe(200);

    const before = heapAfterGc();
    const profiler = new GCProfiler();
    profiler.start();
    const answer = await progress();
    const { statistics } = profiler.stop();
    // The most the heap held at any time of the request: before each
    // collection, and at its end.
    const peak = Math.max(
      process.memoryUsage().heapUsed,
      ...statistics.map(s => s.beforeGC.heapStatistics.usedHeapSize),
    );
    const growth = mb(peak - before);
    console.log(
      `[reliability] ${id}: ${SNAPSHOTS} snapshots stored and scored in ${storeSeconds.toFixed(
        1,
      )} s; progress answered in ${answer.ms.toFixed(
        0,
      )} ms, peak heap growth ${growth.toFixed(1)} MB over ${
        statistics.length
      } collections`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.burnup).toHaveLength(CAMPAIGN_DAYS - 9);
    // Its last snapshot (10,000 is 1 + 9,999 % 3 = level 1) is below the
    // goal, as busy is today.
    const today = answer.body.burnup[answer.body.burnup.length - 1];
    expect(today.date).toBe(day(0));
    expect(answer.body.entities.items).toContainEqual(
      expect.objectContaining({ entityRef: BUSY, meets: false }),
    );
    expect(answer.ms).toBeLessThan(MAX_MS);
    expect(growth).toBeLessThan(MAX_HEAP_GROWTH_MB);
  });
});
