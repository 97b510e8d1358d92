/* eslint-disable no-console */
/*
 * Group 6, data safety: what an owner repeating large submissions, a catalog
 * provider that briefly loses entities, and out-of-range input can do to the
 * stored assessments and the backend's memory. The real plugin runs in
 * process on SQLite and PostgreSQL; the orphan cleanup is the scheduled
 * task's own function, run with a catalog that has lost entities.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AssessmentSubmission,
  SUBMISSION_LIMITS,
} from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { cleanOrphans } from '../src/jobs/cleanOrphans';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import {
  as,
  component,
  ENTITIES,
  OWNER,
  ratingsFor,
  recordingAuditor,
  TOPICS,
} from '../src/__testUtils__/fixtures';
import { inProcessDatabaseIds } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'data safety');

setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

const SUBMISSIONS = 1000;
const MEMORY_ENTITIES = 100;
const LONG_LIFECYCLE = 'l'.repeat(300);
const memoryNames = Array.from(
  { length: MEMORY_ENTITIES },
  (_, i) => `mem-${i}`,
);
const orphanNames = Array.from({ length: 20 }, (_, i) => `orphan-${i}`);
const entities: Entity[] = [
  ...ENTITIES,
  ...[...memoryNames, ...orphanNames, 'returning'].map(name =>
    component(name, 'payments', 'shop'),
  ),
  component('long-lifecycle', 'payments', 'shop', {
    lifecycle: LONG_LIFECYCLE,
  }),
];
const user = { Authorization: as(OWNER) };
const entityPath = (name: string) => `/entities/component/default/${name}`;

/**
 * The largest valid submission: every level of every topic rated, a target
 * and an evidence URL per topic, the longest comment, and notes that fill
 * the total text cap to the last byte.
 */
function maximumSubmission(baseRevision: number): AssessmentSubmission {
  const evidence = Object.fromEntries(
    TOPICS.map(t => [t.id, [`https://example.com/evidence/${t.id}`]]),
  );
  const comment = 'c'.repeat(SUBMISSION_LIMITS.commentLength);
  const used =
    comment.length +
    Object.values(evidence).reduce((sum, [url]) => sum + url.length, 0);
  const perNote = Math.floor(
    (SUBMISSION_LIMITS.totalTextBytes - used) / TOPICS.length,
  );
  return {
    baseRevision,
    ratings: ratingsFor(baseRevision),
    targets: Object.fromEntries(TOPICS.map(t => [t.id, t.maxLevel])),
    notes: Object.fromEntries(
      TOPICS.map((t, i) => [t.id, `${i}`.padEnd(perNote, 'n')]),
    ),
    evidence,
    comment,
  };
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe.each(ids)('data safety on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({
      knex,
      entities,
    });
    client = createClient(backend.baseUrl, 8);
    stop = backend.stop;
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  async function submit(name: string, baseRevision: number) {
    return client.post(`${entityPath(name)}/assessments`, {
      headers: user,
      json: maximumSubmission(baseRevision),
    });
  }

  it(`keeps heap growth under 100 MB over ${SUBMISSIONS} maximum-size submissions`, async () => {
    const body = JSON.stringify(maximumSubmission(0));
    expect(body.length).toBeGreaterThan(SUBMISSION_LIMITS.totalTextBytes);
    // Warm up: code paths compiled, pools open, caches of the first entity.
    for (let r = 0; r < 3; r++) {
      expect((await submit('ledger', r)).status).toBe(201);
    }
    const before = heapMb();
    const started = performance.now();
    const statuses = new Map<number, number>();
    const perEntity = SUBMISSIONS / MEMORY_ENTITIES;
    // Four writers, each on its own entities; each snapshot is read back
    // with its history, which fills both caches.
    await Promise.all(
      [0, 1, 2, 3].map(async worker => {
        for (let e = worker; e < MEMORY_ENTITIES; e += 4) {
          for (let r = 0; r < perEntity; r++) {
            const answer = await submit(memoryNames[e], r);
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            await client.get(`${entityPath(memoryNames[e])}/history`, {
              headers: user,
            });
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const growth = heapMb() - before;
    console.log(
      `[reliability] ${id}: ${SUBMISSIONS} submissions of ${
        body.length
      } bytes in ${seconds.toFixed(1)} s; heap growth ${growth.toFixed(1)} MB`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 201: SUBMISSIONS });
    expect(growth).toBeLessThan(100);
  });

  function cleanup(catalogNames: string[], orphans: object) {
    const { auditor, events } = recordingAuditor();
    return {
      events,
      run: async (day: number) => {
        const store = await DatabaseAssessmentStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        });
        return cleanOrphans({
          store,
          catalog: catalogServiceMock({
            entities: entities.filter(e =>
              catalogNames.includes(e.metadata.name),
            ),
          }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          auditor,
          orphans: {
            deleteAfterDays: 1,
            purgeAfterDays: 1,
            maxDeletePercent: 10,
            ...orphans,
          },
          now: new Date(Date.now() + day * 24 * 3600 * 1000),
        });
      },
    };
  }

  it('loses no assessment when the catalog suddenly drops 50% of the assessed entities', async () => {
    for (const name of orphanNames) {
      expect((await submit(name, 0)).status).toBe(201);
    }
    const assessed: string[] = (
      await knex('maturity_assessment').distinct('entity_ref')
    ).map(r => r.entity_ref.split('/')[1]);
    const kept = assessed.filter((_, i) => i % 2 === 0);
    const { run, events } = cleanup(kept, {});
    // Days after: past deleteAfterDays and purgeAfterDays, several times.
    for (const day of [0, 2, 4, 8]) {
      const report = await run(day);
      expect(report.deleted).toEqual([]);
      expect(report.purged).toEqual([]);
    }
    expect(events.map(e => e.meta.action)).toEqual([
      'braked',
      'braked',
      'braked',
    ]);
    const answers = await Promise.all(
      assessed.map(async name => [
        name,
        (await client.get(entityPath(name), { headers: user })).status,
      ]),
    );
    expect(answers).toEqual(assessed.map(name => [name, 200]));
  });

  it('continues the revision numbers of an entity that returns after a purge', async () => {
    for (let r = 0; r < 3; r++) {
      expect((await submit('returning', r)).status).toBe(201);
    }
    const allButReturning = entities
      .map(e => e.metadata.name)
      .filter(name => name !== 'returning');
    const { run, events } = cleanup(allButReturning, { maxDeletePercent: 100 });
    await run(0);
    expect((await run(2)).deleted).toEqual([
      { entityRef: 'component:default/returning', revisions: 3 },
    ]);
    // Soft-deleted: hidden, not yet gone.
    expect(
      (await client.get(entityPath('returning'), { headers: user })).status,
    ).toBe(404);
    expect((await run(4)).purged).toEqual([
      { entityRef: 'component:default/returning', revisions: 3 },
    ]);
    expect(events.map(e => [e.meta.action, e.meta.revisions])).toEqual([
      ['soft-delete', 3],
      ['purge', 3],
    ]);

    // Back in the catalog: a first assessment from scratch is revision 4.
    const again = await submit('returning', 0);
    expect(again.status).toBe(201);
    expect(again.body.revision).toBe(4);
    const history = await client.get(`${entityPath('returning')}/history`, {
      headers: user,
    });
    expect(history.body.items.map((i: any) => i.revision)).toEqual([4]);
  });

  it('answers 400, never 5xx, to history cursors beyond a 32-bit revision', async () => {
    const cursor = (n: number | string) =>
      Buffer.from(JSON.stringify({ beforeRevision: n })).toString('base64url');
    const statuses: number[] = [];
    for (const n of [2 ** 31, 2 ** 32 + 1, 2 ** 53 - 1, 1e300, -1, 1.5, '7']) {
      const answer = await client.get(
        `${entityPath('mem-0')}/history?cursor=${cursor(n as number)}`,
        { headers: user },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400]);
    const edge = await client.get(
      `${entityPath('mem-0')}/history?cursor=${cursor(2 ** 31 - 1)}`,
      { headers: user },
    );
    expect(edge.status).toBe(200);
    expect(edge.body.items.length).toBeGreaterThan(0);
  });

  it('assesses an entity whose lifecycle is longer than 128 characters', async () => {
    const created = await submit('long-lifecycle', 0);
    expect(created.status).toBe(201);
    const latest = await client.get(entityPath('long-lifecycle'), {
      headers: user,
    });
    expect(latest.status).toBe(200);
    const [row] = await knex('maturity_assessment')
      .where({ entity_ref: 'component:default/long-lifecycle' })
      .select('lifecycle');
    expect(row.lifecycle).toBe(LONG_LIFECYCLE);
  });
});
