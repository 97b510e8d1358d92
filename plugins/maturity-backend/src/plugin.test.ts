import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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
  recordingAuditor,
  STRANGER,
  TOPICS,
  system,
  visibilityCatalog,
} from './__testUtils__/fixtures';
import { maturityPlugin } from './plugin';

jest.setTimeout(60_000);

const entities: Entity[] = [
  group('engineering'),
  group('product', 'engineering'),
  group('payments', 'product'),
  group('storefront', 'product'),
  group('platform', 'engineering'),
  system('shop', 'commerce'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'product' },
  },
  component('payments-api', 'payments', 'shop'),
  component('ledger', 'payments', 'shop', { lifecycle: 'experimental' }),
  component('web', 'storefront', 'shop'),
  component('infra', 'platform', 'shop'),
  component('secret', 'payments', 'shop', {
    annotations: { [HIDDEN_FROM]: STRANGER },
  }),
];

async function startBackend(config: object = {}) {
  const authorize = jest.fn(authorizeByOwnership(entities));
  const { auditor, events } = recordingAuditor();
  const { server } = await startTestBackend({
    features: [
      maturityPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.mock({
        authorize,
        authorizeConditional: readDecisionByAnnotation as any,
      }).factory,
      auditor.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => visibilityCatalog(entities) as any,
      }),
    ],
  });
  return { server, authorize, auditor, events };
}

const base = '/api/maturity';

function post(server: any, name: string, body: unknown, user = OWNER) {
  return request(server)
    .post(`${base}/entities/component/default/${name}/assessments`)
    .set('Authorization', as(user))
    .send(body as object);
}

describe('maturity backend', () => {
  it('serves the bundled model', async () => {
    const { server } = await startBackend();
    const res = await request(server)
      .get(`${base}/model`)
      .set('Authorization', as(OWNER));
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('cnmm');
    const topics = res.body.dimensions.flatMap((d: any) => d.topics);
    expect(topics.length).toBe(22);
    // Only people.ai leaves Level 5 out of the model's remit.
    const maxLevel = (id: string) =>
      topics.find((t: any) => t.id === id).maxLevel;
    expect(maxLevel('policy.ai')).toBe(5);
    expect(maxLevel('people.ai')).toBe(4);
  });

  it('stores snapshots, answers the latest with its result, and keeps history', async () => {
    const { server, authorize, auditor } = await startBackend({
      maturity: { targets: { byLifecycle: { production: 3 } } },
    });
    expect(
      (
        await request(server)
          .get(`${base}/entities/component/default/payments-api`)
          .set('Authorization', as(OWNER))
      ).status,
    ).toBe(404);

    const first = await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: {
        'process.audit-and-logs': fullyTo(2),
        'process.security': { '1': 'largely', '2': 'not-yet', '3': 'fully' },
        // Entirely not applicable: out of the median (scored as 5 it would lift it to 2).
        'process.software-integration-and-release': {
          '1': 'not-applicable',
          '2': 'not-applicable',
        },
      },
      notes: { 'process.security': '<script>alert(1)</script>' },
      evidence: { 'process.security': ['https://example.com/sec'] },
      comment: 'first',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      revision: 1,
      modelId: 'cnmm',
      modelVersion: '4.0 (Beta)',
      createdBy: OWNER,
      ownerRef: 'group:default/payments',
      systemRef: 'system:default/shop',
      comment: 'first',
      notes: { 'process.security': '<script>alert(1)</script>' },
    });
    expect(first.body.result.topics['process.audit-and-logs']).toEqual({
      level: 2,
      target: 3,
      gap: 1,
      nextLevel: 3,
      inconsistent: false,
      incomplete: false,
      notApplicable: false,
    });
    expect(first.body.result.topics['process.security']).toMatchObject({
      level: 1,
      inconsistent: true,
    });
    expect(first.body.result.dimensions.process).toMatchObject({
      median: 1,
      min: 1,
      max: 2,
      rated: 2,
    });
    expect(
      first.body.result.topics['process.software-integration-and-release'],
    ).toMatchObject({ level: null, notApplicable: true });
    expect(authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          resourceRef: 'component:default/payments-api',
          permission: expect.objectContaining({
            name: 'maturity.assessment.create',
          }),
        }),
      ],
      expect.anything(),
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'assessment-create' }),
    );

    const second = await post(server, 'payments-api', {
      baseRevision: 1,
      ratings: { 'process.audit-and-logs': fullyTo(3) },
    });
    expect(second.status).toBe(201);
    expect(second.body.revision).toBe(2);

    const latest = await request(server)
      .get(`${base}/entities/component/default/payments-api`)
      .set('Authorization', as(STRANGER));
    expect(latest.status).toBe(200);
    expect(latest.body.revision).toBe(2);
    expect(latest.body.result.topics['process.audit-and-logs'].level).toBe(3);

    const page1 = await request(server)
      .get(`${base}/entities/component/default/payments-api/history?limit=1`)
      .set('Authorization', as(OWNER));
    expect(page1.body.items.map((i: any) => i.revision)).toEqual([2]);
    const page2 = await request(server)
      .get(
        `${base}/entities/component/default/payments-api/history?limit=1&cursor=${page1.body.nextCursor}`,
      )
      .set('Authorization', as(OWNER));
    expect(page2.body.items.map((i: any) => i.revision)).toEqual([1]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('answers 409 to a stale base revision and stores nothing', async () => {
    const { server } = await startBackend();
    const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };
    expect((await post(server, 'ledger', body)).status).toBe(201);
    const conflict = await post(server, 'ledger', body);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.name).toBe('ConflictError');
    const history = await request(server)
      .get(`${base}/entities/component/default/ledger/history`)
      .set('Authorization', as(OWNER));
    expect(history.body.items).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent writers on one revision through', async () => {
    const { server } = await startBackend();
    const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(server, 'payments-api', body)),
    );
    const statuses = answers.map(a => a.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const history = await request(server)
      .get(`${base}/entities/component/default/payments-api/history`)
      .set('Authorization', as(OWNER));
    expect(history.body.items.map((i: any) => i.revision)).toEqual([1]);
  });

  it.each([
    [
      'an unknown topic',
      { ratings: { 'people.nope': { '1': 'fully' } } },
      'people.nope',
    ],
    [
      'a level above maxLevel',
      { ratings: { 'people.ai': { '5': 'fully' } } },
      'people.ai',
    ],
    [
      'an unknown rating',
      { ratings: { 'people.ai': { '1': 'great' } } },
      'people.ai.1',
    ],
    [
      'a non-http(s) evidence URL',
      // eslint-disable-next-line no-script-url -- the payload under test
      { ratings: {}, evidence: { 'people.ai': ['javascript:alert(1)'] } },
      'evidence.people.ai.0',
    ],
    [
      'a missing baseRevision',
      { baseRevision: undefined, ratings: {} },
      'baseRevision',
    ],
    [
      'a target above maxLevel',
      { ratings: {}, targets: { 'people.ai': 5 } },
      'targets.people.ai',
    ],
  ])('answers 400 naming the field for %s', async (_, body, field) => {
    const { server } = await startBackend();
    const res = await post(server, 'payments-api', {
      baseRevision: 0,
      ...body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(field);
    const latest = await request(server)
      .get(`${base}/entities/component/default/payments-api`)
      .set('Authorization', as(OWNER));
    expect(latest.status).toBe(404);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
    const { server } = await startBackend();
    const malformed = await request(server)
      .post(`${base}/entities/component/default/payments-api/assessments`)
      .set('Authorization', as(OWNER))
      .set('Content-Type', 'application/json')
      .send('{"baseRevision": 0,');
    expect(malformed.status).toBe(400);
    const huge = await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: {},
      comment: 'x'.repeat(600 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it('answers 401 without credentials, 403 to strangers and to service writes', async () => {
    const { server } = await startBackend();
    const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };
    const none = await request(server)
      .post(`${base}/entities/component/default/payments-api/assessments`)
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(none.status).toBe(401);
    expect((await post(server, 'payments-api', body, STRANGER)).status).toBe(
      403,
    );
    const service = await request(server)
      .post(`${base}/entities/component/default/payments-api/assessments`)
      .set('Authorization', mockCredentials.service.header())
      .send(body);
    expect(service.status).toBe(403);
    expect((await post(server, 'payments-api', body, ADMIN)).status).toBe(201);
    const serviceRead = await request(server)
      .get(`${base}/entities/component/default/payments-api`)
      .set('Authorization', mockCredentials.service.header());
    expect(serviceRead.status).toBe(200);
  });

  it('hides entities the caller cannot see: 404, and left out of scorecards and exports', async () => {
    const { server } = await startBackend();
    expect(
      (await post(server, 'secret', { baseRevision: 0, ratings: {} }, ADMIN))
        .status,
    ).toBe(201);
    const asStranger = (path: string) =>
      request(server).get(`${base}${path}`).set('Authorization', as(STRANGER));
    expect(
      (await asStranger('/entities/component/default/secret')).status,
    ).toBe(404);
    expect((await asStranger('/entities/component/default/nope')).status).toBe(
      404,
    );
    const card = await asStranger('/scorecards/systems/default/shop');
    expect(card.body.entities.map((e: any) => e.name)).not.toContain('secret');
    const csv = await asStranger('/export?format=csv');
    expect(csv.text).not.toContain('secret');
    const ownerCard = await request(server)
      .get(`${base}/scorecards/systems/default/shop`)
      .set('Authorization', as(OWNER));
    expect(ownerCard.body.entities.map((e: any) => e.name)).toContain('secret');
  });

  it('computes group scorecards over the descendant teams, or only direct ones', async () => {
    const { server } = await startBackend();
    await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(3), 'people.culture': fullyTo(1) },
    });
    await post(
      server,
      'web',
      { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } },
      ADMIN,
    );
    const card = await request(server)
      .get(`${base}/scorecards/groups/default/engineering`)
      .set('Authorization', as(OWNER));
    expect(card.status).toBe(200);
    expect(card.body.components).toEqual({ total: 5, assessed: 2, stale: 0 });
    // people medians: payments-api [1, 3] → 1, web [1] → 1
    expect(card.body.dimensions.people).toMatchObject({
      median: 1,
      min: 1,
      max: 1,
    });
    expect(card.body.topics['people.ai']).toMatchObject({
      median: 1,
      min: 1,
      max: 3,
    });
    expect(card.body.topics['people.ai'].distribution).toEqual([
      0, 1, 0, 1, 0, 0,
    ]);
    expect(
      card.body.children.map((c: any) => [c.entityRef, c.components.total]),
    ).toEqual([
      ['group:default/platform', 1],
      ['group:default/product', 4],
    ]);
    const direct = await request(server)
      .get(`${base}/scorecards/groups/default/payments?direct=true`)
      .set('Authorization', as(OWNER));
    expect(direct.body.entities.map((e: any) => e.name).sort()).toEqual([
      'ledger',
      'payments-api',
      'secret',
    ]);
    const domain = await request(server)
      .get(`${base}/scorecards/domains/default/commerce`)
      .set('Authorization', as(OWNER));
    expect(domain.body.components.total).toBe(5);
    expect(domain.body.children.map((c: any) => c.entityRef)).toEqual([
      'system:default/shop',
    ]);
  });

  it('answers the roll-up alone with entities=none, its entities paged through the overview by group or domain', async () => {
    const { server } = await startBackend();
    await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(3) },
    });
    const get = (path: string) =>
      request(server).get(`${base}${path}`).set('Authorization', as(OWNER));
    for (const scope of [
      {
        card: '/scorecards/groups/default/engineering',
        filter: 'group=engineering',
      },
      {
        card: '/scorecards/domains/default/commerce',
        filter: 'domain=commerce',
      },
    ]) {
      const streamed = await get(scope.card);
      const rollUpOnly = await get(`${scope.card}?entities=none`);
      expect(streamed.status).toBe(200);
      expect(streamed.headers['content-type']).toMatch(/application\/json/);
      expect(rollUpOnly.status).toBe(200);
      const { entities: streamedEntities, ...rolledUp } = streamed.body;
      expect(streamedEntities.length).toBeGreaterThan(1);
      expect(rollUpOnly.body).toEqual({ ...rolledUp, entities: [] });
      // The same components, a page at a time, as the scorecard view shows them.
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(
          `/overview?${scope.filter}&limit=2${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(streamedEntities.length);
        paged.push(...page.body.items.map((e: any) => e.entityRef));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(paged.sort()).toEqual(
        streamedEntities.map((e: any) => e.entityRef).sort(),
      );
    }
    const bad = await get('/scorecards/systems/default/shop?entities=some');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entities/);
  });

  it('filters, sorts and pages the overview, and exports one row per entity', async () => {
    const { server } = await startBackend({
      maturity: { targets: { default: 2 } },
    });
    await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: Object.fromEntries(
        [
          'process.audit-and-logs',
          'process.software-integration-and-release',
          'process.security',
        ].map(t => [t, fullyTo(2)]),
      ),
    });
    const get = (q: string) =>
      request(server)
        .get(`${base}/overview?${q}`)
        .set('Authorization', as(OWNER));

    const sorted = await get('sortBy=percentToTarget&order=desc&limit=2');
    expect(sorted.status).toBe(200);
    expect(sorted.body.totalCount).toBe(5);
    expect(sorted.body.items[0].name).toBe('payments-api');
    expect(sorted.body.items[0].dimensions.process).toBe(2);
    expect(sorted.body.items).toHaveLength(2);
    const next = await get(
      `sortBy=percentToTarget&order=desc&limit=2&cursor=${sorted.body.nextCursor}`,
    );
    expect(next.body.items).toHaveLength(2);
    expect(next.body.items[0].name).not.toBe('payments-api');

    const filtered = await get('owner=payments&lifecycle=experimental');
    expect(filtered.body.items.map((i: any) => i.name)).toEqual(['ledger']);
    expect((await get('minLevel=2')).body.totalCount).toBe(1);
    expect((await get('sortBy=bogus')).status).toBe(400);
    expect((await get('limit=0')).status).toBe(400);
    expect((await get('cursor=not-a-cursor')).status).toBe(400);

    const csv = await request(server)
      .get(`${base}/export?format=csv&owner=payments`)
      .set('Authorization', as(OWNER));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = csv.text.trim().split('\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['entityRef', 'process.security', 'people.ai']),
    );
    expect(
      header.split(',').filter(c => c.includes('.') && !c.includes(':')),
    ).toHaveLength(22);
    expect(lines).toHaveLength(3);
    const json = await request(server)
      .get(`${base}/export?format=json`)
      .set('Authorization', as(OWNER));
    expect(JSON.parse(json.text)).toHaveLength(5);

    // A topic rated entirely not applicable is "n/a", an unrated one empty.
    await post(server, 'ledger', {
      baseRevision: 0,
      ratings: {
        'people.ai': { '1': 'not-applicable', '2': 'not-applicable' },
        'process.security': fullyTo(1),
      },
    });
    const withNa = await request(server)
      .get(`${base}/export?format=csv&owner=payments`)
      .set('Authorization', as(OWNER));
    const [columns, ...rows] = withNa.text.trim().split('\n');
    const cell = (name: string, column: string) =>
      rows.find(r => r.startsWith(`component:default/${name},`))!.split(',')[
        columns.split(',').indexOf(column)
      ];
    expect(cell('ledger', 'people.ai')).toBe('n/a');
    expect(cell('ledger', 'process.security')).toBe('1');
    expect(cell('payments-api', 'people.ai')).toBe('');
    const jsonRows = JSON.parse(
      (
        await request(server)
          .get(`${base}/export?format=json&owner=payments`)
          .set('Authorization', as(OWNER))
      ).text,
    );
    expect(jsonRows.find((r: any) => r.name === 'ledger')).toMatchObject({
      notApplicable: ['people.ai'],
      topics: { 'people.ai': null },
    });
    expect(
      jsonRows.find((r: any) => r.name === 'payments-api').notApplicable,
    ).toEqual([]);
  });

  it('audits every refused write, and answers 429 with Retry-After past the rate limit', async () => {
    const { server, events } = await startBackend({
      maturity: { rateLimit: { writesPerMinute: 2 } },
    });
    const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };
    const statuses = [
      (
        await request(server)
          .post(`${base}/entities/component/default/web/assessments`)
          .set('Authorization', mockCredentials.none.header())
          .send(body)
      ).status,
      (await post(server, 'bad:name', body)).status,
      (await post(server, 'payments-api', body, STRANGER)).status,
      (await post(server, 'payments-api', body)).status,
      (await post(server, 'payments-api', body)).status,
    ];
    expect(statuses).toEqual([401, 400, 403, 201, 409]);
    const huge = await post(
      server,
      'payments-api',
      { ...body, comment: 'x'.repeat(600 * 1024) },
      STRANGER,
    );
    expect(huge.status).toBe(413);
    const limited = await post(server, 'payments-api', body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.message).toContain('2 a minute');

    const writes = events.filter(e => e.eventId === 'assessment-create');
    expect(writes.map(e => [e.status, e.error])).toEqual([
      ['failed', 'AuthenticationError'],
      ['failed', 'InputError'],
      ['failed', 'NotAllowedError'],
      ['succeeded', undefined],
      ['failed', 'ConflictError'],
      ['failed', 'PayloadTooLargeError'],
      ['failed', 'TooManyRequestsError'],
    ]);
    expect(writes[0].meta).toMatchObject({
      path: { kind: 'component', namespace: 'default', name: 'web' },
    });
    expect(writes[3].meta).toMatchObject({
      entityRef: 'component:default/payments-api',
      revision: 1,
    });
  });

  it('answers 400 naming the field to a submission over the total text cap', async () => {
    const { server } = await startBackend();
    // Each note within its own limit; all of them together are not.
    const notes = Object.fromEntries(TOPICS.map(t => [t.id, 'n'.repeat(4000)]));
    const res = await post(server, 'payments-api', {
      baseRevision: 0,
      ratings: {},
      notes,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/notes\.[a-z.-]+: .*65536 bytes/);
  });

  it('audits overview and export reads with who, the filter and the row count', async () => {
    const { server, events } = await startBackend();
    await request(server)
      .get(`${base}/overview?owner=payments&limit=1`)
      .set('Authorization', as(OWNER));
    await request(server)
      .get(`${base}/export?format=json&owner=payments`)
      .set('Authorization', as(STRANGER));
    const reads = events.filter(e => e.eventId.endsWith('-read'));
    expect(reads).toEqual([
      {
        eventId: 'overview-read',
        status: 'succeeded',
        meta: {
          filter: expect.objectContaining({ owner: 'payments', limit: 1 }),
          rows: 1,
        },
      },
      {
        eventId: 'export-read',
        status: 'succeeded',
        // The stranger does not see the hidden component.
        meta: {
          filter: expect.objectContaining({
            owner: 'payments',
            format: 'json',
          }),
          rows: 2,
        },
      },
    ]);
  });

  it('answers the catalog rows of many refs in one request, in the order asked', async () => {
    const { server } = await startBackend();
    expect(
      (
        await post(server, 'payments-api', {
          baseRevision: 0,
          ratings: { 'people.ai': fullyTo(3), 'process.security': fullyTo(2) },
        })
      ).status,
    ).toBe(201);
    const rows = (user: string, entityRefs: unknown) =>
      request(server)
        .post(`${base}/entities/by-refs`)
        .set('Authorization', as(user))
        .send({ entityRefs });
    const asked = [
      'component:default/secret',
      'component:default/web',
      'Component:Default/Payments-API',
      'component:default/web',
    ];
    const owner = await rows(OWNER, asked);
    expect(owner.status).toBe(200);
    const web = {
      entityRef: 'component:default/web',
      assessed: false,
      level: null,
      stale: false,
    };
    expect(owner.body.items).toEqual([
      { ...web, entityRef: 'component:default/secret' },
      web,
      {
        entityRef: 'component:default/payments-api',
        assessed: true,
        // The lowest dimension median: process (2) below people (3).
        level: 2,
        stale: false,
        assessedAt: expect.any(String),
        revision: 1,
      },
      web,
    ]);
    // What the catalog hides from the caller is null, like an unknown ref.
    const stranger = await rows(STRANGER, [
      ...asked,
      'component:default/nowhere',
    ]);
    expect(stranger.body.items.map((i: any) => i && i.entityRef)).toEqual([
      null,
      'component:default/web',
      'component:default/payments-api',
      'component:default/web',
      null,
    ]);

    for (const [body, field] of [
      [[], 'entityRefs'],
      [Array(501).fill('component:default/web'), 'entityRefs'],
      [['web'], 'entityRefs.0'],
      [['component:default/a b'], 'entityRefs.0'],
      ['component:default/web', 'entityRefs'],
    ] as const) {
      const bad = await rows(OWNER, body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(`Invalid body: ${field}:`);
    }
    const unauthenticated = await request(server)
      .post(`${base}/entities/by-refs`)
      .set('Authorization', mockCredentials.none.header())
      .send({ entityRefs: ['component:default/web'] });
    expect(unauthenticated.status).toBe(401);
  });

  it('lists the refs the maturity filter keeps, and answers 400 to a bad filter', async () => {
    const { server, events } = await startBackend();
    for (const [name, level] of [
      ['payments-api', 3],
      ['secret', 1],
    ] as const) {
      await post(server, name, {
        baseRevision: 0,
        ratings: { 'people.ai': fullyTo(level) },
      });
    }
    const assessed = (user: string, query: string) =>
      request(server)
        .get(`${base}/entities/assessed${query}`)
        .set('Authorization', as(user));
    expect((await assessed(OWNER, '')).body.entityRefs).toEqual([
      'component:default/payments-api',
      'component:default/secret',
    ]);
    expect((await assessed(OWNER, '?minLevel=2')).body.entityRefs).toEqual([
      'component:default/payments-api',
    ]);
    expect((await assessed(OWNER, '?stale=true')).body.entityRefs).toEqual([]);
    expect((await assessed(STRANGER, '')).body.entityRefs).toEqual([
      'component:default/payments-api',
    ]);
    expect(events).toContainEqual({
      eventId: 'assessed-refs-read',
      status: 'succeeded',
      meta: { filter: { minLevel: 2 }, rows: 1 },
    });
    for (const query of [
      '?minLevel=0',
      '?minLevel=6',
      '?stale=yes',
      '?kind=api',
    ]) {
      expect([query, (await assessed(OWNER, query)).status]).toEqual([
        query,
        400,
      ]);
    }
  });

  it('answers 400 to a history cursor beyond a 32-bit revision', async () => {
    const { server } = await startBackend();
    const cursor = (n: number) =>
      Buffer.from(JSON.stringify({ beforeRevision: n })).toString('base64url');
    const history = (n: number) =>
      request(server)
        .get(
          `${base}/entities/component/default/web/history?cursor=${cursor(n)}`,
        )
        .set('Authorization', as(OWNER));
    expect((await history(2 ** 31 - 1)).status).toBe(200);
    expect((await history(2 ** 31)).status).toBe(400);
    expect((await history(2 ** 53)).status).toBe(400);
  });

  it('imports a CNMM 3.x assessment as a snapshot that claims no more than its answers', async () => {
    const { server, events } = await startBackend();
    const importV3 = (body: unknown, user = OWNER) =>
      request(server)
        .post(`${base}/entities/component/default/ledger/imports/v3`)
        .set('Authorization', as(user))
        .send(body as object);
    const assessment = {
      cnmmVersion: '3.2',
      ratings: {
        'process.change-control': {
          '1': 'fully',
          '2': 'fully',
          '3': 'fully',
          '4': 'fully',
          '5': 'fully',
        },
        'process.audit-and-logs': fullyTo(2),
        'people.developer-agility': fullyTo(3),
      },
    };

    const invalid = await importV3({
      baseRevision: 0,
      assessment: { ...assessment, cnmmVersion: '4.0' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/cnmmVersion/);
    expect(
      (await importV3({ baseRevision: 0, assessment }, STRANGER)).status,
    ).toBe(403);
    const nothing = await request(server)
      .get(`${base}/entities/component/default/ledger`)
      .set('Authorization', as(OWNER));
    expect(nothing.status).toBe(404);

    const imported = await importV3({ baseRevision: 0, assessment });
    expect(imported.status).toBe(201);
    const { assessment: stored, mapping } = imported.body;
    expect(stored).toMatchObject({ revision: 1, createdBy: OWNER });
    // Change Control L5 is 4.0 L4: nothing reaches level 5.
    const release = 'process.software-integration-and-release';
    expect(stored.ratings[release]).toEqual({
      '1': 'fully',
      '2': 'fully',
      '3': 'fully',
      '4': 'fully',
    });
    expect(stored.result.topics[release].level).toBe(4);
    expect(stored.result.topics['process.audit-and-logs'].level).toBe(2);
    expect(mapping.dropped).toEqual(['people.developer-agility']);
    expect(mapping.shifted).toContainEqual({
      from: 'process.change-control',
      fromLevel: 5,
      to: release,
      toLevel: 4,
    });
    expect(stored.comment).toMatch(/^Imported from a CNMM 3\.2 assessment\./);
    expect(stored.comment).toMatch(
      /Left out \(no 4\.0 topic\): people\.developer-agility/,
    );

    const latest = await request(server)
      .get(`${base}/entities/component/default/ledger`)
      .set('Authorization', as(OWNER));
    expect(latest.body.revision).toBe(1);
    expect((await importV3({ baseRevision: 0, assessment })).status).toBe(409);
    expect(
      events.filter(e => e.eventId === 'assessment-import').map(e => e.status),
    ).toEqual(expect.arrayContaining(['succeeded', 'failed']));
  });

  it('refuses to start with deleteAfterDays below 1', async () => {
    await expect(
      startBackend({ maturity: { orphans: { deleteAfterDays: 0 } } }),
    ).rejects.toThrow(
      /maturity\.orphans\.deleteAfterDays must be a number of at least 1, got 0/,
    );
  });
});
