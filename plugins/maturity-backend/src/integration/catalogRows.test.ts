import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { as, fullyTo, OWNER, STRANGER } from '../__testUtils__/fixtures';
import {
  BASE,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// What the catalog's Maturity column and filter ask: the rows of many refs in
// one request, and the refs the maturity filter keeps.

jest.setTimeout(60_000);

type Response = request.Response;

describe('the catalog rows of many refs', () => {
  let backend: MaturityBackend;
  let written: Response;
  const rows = (user: string, entityRefs: unknown) =>
    request(backend.server)
      .post(`${BASE}/entities/by-refs`)
      .set('Authorization', as(user))
      .send({ entityRefs });
  const asked = [
    'component:default/secret',
    'component:default/web',
    'Component:Default/Payments-API',
    'component:default/web',
  ];

  beforeAll(async () => {
    backend = await startMaturityBackend();
    written = await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(3), 'process.security': fullyTo(2) },
    });
  });

  it('answers in one request, in the order asked, a ref asked twice twice', async () => {
    expect(written.status).toBe(201);
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
  });

  it('answers null for what the catalog hides from the caller, like an unknown ref', async () => {
    const stranger = await rows(STRANGER, [
      ...asked,
      'component:default/nowhere',
    ]);
    expect(
      stranger.body.items.map(
        (i: { entityRef: string } | null) => i && i.entityRef,
      ),
    ).toEqual([
      null,
      'component:default/web',
      'component:default/payments-api',
      'component:default/web',
      null,
    ]);
  });

  it.each([
    ['no refs', [], 'entityRefs'],
    [
      'more than 500 refs',
      Array(501).fill('component:default/web'),
      'entityRefs',
    ],
    ['a ref without kind and namespace', ['web'], 'entityRefs.0'],
    ['a ref with a space', ['component:default/a b'], 'entityRefs.0'],
    ['a ref instead of a list', 'component:default/web', 'entityRefs'],
  ])('answers 400 naming the field to %s', async (_, body, field) => {
    const bad = await rows(OWNER, body);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(`Invalid body: ${field}:`);
  });

  it('answers 401 without credentials', async () => {
    const unauthenticated = await request(backend.server)
      .post(`${BASE}/entities/by-refs`)
      .set('Authorization', mockCredentials.none.header())
      .send({ entityRefs: ['component:default/web'] });
    expect(unauthenticated.status).toBe(401);
  });
});

describe('the refs the maturity filter keeps', () => {
  let backend: MaturityBackend;
  const answers: Record<string, Response> = {};
  const assessed = (user: string, query: string) =>
    backend.get(`/entities/assessed${query}`, user);

  beforeAll(async () => {
    backend = await startMaturityBackend();
    for (const [name, level] of [
      ['payments-api', 3],
      ['secret', 1],
    ] as const) {
      await backend.assess(name, {
        baseRevision: 0,
        ratings: { 'people.ai': fullyTo(level) },
      });
    }
    answers.all = await assessed(OWNER, '');
    answers.minLevel = await assessed(OWNER, '?minLevel=2');
    answers.stale = await assessed(OWNER, '?stale=true');
    answers.stranger = await assessed(STRANGER, '');
  });

  it('lists the assessed refs, by minimum level and staleness', () => {
    expect(answers.all.body.entityRefs).toEqual([
      'component:default/payments-api',
      'component:default/secret',
    ]);
    expect(answers.minLevel.body.entityRefs).toEqual([
      'component:default/payments-api',
    ]);
    expect(answers.stale.body.entityRefs).toEqual([]);
  });

  it('leaves out what the catalog hides from the caller', () => {
    expect(answers.stranger.body.entityRefs).toEqual([
      'component:default/payments-api',
    ]);
  });

  it('audits the read with its filter and row count', () => {
    expect(backend.events).toContainEqual({
      eventId: 'assessed-refs-read',
      status: 'succeeded',
      meta: { filter: { minLevel: 2 }, rows: 1 },
    });
  });

  it.each(['?minLevel=0', '?minLevel=6', '?stale=yes', '?kind=api'])(
    'answers 400 to %s',
    async query => {
      expect([query, (await assessed(OWNER, query)).status]).toEqual([
        query,
        400,
      ]);
    },
  );
});
