/* eslint-disable no-console */
/*
 * Group 9, reminders (issue 24): an organisation-wide campaign over teams
 * that own hundreds of components gives each team one notification per
 * reason, however many components and replicas; a run whose notifications
 * cannot be delivered loses nothing, and nothing is delivered twice. The
 * real plugin and the real notifications backend run in process, two
 * replicas on one database, SQLite and PostgreSQL; the reminder task is the
 * plugin's own, run when the test says.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { Knex } from 'knex';
import {
  ADMIN,
  as,
  component,
  group,
  OWNER,
  system,
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
  skipWithoutPostgres('reminders on POSTGRES_15', PG_VARIABLE, [
    'every case of the SQLite block, on PostgreSQL',
  ]);
}

const TASK = 'maturity-campaign-reminders';
/** payments owns 300 components; nine other teams 100 each. */
const TEAMS = [
  { name: 'payments', member: OWNER, components: 300 },
  ...Array.from({ length: 9 }, (_, i) => ({
    name: `team-${i}`,
    member: `user:default/member-${i}`,
    components: 100,
  })),
];
const COMPONENTS = TEAMS.reduce((sum, t) => sum + t.components, 0);

function user(ref: string, team: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: [team] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${team}` }],
  };
}

const entities: Entity[] = [
  group('engineering'),
  system('shop'),
  ...TEAMS.flatMap(({ name, member, components }) => {
    const team = group(name, 'engineering');
    team.relations!.push({ type: 'hasMember', targetRef: member });
    return [
      team,
      user(member, name),
      ...Array.from({ length: components }, (_, i) =>
        component(`${name}-svc-${i}`, name, 'shop'),
      ),
    ];
  }),
];

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type Notification = {
  id: string;
  read: string | null;
  payload: { topic: string; title: string; description: string };
};

describe.each(ids)('reminders on %s', id => {
  let knex: Knex;
  let notificationsKnex: Knex;
  const replicas: Array<{
    client: Client;
    run: () => Promise<void>;
    stop: () => Promise<void>;
  }> = [];

  /** A replica; without the notifications backend, every send fails. */
  async function replica(withNotifications: boolean) {
    const tasks = capturedTasks();
    const backend = await startInProcessBackend({
      knex,
      entities,
      config: { app: { baseUrl: 'http://127.0.0.1:3000' } },
      pluginDatabases: { notifications: notificationsKnex },
      features: [
        tasks.factory,
        ...(withNotifications ? [notificationsPlugin] : []),
      ],
    });
    const started = {
      client: createClient(backend.baseUrl.replace(/\/maturity$/, ''), 8),
      run: () => tasks.run(TASK),
      stop: backend.stop,
    };
    replicas.push(started);
    return started;
  }

  beforeAll(async () => {
    knex = await databases.init(id);
    notificationsKnex = await databases.init(id);
  });

  afterAll(async () => {
    for (const r of replicas) {
      r.client.close();
      await r.stop();
    }
  });

  async function notificationsOf(client: Client, member: string) {
    const answer = await client.get('/notifications/notifications', {
      headers: { Authorization: as(member) },
    });
    expect(answer.status).toBe(200);
    return answer.body.notifications as Notification[];
  }

  async function createCampaign(client: Client, title: string) {
    const created = await client.post('/maturity/campaigns', {
      headers: { Authorization: as(ADMIN) },
      json: {
        title,
        scope: {},
        goals: { topics: { 'process.audit-and-logs': 2 } },
        startsOn: day(0),
        deadline: day(60),
      },
    });
    expect(created.status).toBe(201);
  }

  it(`gives each of ${TEAMS.length} teams one notification per reason for ${COMPONENTS} components, with two replicas running at once`, async () => {
    const a = await replica(true);
    const b = await replica(true);
    await createCampaign(a.client, 'Org-wide audit logs');

    const started = performance.now();
    await Promise.all([a.run(), b.run()]);
    const seconds = (performance.now() - started) / 1000;

    const perMember = await Promise.all(
      TEAMS.map(async t => (await notificationsOf(a.client, t.member)).length),
    );
    const sam = await notificationsOf(b.client, OWNER);
    console.log(
      `[reliability] ${id}: ${COMPONENTS} components of ${
        TEAMS.length
      } teams, 2 replicas: ${perMember.reduce(
        (x, y) => x + y,
        0,
      )} notifications (sam: ${sam.length}) in ${seconds.toFixed(1)} s`,
    );
    // Started and missing, once each: not 300 of each.
    expect(sam.map(n => n.payload.topic).sort()).toEqual([
      'Maturity assessment missing',
      'Maturity campaign started',
    ]);
    expect(perMember).toEqual(TEAMS.map(() => 2));

    // Read them all; runs on both replicas again change nothing.
    await a.client.post('/notifications/notifications/update', {
      headers: { Authorization: as(OWNER) },
      json: { ids: sam.map(n => n.id), read: true },
    });
    await a.run();
    await b.run();
    const again = await notificationsOf(a.client, OWNER);
    expect(again).toHaveLength(2);
    expect(again.every(n => n.read !== null)).toBe(true);
  });

  it('delivers, once, the reminders of a run whose notifications could not be sent', async () => {
    const [a] = replicas;
    const broken = await replica(false);
    const before = await notificationsOf(a.client, OWNER);
    await createCampaign(a.client, 'Second campaign');

    // The notifications backend is not there: every send fails, and the
    // claimed digests are freed.
    await broken.run();
    expect(await notificationsOf(a.client, OWNER)).toHaveLength(before.length);
    await a.run();
    await a.run();
    const after = await notificationsOf(a.client, OWNER);
    expect(after).toHaveLength(before.length + 2);
    const known = new Set(before.map(n => n.id));
    const fresh = after.filter(n => !known.has(n.id));
    expect(fresh.map(n => n.payload.topic).sort()).toEqual([
      'Maturity assessment missing',
      'Maturity campaign started',
    ]);
    for (const n of fresh) {
      expect(JSON.stringify(n.payload)).toContain('Second campaign');
    }
  });
});
