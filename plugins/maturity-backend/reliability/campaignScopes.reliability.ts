/* eslint-disable no-console */
/*
 * Group 12, campaign scopes (issue 24). A scope ref that names no entity is
 * a 400 and stores nothing; one stored before scopes were checked is
 * skipped, so the campaign list, the entity pages' campaign section and the
 * reminders keep working for every other campaign; and a group named in a
 * scope is shown only to who may see it. The real plugin and notifications
 * backend run in process on SQLite and PostgreSQL.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { Knex } from 'knex';
import {
  ADMIN,
  as,
  ENTITIES,
  group,
  HIDDEN_FROM,
  OWNER,
  STRANGER,
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
  skipWithoutPostgres('campaign scopes on POSTGRES_15', PG_VARIABLE, [
    'every case of the SQLite block, on PostgreSQL',
  ]);
}

const secretTeam = group('secret-team', 'engineering');
secretTeam.metadata.annotations = { [HIDDEN_FROM]: STRANGER };
// sam is a member of payments, for the notifications backend to find.
const payments = group('payments', 'product');
payments.relations!.push({ type: 'hasMember', targetRef: OWNER });
const sam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'sam', namespace: 'default' },
  spec: { memberOf: ['payments'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
};
const entities: Entity[] = [
  ...ENTITIES.filter(e => e.metadata.name !== 'payments'),
  payments,
  sam,
  secretTeam,
];

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const campaign = (scope: object, title = 'Audit logs') => ({
  title,
  scope,
  goals: { topics: { 'process.audit-and-logs': 2 } },
  startsOn: day(0),
  deadline: day(60),
});

const MALFORMED = [
  { owner: 'group:default/' },
  { owner: 'group:/payments' },
  { owner: ':payments' },
  { owner: 'group:default/a/b' },
  { owner: 'group:default/ payments' },
  { owner: 'system:default/shop' },
  { system: 'group:default/payments' },
  { kind: 'not a kind' },
];

describe.each(ids)('campaign scopes on %s', id => {
  let knex: Knex;
  let client: Client;
  let api: Client;
  let stop: () => Promise<void>;
  const tasks = capturedTasks();

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({
      knex,
      entities,
      config: { app: { baseUrl: 'http://127.0.0.1:3000' } },
      pluginDatabases: { notifications: await databases.init(id) },
      features: [tasks.factory, notificationsPlugin],
    });
    stop = backend.stop;
    client = createClient(backend.baseUrl, 8);
    api = createClient(backend.baseUrl.replace(/\/maturity$/, ''), 2);
  });

  afterAll(async () => {
    client?.close();
    api?.close();
    await stop?.();
  });

  const get = (path: string, user = OWNER) =>
    client.get(path, { headers: { Authorization: as(user) } });
  const campaignCount = async () =>
    Number((await knex('maturity_campaign').count({ n: '*' }))[0].n);

  it(`answers 400 to ${MALFORMED.length} malformed scopes, naming the field, and stores none`, async () => {
    const answers = [];
    for (const scope of MALFORMED) {
      const answer = await client.post('/campaigns', {
        headers: { Authorization: as(ADMIN) },
        json: campaign(scope),
      });
      answers.push({
        status: answer.status,
        field: /scope\.(owner|system|kind)/.exec(
          answer.body?.error?.message,
        )?.[0],
      });
    }
    console.log(`[reliability] ${id}: ${JSON.stringify(answers)}`);
    expect(answers.map(a => a.status)).toEqual(MALFORMED.map(() => 400));
    expect(answers.map(a => a.field)).toEqual(
      MALFORMED.map(scope => `scope.${Object.keys(scope)[0]}`),
    );
    expect(await campaignCount()).toBe(0);
  });

  it('skips a campaign stored with a malformed scope: the list, the entity pages and the reminders work for the others', async () => {
    // As stored before scopes were checked.
    const at = new Date();
    await knex('maturity_campaign').insert({
      id: 'broken',
      version: 1,
      created_at: at,
      created_by: ADMIN,
    });
    await knex('maturity_campaign_version').insert({
      campaign_id: 'broken',
      version: 1,
      created_at: at,
      created_by: ADMIN,
      payload: JSON.stringify({
        ...campaign({ owner: 'group:default/' }, 'Broken'),
        description: '',
        status: 'open',
      }),
    });
    const good = await client.post('/campaigns', {
      headers: { Authorization: as(ADMIN) },
      json: campaign({ owner: 'group:default/payments' }),
    });
    expect(good.status).toBe(201);

    const list = await get('/campaigns');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: any) => c.id)).toEqual([good.body.id]);
    const section = await get(
      '/entities/component/default/payments-api/campaigns',
    );
    expect(section.status).toBe(200);
    expect(section.body.items.map((i: any) => i.campaign.id)).toEqual([
      good.body.id,
    ]);
    const broken = await get('/campaigns/broken');
    expect(broken.status).toBe(409);
    expect(broken.body.error.message).toContain('scope.owner');

    await tasks.run('maturity-campaign-reminders');
    const notifications = await api.get('/notifications/notifications', {
      headers: { Authorization: as(OWNER) },
    });
    expect(notifications.status).toBe(200);
    expect(
      notifications.body.notifications.map((n: any) => n.payload.topic).sort(),
    ).toEqual(['Maturity assessment missing', 'Maturity campaign started']);
  });

  it('shows a group named in a scope only to who may see it', async () => {
    const created = await client.post('/campaigns', {
      headers: { Authorization: as(ADMIN) },
      json: campaign({ owner: 'group:default/secret-team' }, 'Secret team'),
    });
    expect(created.status).toBe(201);
    const path = `/campaigns/${created.body.id}`;
    for (const view of [
      path,
      `${path}/versions`,
      `${path}/progress`,
      '/campaigns',
    ]) {
      const answer = await get(view, STRANGER);
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain('secret-team');
      expect(answer.text).toContain('a hidden group');
    }
    const owner = await get(path);
    expect(owner.body.scope.owner).toBe('group:default/secret-team');
    expect(owner.body.hiddenScope).toBeUndefined();
  });
});
