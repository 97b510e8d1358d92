import { createServiceFactory } from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory from 'knex';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  ADMIN,
  as,
  authorizeByOwnership,
  component,
  fullyTo,
  group,
  HIDDEN_FROM,
  OWNER,
  readDecisionByAnnotation,
  STRANGER,
  system,
  visibilityCatalog,
} from '../__testUtils__/fixtures';
import { maturityPlugin } from '../plugin';

jest.setTimeout(120_000);

const CAROL = 'user:default/carol';

function userEntity(name: string, teamName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [teamName] },
    relations: [{ type: 'memberOf', targetRef: `group:default/${teamName}` }],
  };
}

/** A team whose members the notifications backend resolves. */
function team(name: string, parent: string, members: string[]): Entity {
  const entity = group(name, parent);
  entity.relations!.push(
    ...members.map(m => ({ type: 'hasMember', targetRef: m })),
  );
  return entity;
}

const entities: Entity[] = [
  group('engineering'),
  group('product', 'engineering'),
  team('payments', 'product', [OWNER]),
  team('storefront', 'product', [CAROL]),
  userEntity('sam', 'payments'),
  userEntity('carol', 'storefront'),
  system('shop'),
  component('payments-api', 'payments', 'shop'),
  component('ledger', 'payments', 'shop', { lifecycle: 'experimental' }),
  component('web', 'storefront', 'shop'),
  component('secret', 'payments', 'shop', {
    annotations: { [HIDDEN_FROM]: STRANGER },
  }),
];

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const prefixes: string[] = [];

/** The real database service: each plugin its own database, shared by replicas. */
function databaseConfig(kind: 'sqlite' | 'postgres') {
  if (kind === 'sqlite') {
    return {
      client: 'better-sqlite3',
      connection: { directory: mkdtempSync(join(tmpdir(), 'campaigns-')) },
    };
  }
  const prefix = `mcampaigns_${process.pid}_${prefixes.length}_`;
  prefixes.push(prefix);
  return { client: 'pg', connection: PG, prefix };
}

afterAll(async () => {
  if (!PG || !prefixes.length) return;
  const admin = knexFactory({ client: 'pg', connection: PG });
  const { rows } = await admin.raw(
    'SELECT datname FROM pg_database WHERE datname LIKE ?',
    ['mcampaigns_%'],
  );
  for (const { datname } of rows) {
    if (prefixes.some(p => datname.startsWith(p))) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  }
  await admin.destroy();
});

async function startReplica(database: object, maturity: object = {}) {
  const ownership = authorizeByOwnership(entities);
  const authorize = jest.fn(async (requests: any[], options: any) => {
    const user = options?.credentials?.principal?.userEntityRef;
    // Campaigns are managed by the admin only; assessments by ownership.
    if (requests.some(r => r.permission.name === 'maturity.campaign.manage')) {
      return requests.map(() => ({
        result: user === ADMIN ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }));
    }
    return ownership(requests, options);
  });
  const auditor = mockServices.auditor.mock();
  // Tasks are captured, not run, so that the test runs the reminders itself.
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: () => ({ run: async () => {} }),
  });
  const { server } = await startTestBackend({
    features: [
      maturityPlugin,
      notificationsPlugin,
      databaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { database },
          maturity,
        },
      }),
      mockServices.permissions.mock({
        authorize,
        authorizeConditional: readDecisionByAnnotation,
      }).factory,
      auditor.factory,
      scheduler.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogServiceMock.mock(visibilityCatalog(entities)),
      }),
    ],
  });
  const reminderTask = () => {
    const call = scheduler.scheduleTask.mock.calls.find(
      ([task]) => task.id === 'maturity-campaign-reminders',
    );
    expect(call?.[0]).toMatchObject({ scope: 'global' });
    return call![0].fn(new AbortController().signal) as Promise<void>;
  };
  return { server, authorize, auditor, reminderTask };
}

const base = '/api/maturity';

const campaignBody = {
  title: 'Production readiness',
  description: 'Audit logs at level 2 for every production service',
  scope: { owner: 'group:default/product', lifecycle: 'production' },
  goals: { topics: { 'process.audit-and-logs': 2 } },
  startsOn: day(-2),
  deadline: day(10),
};

const configuredCampaign = {
  id: 'security-baseline',
  title: 'Security baseline',
  scope: { owner: 'group:default/payments' },
  goals: { dimensions: { process: 1 } },
  startsOn: day(-30),
  deadline: day(60),
};

async function assess(server: any, name: string, level: number) {
  const res = await request(server)
    .post(`${base}/entities/component/default/${name}/assessments`)
    .set('Authorization', as(ADMIN))
    .send({
      baseRevision: 0,
      ratings: { 'process.audit-and-logs': fullyTo(level) },
    });
  expect(res.status).toBe(201);
}

async function notificationsOf(server: any, user: string) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', as(user));
  expect(res.status).toBe(200);
  return res.body.notifications as Array<{
    id: string;
    read: string | null;
    payload: {
      title: string;
      link: string;
      severity: string;
      topic: string;
      scope: string;
      description?: string;
    };
  }>;
}

const databases: Array<'sqlite' | 'postgres'> = PG
  ? ['sqlite', 'postgres']
  : ['sqlite'];

describe.each(databases)('campaigns on %s', kind => {
  it('are created, edited and closed by managers only, with every version kept', async () => {
    const { server, auditor } = await startReplica(databaseConfig(kind), {
      campaigns: [configuredCampaign],
    });
    const denied = await request(server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(OWNER))
      .send(campaignBody);
    expect(denied.status).toBe(403);

    const invalid = await request(server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(ADMIN))
      .send({ ...campaignBody, deadline: day(-10) });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('deadline');

    const listed = await request(server)
      .get(`${base}/campaigns`)
      .set('Authorization', as(OWNER));
    expect(listed.body.items.map((c: any) => [c.id, c.source])).toEqual([
      ['security-baseline', 'config'],
    ]);

    const created = await request(server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(ADMIN))
      .send(campaignBody);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...campaignBody,
      version: 1,
      status: 'open',
      source: 'database',
      createdBy: ADMIN,
    });
    const id = created.body.id;
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'campaign-create' }),
    );

    const edit = (body: object, user = ADMIN) =>
      request(server)
        .put(`${base}/campaigns/${id}`)
        .set('Authorization', as(user))
        .send(body);
    expect(
      (await edit({ ...campaignBody, baseVersion: 1 }, OWNER)).status,
    ).toBe(403);
    const renamed = await edit({
      ...campaignBody,
      title: 'Production readiness 2026',
      baseVersion: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    const stale = await edit({
      ...campaignBody,
      title: 'Lost',
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
    const closed = await edit({
      ...campaignBody,
      title: 'Production readiness 2026',
      status: 'closed',
      baseVersion: 2,
    });
    expect(closed.body).toMatchObject({ version: 3, status: 'closed' });

    const versions = await request(server)
      .get(`${base}/campaigns/${id}/versions`)
      .set('Authorization', as(OWNER));
    expect(
      versions.body.items.map((v: any) => [v.version, v.title, v.status]),
    ).toEqual([
      [3, 'Production readiness 2026', 'closed'],
      [2, 'Production readiness 2026', 'open'],
      [1, 'Production readiness', 'open'],
    ]);
    const summary = await request(server)
      .get(`${base}/campaigns/${id}`)
      .set('Authorization', as(OWNER));
    expect(summary.body).toMatchObject({ phase: 'closed', daysLeft: 10 });

    const readOnly = await edit.call(null, {
      ...configuredCampaign,
      baseVersion: 1,
    });
    expect(readOnly.status).toBe(409);
    const configured = await request(server)
      .put(`${base}/campaigns/security-baseline`)
      .set('Authorization', as(ADMIN))
      .send({ ...campaignBody, baseVersion: 1 });
    expect(configured.status).toBe(409);
    expect(configured.body.error.message).toContain('configuration');
    expect(
      (
        await request(server)
          .get(`${base}/campaigns/nope`)
          .set('Authorization', as(OWNER))
      ).status,
    ).toBe(404);
  });

  it('refuse a campaign longer than the limit, or starting longer ago, with a 400 naming it, and store none', async () => {
    const { server } = await startReplica(databaseConfig(kind), {
      campaignLimits: { maxDays: 30 },
    });
    const post = (body: object) =>
      request(server)
        .post(`${base}/campaigns`)
        .set('Authorization', as(ADMIN))
        .send(body);
    const long = await post({
      ...campaignBody,
      startsOn: day(0),
      deadline: day(30),
    });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe(
      'Invalid campaign: deadline: must be at most 30 days from startsOn, both days included (maturity.campaignLimits.maxDays)',
    );
    const old = await post({
      ...campaignBody,
      startsOn: day(-31),
      deadline: day(-2),
    });
    expect(old.status).toBe(400);
    expect(old.body.error.message).toBe(
      `Invalid campaign: startsOn: must be at most 30 days before today, ${day(
        -30,
      )} or later (maturity.campaignLimits.maxDays)`,
    );
    const longest = await post({
      ...campaignBody,
      startsOn: day(-30),
      deadline: day(-1),
    });
    expect(longest.status).toBe(201);
    const longer = await request(server)
      .put(`${base}/campaigns/${longest.body.id}`)
      .set('Authorization', as(ADMIN))
      .send({
        ...campaignBody,
        startsOn: day(-30),
        deadline: day(0),
        baseVersion: 1,
      });
    expect(longer.status).toBe(400);
    expect(longer.body.error.message).toContain(
      'at most 30 days from startsOn',
    );
    const listed = await request(server)
      .get(`${base}/campaigns`)
      .set('Authorization', as(ADMIN));
    expect(listed.body.items.map((c: any) => [c.id, c.version])).toEqual([
      [longest.body.id, 1],
    ]);
  });

  it('count only what the caller can see in progress, per goal, team and day', async () => {
    const { server } = await startReplica(databaseConfig(kind));
    const { body: campaign } = await request(server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(ADMIN))
      .send({
        ...campaignBody,
        goals: {
          topics: { 'process.audit-and-logs': 2 },
          assessedWithinDays: 30,
        },
      });
    await assess(server, 'payments-api', 2);
    await assess(server, 'web', 1);

    const progressAs = async (user: string, query = '') =>
      (
        await request(server)
          .get(`${base}/campaigns/${campaign.id}/progress${query}`)
          .set('Authorization', as(user))
      ).body;

    const owner = await progressAs(OWNER);
    // ledger is experimental, so out of scope; secret is visible to sam.
    expect(owner).toMatchObject({
      total: 3,
      meeting: 1,
      byGoal: [
        { goal: 'topic:process.audit-and-logs', total: 3, meeting: 1 },
        { goal: 'assessedWithinDays', total: 3, meeting: 2 },
      ],
      byTeam: [
        { ownerRef: 'group:default/payments', total: 2, meeting: 1 },
        { ownerRef: 'group:default/storefront', total: 1, meeting: 0 },
      ],
    });
    expect(owner.burnup).toEqual([
      { date: day(-2), meeting: 0, total: 3 },
      { date: day(-1), meeting: 0, total: 3 },
      { date: day(0), meeting: 1, total: 3 },
    ]);
    expect(owner.entities.totalCount).toBe(2);
    expect(owner.entities.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/secret',
        meets: false,
        assessedAt: null,
      }),
      expect.objectContaining({
        entityRef: 'component:default/web',
        meets: false,
        misses: [
          {
            goal: 'topic:process.audit-and-logs',
            type: 'topic',
            id: 'process.audit-and-logs',
            required: 2,
            actual: 1,
          },
        ],
      }),
    ]);
    const paged = await progressAs(OWNER, '?show=all&limit=2');
    expect(paged.entities.items.map((e: any) => e.entityRef)).toEqual([
      'component:default/secret',
      'component:default/web',
    ]);
    const rest = await progressAs(
      OWNER,
      `?show=all&limit=2&cursor=${paged.entities.nextCursor}`,
    );
    expect(rest.entities).toMatchObject({
      items: [{ entityRef: 'component:default/payments-api', meets: true }],
      nextCursor: null,
    });

    const stranger = await progressAs(STRANGER);
    expect(stranger).toMatchObject({ total: 2, meeting: 1 });
    expect(JSON.stringify(stranger)).not.toContain('secret');
    const listed = await request(server)
      .get(`${base}/campaigns`)
      .set('Authorization', as(STRANGER));
    expect(listed.body.items[0].progress).toEqual({ total: 2, meeting: 1 });

    const badQuery = await request(server)
      .get(`${base}/campaigns/${campaign.id}/progress?limit=0`)
      .set('Authorization', as(OWNER));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toContain('limit');

    const ofComponent = await request(server)
      .get(`${base}/entities/component/default/web/campaigns`)
      .set('Authorization', as(OWNER));
    expect(ofComponent.body.items).toEqual([
      expect.objectContaining({
        campaign: expect.objectContaining({
          id: campaign.id,
          phase: 'running',
        }),
        evaluation: expect.objectContaining({ meets: false }),
        team: null,
      }),
    ]);
    // Its page never needs the count over the whole scope.
    expect(ofComponent.body.items[0].campaign).not.toHaveProperty('progress');
    const ofTeam = await request(server)
      .get(`${base}/entities/group/default/product/campaigns`)
      .set('Authorization', as(STRANGER));
    expect(ofTeam.body.items[0].team).toEqual({ total: 2, meeting: 1 });
    const hidden = await request(server)
      .get(`${base}/entities/component/default/secret/campaigns`)
      .set('Authorization', as(STRANGER));
    expect(hidden.status).toBe(404);
  });

  it('remind each owning team once per reason, through the notifications backend, with two replicas', async () => {
    const database = databaseConfig(kind);
    const a = await startReplica(database);
    const b = await startReplica(database);
    await request(a.server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(ADMIN))
      .send(campaignBody);
    await assess(b.server, 'payments-api', 2);

    // Both replicas run the task at the same moment.
    await Promise.all([a.reminderTask(), b.reminderTask()]);

    // A re-sent notification with the same scope would be marked unread
    // again: so read them all, run again on both, and they stay read.
    const first = await notificationsOf(a.server, OWNER);
    await request(a.server)
      .post('/api/notifications/notifications/update')
      .set('Authorization', as(OWNER))
      .send({ ids: first.map(n => n.id), read: true })
      .expect(200);
    await a.reminderTask();
    await b.reminderTask();

    const sam = await notificationsOf(a.server, OWNER);
    expect(sam).toHaveLength(first.length);
    expect(sam.every(n => n.read !== null)).toBe(true);
    const summary = (list: typeof sam) =>
      list.map(n => `${n.payload.topic} ${n.payload.severity}`).sort();
    // One per reason for the team: payments-api meets the goal, secret is
    // missing and short; both are in the campaign.
    expect(summary(sam)).toEqual([
      'Maturity assessment missing normal',
      'Maturity campaign deadline normal',
      'Maturity campaign started normal',
    ]);
    const carol = await notificationsOf(b.server, CAROL);
    expect(summary(carol)).toEqual(summary(sam));
    const missing = carol.find(
      n => n.payload.topic === 'Maturity assessment missing',
    )!;
    expect(missing.payload).toMatchObject({
      title: 'Maturity assessments missing for group:storefront',
      link: '/catalog/default/group/storefront/maturity',
      scope: expect.stringMatching(/^maturity:digest:/),
    });
    // Entities are named only with reminders.listEntities.
    expect(JSON.stringify(sam)).not.toMatch(/secret|payments-api/);
  });

  it('send no reminder for a reason switched off in config, and name the entities when asked to', async () => {
    const { server, reminderTask } = await startReplica(databaseConfig(kind), {
      reminders: {
        campaignStarted: false,
        deadline14Days: false,
        listEntities: true,
      },
    });
    await request(server)
      .post(`${base}/campaigns`)
      .set('Authorization', as(ADMIN))
      .send(campaignBody);
    await reminderTask();
    const carol = await notificationsOf(server, CAROL);
    expect(carol.map(n => n.payload.topic)).toEqual([
      'Maturity assessment missing',
    ]);
    expect(carol[0].payload).toMatchObject({
      link: '/catalog/default/component/web/maturity',
    });
    expect(carol[0].payload.description).toMatch(
      /^1 entity of group:storefront: web in "Production readiness"/,
    );
  });
});
