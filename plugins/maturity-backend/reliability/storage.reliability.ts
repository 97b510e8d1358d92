/* eslint-disable no-console */
/*
 * Group 10, storage (issue 24): what bounds the volume of snapshots. A
 * scripted writer meets the per-entity daily quota (429 with Retry-After,
 * nothing more stored); two replicas on one database enforce one per-user
 * rate limit between them, not one each; and the retention task thins old
 * intermediate revisions to one a day, keeping the latest. The real plugin
 * runs in process on SQLite and PostgreSQL; the retention task is the
 * plugin's own, run when the test says.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import {
  ADMIN,
  as,
  component,
  ENTITIES,
  OWNER,
  recordingAuditor,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import { capturedTasks } from './__testUtils__/capturedTasks';
import { IN_PROCESS_POSTGRES, skipWithoutPostgres } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';

const PG_VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
const databases = createTestDatabases();
const ids: TestDatabaseId[] = ['SQLITE_3'];
if (IN_PROCESS_POSTGRES && databases.supports('POSTGRES_15')) {
  ids.push('POSTGRES_15');
} else {
  skipWithoutPostgres('storage on POSTGRES_15', PG_VARIABLE, [
    'every case of the SQLite block, on PostgreSQL',
  ]);
}

const QUOTA = 20;
const WRITES_PER_MINUTE = 10;
const writers = Array.from({ length: 30 }, (_, i) => `w-${i}`);
const entities: Entity[] = [
  ...ENTITIES,
  ...[...writers, 'quota-target', 'history'].map(name =>
    component(name, 'payments', 'shop'),
  ),
];
const user = { Authorization: as(OWNER) };
const write = (
  client: Client,
  name: string,
  baseRevision: number,
  writer = OWNER,
) =>
  client.post(`/entities/component/default/${name}/assessments`, {
    headers: { Authorization: as(writer) },
    json: validSubmission(baseRevision),
  });
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>(
    (counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }),
    {},
  );
async function stored(knex: Knex, name: string) {
  const [{ n }] = await knex('maturity_assessment')
    .where({ entity_ref: `component:default/${name}` })
    .count({ n: '*' });
  return Number(n);
}

describe.each(ids)('storage on %s', id => {
  let knex: Knex;
  const stops: Array<() => Promise<void>> = [];

  async function replica(maturity: object, features: any[] = []) {
    const backend = await startInProcessBackend({
      knex,
      entities,
      config: { maturity },
      features,
    });
    stops.push(backend.stop);
    return createClient(backend.baseUrl, 8);
  }

  beforeAll(async () => {
    knex = await databases.init(id);
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it(`stops a scripted writer at ${QUOTA} snapshots of one entity a day: 429 with Retry-After, nothing more stored`, async () => {
    const client = await replica({
      rateLimit: {
        writesPerMinute: 1_000_000,
        snapshotsPerEntityPerDay: QUOTA,
      },
    });
    const statuses: number[] = [];
    let refused;
    for (let revision = 0; revision < QUOTA + 10; revision++) {
      const answer = await write(client, 'quota-target', revision);
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
      if (answer.status !== 201) break;
    }
    console.log(
      `[reliability] ${id}: per-entity quota ${QUOTA}: ${JSON.stringify(
        tally(statuses),
      )}, Retry-After ${refused?.headers['retry-after']} s`,
    );
    expect(tally(statuses)).toEqual({ 201: QUOTA, 429: 1 });
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(86_000);
    expect(Number(refused!.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(refused!.body.error.message).toContain('snapshotsPerEntityPerDay');
    expect(await stored(knex, 'quota-target')).toBe(QUOTA);
    // Another entity is not held back by this one's quota.
    expect((await write(client, 'history', 0)).status).toBe(201);
    client.close();
  });

  it(`holds a user to ${WRITES_PER_MINUTE} writes a minute across two replicas, not ${WRITES_PER_MINUTE} on each`, async () => {
    const limits = { rateLimit: { writesPerMinute: WRITES_PER_MINUTE } };
    const a = await replica(limits);
    const b = await replica(limits);
    // A writer of its own: the first case's writes count in sam's window.
    const statuses: number[] = [];
    for (const [i, name] of writers.entries()) {
      statuses.push((await write(i % 2 ? b : a, name, 0, ADMIN)).status);
    }
    console.log(
      `[reliability] ${id}: ${
        writers.length
      } writes alternating over 2 replicas, ${WRITES_PER_MINUTE} a minute: ${JSON.stringify(
        tally(statuses),
      )}`,
    );
    expect(tally(statuses)).toEqual({
      201: WRITES_PER_MINUTE,
      429: writers.length - WRITES_PER_MINUTE,
    });
    a.close();
    b.close();
  });

  it('thins revisions older than thinAfterDays to the last of each day, keeping the latest, and audits it', async () => {
    const tasks = capturedTasks();
    const { auditor, events } = recordingAuditor();
    const client = await replica({ retention: { thinAfterDays: 30 } }, [
      tasks.factory,
      auditor.factory,
    ]);
    // Revision 1 was written by the first case; eleven more now.
    for (let revision = 1; revision < 12; revision++) {
      expect((await write(client, 'history', revision)).status).toBe(201);
    }
    // Made long ago: four on one day, four on the next, one alone on a third.
    const daysAgo = (days: number, hour: number) => {
      const at = new Date(Date.now() - days * 86_400_000);
      at.setUTCHours(hour, 0, 0, 0);
      return at;
    };
    const backdate: Array<[number, Date]> = [
      [1, daysAgo(40, 8)],
      [2, daysAgo(40, 9)],
      [3, daysAgo(40, 10)],
      [4, daysAgo(40, 11)],
      [5, daysAgo(39, 8)],
      [6, daysAgo(39, 9)],
      [7, daysAgo(39, 10)],
      [8, daysAgo(39, 11)],
      [9, daysAgo(38, 8)],
    ];
    for (const [revision, at] of backdate) {
      await knex('maturity_assessment')
        .where({ entity_ref: 'component:default/history', revision })
        .update({ created_at: at });
    }

    await tasks.run('maturity-revision-retention');

    const kept = (
      await knex('maturity_assessment')
        .where({ entity_ref: 'component:default/history' })
        .orderBy('revision')
        .pluck('revision')
    ).map(Number);
    console.log(
      `[reliability] ${id}: retention kept revisions ${kept.join(
        ', ',
      )} of 1..12`,
    );
    expect(kept).toEqual([4, 8, 9, 10, 11, 12]);
    const history = await client.get(
      '/entities/component/default/history/history',
      { headers: user },
    );
    expect(history.body.items.map((i: any) => i.revision)).toEqual([
      12, 11, 10, 9, 8, 4,
    ]);
    const latest = await client.get('/entities/component/default/history', {
      headers: user,
    });
    expect(latest.body.revision).toBe(12);
    expect(events.filter(e => e.eventId === 'revision-retention')).toEqual([
      {
        eventId: 'revision-retention',
        status: 'succeeded',
        meta: { deleted: 6, entities: 1, thinAfterDays: 30 },
      },
    ]);
    // The next revision goes on from 12.
    expect((await write(client, 'history', 12)).body.revision).toBe(13);
    client.close();
  });
});
