/* eslint-disable no-console */
/*
 * Group 7, visibility (issue 24): what a catalog permission policy hides
 * stays hidden, however the index lags. Every case runs the real plugin in
 * process on SQLite and PostgreSQL, with a catalog and a policy that agree
 * (`policyCatalog`: the catalog backend's own rules): an ownership change
 * hides an entity from the old team at once; a sync that fails for three
 * periods moves lists to the catalog; a hidden group or system neither
 * answers nor lends its members; a second owner sees their entity; a new
 * entity under a deleted one's ref starts clean.
 */
import { Entity } from '@backstage/catalog-model';
import { catalogConditions as is } from '@backstage/plugin-catalog-backend/alpha';
import { Knex } from 'knex';
import {
  ADMIN,
  as,
  component,
  group,
  system,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import { reattachHistory } from '../src/__testUtils__/reattachHistory';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import { inProcessDatabaseIds } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';
import { policyCatalog, ReadRule } from './__testUtils__/policyCatalog';

const ALICE = 'user:default/alice'; // team-a
const BOB = 'user:default/bob'; // team-b
const CAROL = 'user:default/carol'; // team-c
const DAVE = 'user:default/dave'; // no storefront team, no ops system

/** Owner rules a policy answers in SQL, with the structure visible. */
const owns = (team: string): ReadRule => ({
  anyOf: [
    is.isEntityOwner({ claims: [`group:default/${team}`] }),
    is.isEntityKind({ kinds: ['Group', 'System', 'Domain'] }),
  ],
});
const RULES: Record<string, ReadRule> = {
  [ADMIN]: 'all',
  [ALICE]: owns('team-a'),
  [BOB]: owns('team-b'),
  [CAROL]: owns('team-c'),
  [DAVE]: {
    anyOf: [
      is.isEntityKind({ kinds: ['Component', 'Domain'] }),
      ...['engineering', 'product', 'payments', 'shop'].map(name =>
        is.hasMetadata({ key: 'name', value: name }),
      ),
    ],
  },
};

/** An entity as the catalog serves it: a uid, and an etag for its version. */
function served(entity: Entity, uid = `${entity.metadata.name}-1`): Entity {
  return { ...entity, metadata: { ...entity.metadata, uid, etag: uid } };
}

const domain: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: { owner: 'product' },
};

/** `shared` is owned by team-a, and by team-c through a second relation. */
const shared: Entity = {
  ...component('shared', 'team-a', 'shop'),
  relations: [
    ...component('shared', 'team-a', 'shop').relations!,
    { type: 'ownedBy', targetRef: 'group:default/team-c' },
  ],
};

const ORGANISATION = (overrides: Entity[] = []) => {
  const entities = [
    group('engineering'),
    group('product', 'engineering'),
    group('payments', 'product'),
    group('storefront', 'product'),
    ...['team-a', 'team-b', 'team-c'].map(name => group(name)),
    domain,
    system('shop', 'commerce'),
    system('ops', 'commerce'),
    component('moving', 'team-a', 'shop'),
    component('ledger', 'payments', 'shop'),
    component('web', 'storefront', 'shop'),
    component('tool', 'payments', 'ops'),
    shared,
    component('reborn', 'team-a', 'shop'),
  ].map(e => served(e));
  const names = new Set(overrides.map(e => e.metadata.name));
  return [...entities.filter(e => !names.has(e.metadata.name)), ...overrides];
};

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'visibility');

const names = (body: any): string[] =>
  (body.items ?? body.entities ?? []).map((i: any) => i.name).sort();

describe.each(ids)('visibility on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;
  const catalog = policyCatalog(RULES);
  const get = (user: string, path: string) =>
    client.get(path, { headers: { Authorization: as(user) } });
  const assess = (user: string, name: string, base: number) =>
    client.post(`/entities/component/default/${name}/assessments`, {
      headers: { Authorization: as(user) },
      json: validSubmission(base),
    });

  beforeAll(async () => {
    knex = await databases.init(id);
    catalog.set(ORGANISATION());
    // The default schedule: no sync runs during these tests; the first read
    // syncs the empty index once.
    const backend = await startInProcessBackend({ knex, policy: catalog });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
    for (const name of ['moving', 'shared', 'reborn', 'web', 'tool']) {
      const answer = await assess(ADMIN, name, 0);
      if (answer.status !== 201)
        throw new Error(`seeding ${name}: ${answer.text}`);
    }
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it('hides an entity from its old team at once when its owner changes, before the index sync', async () => {
    const entity = '/entities/component/default/moving';
    expect(names((await get(ALICE, '/overview')).body)).toContain('moving');
    const before = await get(ALICE, entity);
    expect([before.status, before.body.notes]).toEqual([
      200,
      { 'people.ai': 'note 0' },
    ]);

    catalog.set(ORGANISATION([served(component('moving', 'team-b', 'shop'))]));
    for (const path of [entity, `${entity}/history`]) {
      const answer = await get(ALICE, path);
      console.log(`old owner after the change: GET ${path} → ${answer.status}`);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.text).not.toContain('note 0');
    }
    // The new owner reads it, though the index still names the old one.
    expect((await get(BOB, entity)).status).toBe(200);
    expect((await get(BOB, `${entity}/history`)).body.items).toHaveLength(1);
  });

  it('answers 404 for a hidden group, system or domain filter, and walks no hidden sub-group or system', async () => {
    const paths = [
      '/overview?group=storefront',
      '/overview?system=ops',
      '/export?format=csv&group=storefront',
      '/export?format=json&system=ops',
      '/scorecards/groups/default/storefront',
      '/scorecards/systems/default/ops',
    ];
    const hidden: string[] = [];
    const shown: string[] = [];
    for (const path of paths) {
      hidden.push(`${path} → ${(await get(DAVE, path)).status}`);
      shown.push(`${path} → ${(await get(ADMIN, path)).status}`);
    }
    console.log(`hidden structure, to dave: ${hidden.join(', ')}`);
    expect(hidden).toEqual(paths.map(path => `${path} → 404`));
    expect(shown).toEqual(paths.map(path => `${path} → 200`));
    // web is visible to dave, but only through the hidden storefront team;
    // tool only through the hidden ops system.
    const product = await get(DAVE, '/scorecards/groups/default/product');
    expect(product.body.children.map((c: any) => c.entityRef)).toEqual([
      'group:default/payments',
    ]);
    expect(names(product.body)).toEqual(['ledger', 'tool']);
    expect(names((await get(DAVE, '/overview?group=product')).body)).toEqual([
      'ledger',
      'tool',
    ]);
    const commerce = await get(DAVE, '/scorecards/domains/default/commerce');
    expect(commerce.body.children.map((c: any) => c.entityRef)).toEqual([
      'system:default/shop',
    ]);
    expect(names(commerce.body)).not.toContain('tool');
    expect(
      names((await get(DAVE, '/overview?domain=commerce&limit=100')).body),
    ).not.toContain('tool');
    // The whole organisation still lists what dave may see.
    expect(names((await get(DAVE, '/overview?limit=100')).body)).toEqual(
      ['ledger', 'moving', 'reborn', 'shared', 'tool', 'web'].sort(),
    );
  });

  it('shows an entity to its second owner, in lists, scorecards and the catalog column', async () => {
    expect(names((await get(CAROL, '/overview')).body)).toEqual(['shared']);
    expect(names((await get(ADMIN, '/overview?owner=team-c')).body)).toEqual([
      'shared',
    ]);
    expect(
      names((await get(CAROL, '/scorecards/groups/default/team-c')).body),
    ).toEqual(['shared']);
    const byRefs = await client.post('/entities/by-refs', {
      headers: { Authorization: as(CAROL) },
      json: {
        entityRefs: ['component:default/shared', 'component:default/ledger'],
      },
    });
    console.log(`second owner by-refs: ${JSON.stringify(byRefs.body.items)}`);
    expect(byRefs.body.items[0]).toMatchObject({
      entityRef: 'component:default/shared',
      assessed: true,
      revision: 1,
    });
    expect(byRefs.body.items[1]).toBeNull();
  });

  it('starts a new entity under a deleted one’s ref clean, and an admin can reattach the old history', async () => {
    const entity = '/entities/component/default/reborn';
    expect((await get(ALICE, entity)).body.notes).toEqual({
      'people.ai': 'note 0',
    });
    // Deleted and registered again: the same ref, another uid.
    catalog.set(
      ORGANISATION([served(component('reborn', 'team-a', 'shop'), 'reborn-2')]),
    );
    const latest = await get(ALICE, entity);
    const history = await get(ALICE, `${entity}/history`);
    console.log(
      `reused ref: GET → ${latest.status}, history → ${history.body.items?.length} items`,
    );
    expect(latest.status).toBe(404);
    expect(latest.body.error.message).toContain('no maturity assessment');
    expect(history.body.items).toEqual([]);
    expect(latest.text + history.text).not.toContain('note 0');

    // Its first assessment is on base revision 0, numbered on.
    const first = await assess(ALICE, 'reborn', 0);
    expect([first.status, first.body.revision]).toEqual([201, 2]);
    expect(
      (await get(ALICE, `${entity}/history`)).body.items.map(
        (i: any) => i.revision,
      ),
    ).toEqual([2]);

    // The old history is stored still; the documented statements reattach it.
    await reattachHistory(knex, 'component:default/reborn');
    expect(
      (await get(ALICE, `${entity}/history`)).body.items.map(
        (i: any) => i.revision,
      ),
    ).toEqual([2, 1]);
  });
});

/** The sync task's period in these tests, and the age lists rely on. */
const PERIOD_S = 4;
const MAX_AGE_MS = 3 * PERIOD_S * 1000;

describe.each(ids)('an index that stops syncing on %s', id => {
  let client: Client;
  let stop: () => Promise<void>;
  const catalog = policyCatalog(RULES);
  const overview = (user: string) =>
    client.get('/overview', { headers: { Authorization: as(user) } });

  beforeAll(async () => {
    const knex = await databases.init(id);
    catalog.set(ORGANISATION());
    const backend = await startInProcessBackend({
      knex,
      policy: catalog,
      config: {
        maturity: {
          index: {
            schedule: {
              frequency: { seconds: PERIOD_S },
              timeout: { seconds: 30 },
              initialDelay: { seconds: PERIOD_S },
            },
          },
        },
      },
    });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it(`moves lists to the catalog once the sync has failed for 3 periods (${
    MAX_AGE_MS / 1000
  } s)`, async () => {
    // The first read syncs the index: team-a's are moving, reborn, shared.
    const first = await overview(ALICE);
    expect(names(first.body)).toContain('moving');
    const syncedAt = Date.parse(first.body.indexedAt);

    // The catalog stops answering the sync, and moves the entity to team-b.
    catalog.state.failSync = true;
    catalog.set(
      ORGANISATION([served(component('moving', 'team-b', 'shop'), 'moving-2')]),
    );
    // Within the limit the index is relied on, stale by design.
    expect(names((await overview(ALICE)).body)).toContain('moving');

    const wait = MAX_AGE_MS - (Date.now() - syncedAt) + 500;
    await new Promise(resolve => setTimeout(resolve, Math.max(0, wait)));
    const after = await overview(ALICE);
    console.log(
      `sync failed ${catalog.state.failingSyncs} times; after ${
        Date.now() - syncedAt
      } ms alice's overview lists ${JSON.stringify(names(after.body))}`,
    );
    expect(catalog.state.failingSyncs).toBeGreaterThan(0);
    expect(names(after.body)).toEqual(['reborn', 'shared']);
    expect(names((await overview(BOB)).body)).toEqual(['moving']);
    // The answer still says how old the index is.
    expect(Date.parse(after.body.indexedAt)).toBe(syncedAt);

    // The catalog answers again: the next sync brings the index back.
    catalog.state.failSync = false;
    const deadline = Date.now() + 60_000;
    let recovered = after;
    while (Date.parse(recovered.body.indexedAt) === syncedAt) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise(resolve => setTimeout(resolve, 500));
      recovered = await overview(BOB);
    }
    expect(names(recovered.body)).toEqual(['moving']);
    expect(names((await overview(ALICE)).body)).toEqual(['reborn', 'shared']);
  });
});
