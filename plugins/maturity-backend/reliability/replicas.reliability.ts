/* eslint-disable no-console */
/*
 * Group 4, replicas: two backend processes on one PostgreSQL database, as a
 * deployment with two replicas runs. Users rely on every replica answering
 * the same thing: each sees the other's snapshots at once, revisions stay
 * 1..n per entity whichever replica wrote them, and the orphan cleanup (a
 * global scheduled task) runs once per period, not once per replica.
 *
 * The cleanup's frequency (6 h) and initial delay (2 min) are fixed in
 * src/plugin.ts and cannot be set through config, so this test asserts the
 * single global task row and then waits out the 2 minute initial delay for
 * the first run, which both replicas wake up for at about the same moment.
 */
import { Knex } from 'knex';
import {
  checkSnapshots,
  postgresDatabase,
  StandaloneDatabase,
} from './__testUtils__/databases';
import {
  postgresSkipReason,
  STANDALONE_POSTGRES,
  warnSkipped,
} from './__testUtils__/env';
import { ADMIN, as, validSubmission } from '../src/__testUtils__/fixtures';
import { Client } from './__testUtils__/http';
import {
  clientOf,
  Standalone,
  startStandalone,
} from './__testUtils__/standaloneBackend';

const TASK_ID = 'maturity-orphan-cleanup';
const TASKS_TABLE = 'backstage_backend_tasks__tasks';
const DELETED_LOG =
  /Maturity orphan cleanup: hid the assessments of 1 entities/;
const headers = { Authorization: as(ADMIN) };
const sleep = (ms: number) => new Promise(ok => setTimeout(ok, ms));

const PG = STANDALONE_POSTGRES;
if (!PG) warnSkipped('the replica tests', 'MATURITY_TEST_POSTGRES');
const describePostgres = PG ? describe : describe.skip;

/** A snapshot row for an entity the catalog does not know. */
function orphanRow(ref: string, revision: number) {
  return {
    entity_ref: ref,
    revision,
    model_id: 'cnmm',
    model_version: '4.0',
    created_at: new Date(),
    created_by: 'user:default/ada',
    payload: JSON.stringify({
      ratings: {},
      targets: {},
      notes: {},
      evidence: {},
      comment: null,
    }),
  };
}

describePostgres(
  `two replicas on one PostgreSQL database${
    PG ? '' : ` (${postgresSkipReason('MATURITY_TEST_POSTGRES')})`
  }`,
  () => {
    let database: StandaloneDatabase;
    let knex: Knex;
    let replicas: Standalone[] = [];
    let clients: Client[] = [];
    let startedAt = 0;

    beforeAll(async () => {
      database = postgresDatabase(PG!, 'replicas');
      startedAt = Date.now();
      // Started together, as a rollout does: both create the database if
      // needed and run the migrations at the same moment. Backstage's own
      // scheduler migrations can then fail in one of them ("relation
      // backstage_backend_tasks__knex_migrations_lock already exists"); an
      // orchestrator restarts such a replica, and so does this test, once.
      const start = (name: string) =>
        startStandalone({
          name: `replica-${name}`,
          database: database.backendConfig(),
          // The shortest delay allowed; gone-a below has been missing
          // longer, gone-b not.
          config: { maturity: { orphans: { deleteAfterDays: 1 } } },
          logLevel: 'info',
        });
      replicas = await Promise.all(
        ['a', 'b'].map(name => start(name).catch(() => start(name))),
      );
      clients = replicas.map(r => clientOf(r));
      knex = database.knex();
    });

    afterAll(async () => {
      clients.forEach(c => c.close());
      await Promise.all(replicas.map(r => r.stop()));
      await database?.cleanup();
    });

    it('alternates writes between replicas, each on the revision the other wrote', async () => {
      const entity = '/entities/component/default/load-0';
      let revision = 0;
      for (let i = 0; i < 20; i++) {
        const [writer, other] = i % 2 ? [clients[1], clients[0]] : clients;
        // The writer sees what the other replica just stored.
        const latest = await writer.get(entity, { headers });
        expect([latest.status, latest.body.revision ?? 0]).toEqual([
          revision ? 200 : 404,
          revision,
        ]);
        const write = await writer.post(`${entity}/assessments`, {
          headers,
          json: validSubmission(revision, i),
        });
        expect(write.status).toBe(201);
        revision = write.body.revision;
        const seen = await other.get(entity, { headers });
        expect(seen.body.revision).toBe(revision);
        expect(seen.body.comment).toBe(write.body.comment);
      }
      const [historyA, historyB] = await Promise.all(
        clients.map(c => c.get(`${entity}/history?limit=100`, { headers })),
      );
      expect(historyA.body.items.map((s: any) => s.revision)).toEqual(
        Array.from({ length: 20 }, (_, i) => 20 - i),
      );
      expect(historyB.body).toEqual(historyA.body);
    });

    it('lets exactly one of 20 writers spread over both replicas through', async () => {
      const entity = '/entities/component/default/load-1';
      const [first, second] = clients;
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 ? second : first).post(`${entity}/assessments`, {
              headers,
              json: validSubmission(round, i),
            }),
          ),
        );
        expect(answers.map(a => a.status).sort()).toEqual([
          201,
          ...Array(19).fill(409),
        ]);
      }
      const report = await checkSnapshots(knex);
      expect(report.problems).toEqual([]);
      expect(report.revisions.get('component:default/load-1')).toEqual([
        1, 2, 3,
      ]);
    });

    it('keeps one global cleanup task for both replicas and runs it once per period', async () => {
      // One row, shared: the scheduler's table lives in the plugin's database.
      const rows = await knex(TASKS_TABLE).where('id', TASK_ID);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0].settings_json)).toMatchObject({
        cadence: 'PT6H',
        initialDelayDuration: 'PT2M',
      });
      for (const client of clients) {
        const tasks = await client.get('/.backstage/scheduler/v1/tasks', {
          headers,
        });
        // Every task of the plugin (cleanup, index sync, reminders) runs on
        // one replica at a time.
        expect(
          tasks.body.tasks.filter((t: any) => t.taskId === TASK_ID),
        ).toEqual([expect.objectContaining({ scope: 'global' })]);
        expect(
          tasks.body.tasks.map((t: any) => [t.taskId, t.scope]).sort(),
        ).toEqual([
          ['maturity-campaign-reminders', 'global'],
          ['maturity-catalog-index', 'global'],
          [TASK_ID, 'global'],
        ]);
      }

      // gone-a has been missing for 10 days: the first run hides it (soft
      // delete). gone-b is new to the cleanup: the first run records it.
      await knex('maturity_assessment').insert([
        orphanRow('component:default/gone-a', 1),
        orphanRow('component:default/gone-b', 1),
      ]);
      await knex('maturity_orphan').insert({
        entity_ref: 'component:default/gone-a',
        missing_since: new Date(Date.now() - 10 * 24 * 3600 * 1000),
      });

      // The first run is due 2 minutes after start; allow 3 more for polling.
      let task: any;
      for (let i = 0; i < 300 && !task?.last_run_ended_at; i++) {
        await sleep(1000);
        [task] = await knex(TASKS_TABLE).where('id', TASK_ID);
      }
      expect(task?.last_run_ended_at).toBeTruthy();
      expect(task.last_run_error_json).toBeNull();
      const ranAfterMs = Date.now() - startedAt;

      // Two poll periods more: a second run would show up by then.
      await sleep(12_000);
      const snapshots = async (ref: string) =>
        Number(
          (
            await knex('maturity_assessment')
              .where('entity_ref', ref)
              .count({ n: '*' })
          )[0].n,
        );
      // Hidden, not purged: the snapshot stays until purgeAfterDays.
      expect(await snapshots('component:default/gone-a')).toBe(1);
      expect(await snapshots('component:default/gone-b')).toBe(1);
      expect(
        (
          await knex('maturity_orphan')
            .orderBy('entity_ref')
            .select('entity_ref', 'deleted_at')
        ).map(r => [r.entity_ref, r.deleted_at !== null]),
      ).toEqual([
        ['component:default/gone-a', true],
        ['component:default/gone-b', false],
      ]);
      const perReplica = replicas.map(r => r.count(DELETED_LOG));
      expect(perReplica.reduce((a, b) => a + b, 0)).toBe(1);

      const [after] = await knex(TASKS_TABLE).where('id', TASK_ID);
      const nextInHours =
        (new Date(after.next_run_start_at).getTime() - Date.now()) / 3600_000;
      expect(nextInHours).toBeGreaterThan(5.9);
      expect(nextInHours).toBeLessThanOrEqual(6);
      console.log(
        `[reliability] orphan cleanup ran once, on replica ${
          perReplica[0] ? 'a' : 'b'
        }, ${Math.round(
          ranAfterMs / 1000,
        )} s after start; next run in ${nextInHours.toFixed(2)} h`,
      );
    });
  },
);
