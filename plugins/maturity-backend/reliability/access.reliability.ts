/*
 * Group 5, access: who may read and write what. Without credentials, or
 * with forged ones, nothing is answered (401). A signed-in user may only
 * assess what the permission policy lets them (403 otherwise, nothing
 * stored). A service may read but never write. And an entity the catalog
 * hides from a user never shows up for them: not directly, not in a
 * scorecard, the overview or an export, not even as a count.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import {
  ADMIN,
  as,
  ENTITIES,
  OWNER,
  STRANGER,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import { Client, createClient, isBackstageError } from './__testUtils__/http';
import {
  SERVICE_TOKEN,
  startInProcessBackend,
  staticTokenAccess,
} from './__testUtils__/inProcessBackend';

const databases = createTestDatabases();

/** Every route, with a request that would succeed for an allowed caller. */
const READS = [
  '/model',
  '/entities/component/default/payments-api',
  '/entities/component/default/payments-api/history',
  '/scorecards/systems/default/shop',
  '/scorecards/domains/default/commerce',
  '/scorecards/groups/default/engineering',
  '/overview',
  '/export?format=csv',
  '/export?format=json',
];
const WRITE = '/entities/component/default/payments-api/assessments';

/** The counts an answer carries: components, assessed ones, rows. */
function tally(body: any) {
  return {
    total: body?.components?.total,
    assessed: body?.components?.assessed,
    rows: Array.isArray(body) ? body.length : body?.totalCount,
  };
}
const oneLess = (counts: ReturnType<typeof tally>) =>
  Object.fromEntries(
    Object.entries(counts).map(([k, v]) => [k, v === undefined ? v : v - 1]),
  );

async function count(knex: Knex) {
  return Number((await knex('maturity_assessment').count({ n: '*' }))[0].n);
}

describe('access with the real auth services', () => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const backend = await startInProcessBackend({
      knex,
      auth: 'real',
      config: staticTokenAccess('ci-reader'),
    });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
    // Something to read: a snapshot stored directly, as no user can sign in.
    await knex('maturity_assessment').insert({
      entity_ref: 'component:default/payments-api',
      revision: 1,
      model_id: 'cnmm',
      model_version: '4.0',
      created_at: new Date(),
      created_by: OWNER,
      payload: JSON.stringify({
        ratings: {},
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      }),
    });
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer token', 'Bearer '],
    ['a malformed token', 'Bearer not-a-token'],
    [
      'a forged JWT',
      `Bearer ${['e30', 'eyJzdWIiOiJ1c2VyOmRlZmF1bHQvYWRhIn0', 'x'].join('.')}`,
    ],
    [
      'a mock-user token (valid only in tests)',
      mockCredentials.user.header(ADMIN),
    ],
    ['Basic credentials', `Basic ${Buffer.from('ada:ada').toString('base64')}`],
  ])('answers 401 to %s, on every route', async (_, authorization) => {
    const before = await count(knex);
    const headers: Record<string, string> = authorization
      ? { Authorization: authorization }
      : {};
    for (const path of READS) {
      const answer = await client.get(path, { headers });
      expect([path, answer.status]).toEqual([path, 401]);
      expect(isBackstageError(answer)).toBe(true);
      expect(answer.body.error.name).toBe('AuthenticationError');
    }
    const write = await client.post(WRITE, {
      headers,
      json: validSubmission(1),
    });
    expect(write.status).toBe(401);
    expect(await count(knex)).toBe(before);
  });

  it('lets a service token read every route, but not write', async () => {
    const headers = { Authorization: `Bearer ${SERVICE_TOKEN}` };
    for (const path of READS) {
      const answer = await client.get(path, { headers });
      expect([path, answer.status]).toEqual([path, 200]);
    }
    const before = await count(knex);
    const write = await client.post(WRITE, {
      headers,
      json: validSubmission(1),
    });
    expect(write.status).toBe(403);
    expect(write.body.error.name).toBe('NotAllowedError');
    expect(await count(knex)).toBe(before);
  });
});

describe('access by ownership and catalog visibility', () => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;
  const get = (user: string, path: string) =>
    client.get(path, { headers: { Authorization: as(user) } });
  const post = (user: string, name: string, base: number) =>
    client.post(`/entities/component/default/${name}/assessments`, {
      headers: { Authorization: as(user) },
      json: validSubmission(base),
    });

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const backend = await startInProcessBackend({ knex });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it('lets owners and admins write, and answers 403 to everyone else, storing nothing', async () => {
    expect((await post(OWNER, 'payments-api', 0)).status).toBe(201);
    // sam is in payments; web belongs to storefront.
    const notOwned = await post(OWNER, 'web', 0);
    expect(notOwned.status).toBe(403);
    expect(notOwned.body.error.name).toBe('NotAllowedError');
    const stranger = await post(STRANGER, 'payments-api', 1);
    expect(stranger.status).toBe(403);
    expect(isBackstageError(stranger)).toBe(true);
    const service = await client.post(
      '/entities/component/default/payments-api/assessments',
      {
        headers: { Authorization: mockCredentials.service.header() },
        json: validSubmission(1),
      },
    );
    expect(service.status).toBe(403);
    const none = await client.post(
      '/entities/component/default/payments-api/assessments',
      {
        headers: { Authorization: mockCredentials.none.header() },
        json: validSubmission(1),
      },
    );
    expect(none.status).toBe(401);
    expect(await count(knex)).toBe(1);
    // Refusals did not move the revision: the owner carries on from 1.
    expect((await post(OWNER, 'payments-api', 1)).status).toBe(201);
    expect((await post(ADMIN, 'web', 0)).status).toBe(201);
    // A service may read.
    const serviceRead = await client.get(
      '/entities/component/default/payments-api',
      { headers: { Authorization: mockCredentials.service.header() } },
    );
    expect(serviceRead.status).toBe(200);
  });

  it('never shows an entity hidden by the catalog, in any answer', async () => {
    expect((await post(ADMIN, 'secret', 0)).status).toBe(201);
    // The stranger cannot tell a hidden entity from a missing one, even when
    // writing to it.
    for (const path of [
      '/entities/component/default/secret',
      '/entities/component/default/secret/history',
    ]) {
      const answer = await get(STRANGER, path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body.error.message).toContain('No entity');
    }
    expect((await post(STRANGER, 'secret', 1)).status).toBe(404);

    const views = [
      '/scorecards/systems/default/shop',
      '/scorecards/domains/default/commerce',
      '/scorecards/groups/default/engineering',
      '/scorecards/groups/default/payments',
      '/scorecards/groups/default/payments?direct=true',
      '/overview?limit=200',
      '/overview?owner=payments&sortBy=revision&order=desc',
      '/overview?minLevel=0',
      '/export?format=csv',
      '/export?format=json',
      '/export?format=csv&owner=payments',
    ];
    for (const path of views) {
      const hidden = await get(STRANGER, path);
      const visible = await get(OWNER, path);
      expect([path, hidden.status, visible.status]).toEqual([path, 200, 200]);
      // Not by name anywhere in the answer ...
      expect([path, hidden.text.includes('secret')]).toEqual([path, false]);
      expect([path, visible.text.includes('secret')]).toEqual([path, true]);
      // ... nor as one more component or row in a count.
      expect([path, tally(hidden.body)]).toEqual([
        path,
        oneLess(tally(visible.body)),
      ]);
    }

    // Paging the overview two rows at a time never reaches it either.
    const names: string[] = [];
    let cursor: string | null = '';
    for (let page = 0; page < 20 && cursor !== null; page++) {
      const answer = await get(
        STRANGER,
        `/overview?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      names.push(...answer.body.items.map((i: any) => i.name));
      cursor = answer.body.nextCursor;
    }
    const components = ENTITIES.filter(e => e.kind === 'Component').map(
      e => e.metadata.name,
    );
    expect(names.sort()).toEqual(components.filter(n => n !== 'secret').sort());
  });
});
