/* eslint-disable no-console */
/*
 * Group 2, races: what users rely on when several people (or tabs, or
 * scripts) write at once. Concurrent writers on one base revision: exactly
 * one wins, the others get 409 and nothing else is stored. Under a bounded
 * load of mixed reads and writes: no 5xx, and every 201 is exactly one
 * stored snapshot (none lost, none extra).
 */
import { Knex } from 'knex';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import {
  checkSnapshots,
  postgresDatabase,
  sqliteDatabase,
  StandaloneDatabase,
} from './__testUtils__/databases';
import {
  inProcessDatabaseIds,
  LOAD_SECONDS,
  skipWithoutPostgres,
  STANDALONE_POSTGRES,
} from './__testUtils__/env';
import { ADMIN, as, validSubmission } from '../src/__testUtils__/fixtures';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';
import { formatLoad, runLoad } from './__testUtils__/load';
import {
  clientOf,
  Standalone,
  startStandalone,
} from './__testUtils__/standaloneBackend';

const WRITERS = 20;
const ROUNDS = 5;
const LOAD_CLIENTS = 50;

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'concurrent writers');

describe.each(ids.map(id => [id]))('concurrent writers on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({ knex });
    stop = backend.stop;
    // One socket per writer, so that the 20 requests really are in flight
    // together rather than queued in the client.
    client = createClient(backend.baseUrl, WRITERS * 2);
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it(`lets exactly one of ${WRITERS} writers on a revision through, ${ROUNDS} rounds in a row`, async () => {
    const entity = '/entities/component/default/race-target';
    const writers = client;
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          writers.post(`${entity}/assessments`, {
            headers: { Authorization: as(ADMIN) },
            // Each writer's own content: the stored one must be the winner's.
            json: {
              ...validSubmission(round, writer),
              comment: `round ${round} writer ${writer}`,
            },
          }),
        ),
      );
      const statuses = answers.map(a => a.status).sort();
      expect(statuses).toEqual([201, ...Array(WRITERS - 1).fill(409)]);
      for (const loser of answers.filter(a => a.status === 409)) {
        expect(loser.body.error.name).toBe('ConflictError');
      }
      const winner = answers.find(a => a.status === 201)!;
      expect(winner.body.revision).toBe(round + 1);

      const history = await client.get(`${entity}/history?limit=100`, {
        headers: { Authorization: as(ADMIN) },
      });
      expect(history.body.items.map((i: any) => i.revision)).toEqual(
        Array.from({ length: round + 1 }, (_, i) => round + 1 - i),
      );
      expect(history.body.items[0].comment).toBe(winner.body.comment);
    }
    const report = await checkSnapshots(knex);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(ROUNDS);
  });
});

const loadDatabases: Array<[string, () => StandaloneDatabase]> = [
  ['SQLite', () => sqliteDatabase()],
];
const PG = STANDALONE_POSTGRES;
if (PG) {
  loadDatabases.push(['PostgreSQL', () => postgresDatabase(PG, 'load')]);
} else {
  skipWithoutPostgres('bounded load on PostgreSQL', 'MATURITY_TEST_POSTGRES', [
    `${LOAD_CLIENTS} clients for ${LOAD_SECONDS} s`,
  ]);
}

describe.each(loadDatabases)('bounded load on %s', (name, createDatabase) => {
  let database: StandaloneDatabase;
  let backend: Standalone | undefined;

  beforeAll(async () => {
    database = createDatabase();
    backend = await startStandalone({
      name: `load-${name}`,
      database: database.backendConfig(),
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await database?.cleanup();
  });

  it(`serves ${LOAD_CLIENTS} clients mixing reads and writes for ${LOAD_SECONDS} s without a 5xx, storing one snapshot per 201`, async () => {
    const client = clientOf(backend!, LOAD_CLIENTS + 10);
    const result = await runLoad({
      client,
      user: ADMIN,
      clients: LOAD_CLIENTS,
      seconds: LOAD_SECONDS,
    });
    client.close();
    console.log(formatLoad(`load on ${name}`, result));

    expect(backend!.alive()).toBe(true);
    expect(result.unexpected.slice(0, 10)).toEqual([]);
    expect(Object.keys(result.statuses).filter(s => !/^[24]/.test(s))).toEqual(
      [],
    );
    expect(result.createdTotal).toBeGreaterThan(0);

    // Count in the database itself, not through the API.
    const report = await checkSnapshots(
      database.knex(),
      'component:default/load-',
    );
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(result.createdTotal);
    for (const [ref, revisions] of report.revisions) {
      expect([ref, revisions.length]).toEqual([ref, result.created.get(ref)]);
    }
  });
});
