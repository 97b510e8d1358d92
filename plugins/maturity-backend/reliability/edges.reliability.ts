/* eslint-disable no-console */
/*
 * Group 8, edges (issue 24): summary writes racing a recompute or a purge,
 * tampered overview cursors, `maxDeletePercent: 0`, and empty `anyOf` /
 * `allOf` in a read decision. The store, the jobs and the plugin are the
 * real ones, on SQLite and PostgreSQL; interleavings are forced by pausing
 * one side at a hook (a store method, the catalog check inside the purge).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { AssessmentStore } from '../src/database/AssessmentStore';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import { MaturityIndex } from '../src/database/MaturityIndex';
import { cleanOrphans } from '../src/jobs/cleanOrphans';
import { SummaryUpdater } from '../src/jobs/SummaryUpdater';
import {
  ADMIN,
  as,
  component,
  ENTITIES,
  recordingAuditor,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import {
  defaultSummaries,
  insert,
  newAssessment,
  storedSummary,
} from '../src/__testUtils__/summaries';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import { inProcessDatabaseIds } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';
import { policyCatalog, ReadRule } from './__testUtils__/policyCatalog';

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'edges');

const DAY = 24 * 60 * 60 * 1000;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);

const snapshot = (entityRef: string, base: number, level: number) =>
  newAssessment(entityRef, base, { level, createdBy: ADMIN });

/** A gate a paused call waits at, and the moment it arrives there. */
function gate() {
  let open: () => void = () => {};
  let arrive: () => void = () => {};
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  const arrived = new Promise<void>(resolve => {
    arrive = resolve;
  });
  return {
    open,
    arrived,
    wait: () => {
      arrive();
      return opened;
    },
  };
}

describe.each(ids)('summary races on %s', id => {
  let knex: Knex;
  let store: DatabaseAssessmentStore;

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  });

  async function summaryOf(entityRef: string) {
    const summary = await storedSummary(knex, entityRef);
    return (
      summary && { revision: summary.revision, people: summary.medians.people }
    );
  }

  it('keeps the newer summary when a recompute of an older revision writes after it', async () => {
    const ref = 'component:default/recomputed';
    await insert(store, snapshot(ref, 0, 1));
    // The recompute reads revision 1, then waits before it writes.
    const paused = gate();
    const pausing = Object.create(store) as AssessmentStore;
    pausing.replaceSummaries = async summaries => {
      await paused.wait();
      return store.replaceSummaries(summaries);
    };
    const updater = new SummaryUpdater({
      store: pausing,
      index: new MaturityIndex(knex),
      summaries: defaultSummaries,
    });
    const recompute = updater.recompute([ref]);
    await paused.arrived;
    // Meanwhile a user writes revision 2, with its summary.
    await insert(store, snapshot(ref, 1, 3));
    const newer = await summaryOf(ref);
    paused.open();
    await recompute;
    const after = await summaryOf(ref);
    console.log(
      `recompute of revision 1 after revision 2: summary ${JSON.stringify(
        newer,
      )} → ${JSON.stringify(after)}`,
    );
    expect(newer?.revision).toBe(2);
    expect(after).toEqual(newer);
  });

  it('keeps the summary of a snapshot written while the purge checks the catalog', async () => {
    const ref = 'component:default/returning';
    await insert(store, snapshot(ref, 0, 1));
    const reconcile = (now: Date, extra: object = {}) =>
      store.reconcileOrphans({
        missing: [ref],
        now,
        deleteMissingSince: new Date(now.getTime() - DAY),
        purgeDeletedSince: new Date(now.getTime() - DAY),
        maxDeletions: 10,
        stillMissing: async refs => refs,
        ...extra,
      });
    await reconcile(day(0));
    expect((await reconcile(day(2))).deleted).toHaveLength(1);

    // The purge asks the catalog inside its transaction; the entity is back
    // by then, and its owner writes. On PostgreSQL the write commits while
    // the purge waits; SQLite runs one transaction at a time, so there it
    // queues behind the purge.
    let written: Promise<unknown> = Promise.resolve();
    const report = await reconcile(day(4), {
      stillMissing: async (refs: string[]) => {
        written = insert(store, snapshot(ref, 0, 4));
        if (id !== 'SQLITE_3') await written;
        return refs;
      },
    });
    await written;
    const after = await summaryOf(ref);
    console.log(
      `purge with a write in its catalog check: purged ${JSON.stringify(
        report.purged,
      )}, summary ${JSON.stringify(after)}`,
    );
    expect(after).toMatchObject({ revision: 2 });
    expect(
      (await store.getHistory(ref, { limit: 10 })).map(r => r.revision),
    ).toContain(2);
  });
});

describe.each(ids)('edges through the API on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;
  const EMPTY_ANY = 'user:default/empty-any';
  const EMPTY_ALL = 'user:default/empty-all';
  // Not in the criteria's type, but a policy that builds groups from a list
  // may answer one.
  const catalog = policyCatalog({
    [ADMIN]: 'all',
    [EMPTY_ANY]: { anyOf: [] } as unknown as ReadRule,
    [EMPTY_ALL]: { allOf: [] } as unknown as ReadRule,
  });
  const get = (user: string, path: string) =>
    client.get(path, { headers: { Authorization: as(user) } });

  beforeAll(async () => {
    knex = await databases.init(id);
    catalog.set(ENTITIES);
    const backend = await startInProcessBackend({ knex, policy: catalog });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
    for (const name of ['payments-api', 'ledger', 'web']) {
      const answer = await client.post(
        `/entities/component/default/${name}/assessments`,
        { headers: { Authorization: as(ADMIN) }, json: validSubmission(0) },
      );
      if (answer.status !== 201)
        throw new Error(`seeding ${name}: ${answer.text}`);
    }
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  const cursor = (body: unknown) =>
    Buffer.from(JSON.stringify(body)).toString('base64url');

  it('answers 400 to a cursor whose value does not fit its sort column', async () => {
    const ref = 'component:default/ledger';
    const tampered = [
      ['revision', 'abc'],
      ['revision', 1.5],
      ['percentToTarget', 'x'],
      ['assessedAt', 'yesterday'],
      ['assessedAt', true],
      ['people', 'high'],
    ] as const;
    const statuses: string[] = [];
    for (const [sortBy, value] of tampered) {
      const answer = await get(
        ADMIN,
        `/overview?sortBy=${sortBy}&cursor=${cursor({ r: ref, v: value })}`,
      );
      const message: string = answer.body?.error?.message ?? '';
      statuses.push(
        `${sortBy}=${JSON.stringify(value)} → ${answer.status}${
          message.includes('cursor is malformed') ? ' malformed' : ''
        }`,
      );
    }
    console.log(`tampered cursors: ${statuses.join(', ')}`);
    expect(statuses).toEqual(
      tampered.map(
        ([sortBy, value]) =>
          `${sortBy}=${JSON.stringify(value)} → 400 malformed`,
      ),
    );
    // A cursor the API gave goes on.
    const first = await get(ADMIN, '/overview?sortBy=revision&limit=1');
    const next = await get(
      ADMIN,
      `/overview?sortBy=revision&limit=1&cursor=${first.body.nextCursor}`,
    );
    expect([first.status, next.status]).toEqual([200, 200]);
  });

  it('reads an empty anyOf as no entity and an empty allOf as every one', async () => {
    const none = await get(EMPTY_ANY, '/overview?limit=100');
    const all = await get(EMPTY_ALL, '/overview?limit=100');
    const admin = await get(ADMIN, '/overview?limit=100');
    console.log(
      `empty anyOf: ${none.body.totalCount} rows; empty allOf: ${all.body.totalCount} of ${admin.body.totalCount}`,
    );
    expect(none.body.totalCount).toBe(0);
    expect(all.body.totalCount).toBe(admin.body.totalCount);
    expect(
      (
        await client.post('/entities/by-refs', {
          headers: { Authorization: as(EMPTY_ANY) },
          json: { entityRefs: ['component:default/ledger'] },
        })
      ).body.items,
    ).toEqual([null]);
  });

  it('hides nothing with maxDeletePercent 0, however few entities left the catalog', async () => {
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
    });
    const names = Array.from({ length: 20 }, (_, i) => `brake-${i}`);
    for (const name of names) {
      await insert(store, snapshot(`component:default/${name}`, 0, 1));
    }
    const assessed = await store.listEntityRefs();
    // One left the catalog; everything else assessed is still there.
    const remaining = assessed
      .filter(ref => ref !== 'component:default/brake-0')
      .map(ref => component(ref.split('/')[1], 'payments', 'shop'));
    const { auditor, events } = recordingAuditor();
    const run = (now: Date) =>
      cleanOrphans({
        store,
        catalog: catalogServiceMock({ entities: remaining }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        auditor,
        orphans: { deleteAfterDays: 1, purgeAfterDays: 1, maxDeletePercent: 0 },
        now,
      });
    await run(day(0));
    const report = await run(day(3));
    console.log(
      `maxDeletePercent 0, 1 of ${assessed.length} gone: deleted ${
        report.deleted.length
      }, braked ${JSON.stringify(report.braked)}`,
    );
    expect(report.deleted).toEqual([]);
    expect(events.map(e => e.meta.action)).toEqual(['braked']);
    expect((await store.getLatest(['component:default/brake-0'])).size).toBe(1);
  });
});
