import request from 'supertest';
import {
  ADMIN,
  as,
  fullyTo,
  OWNER,
  STRANGER,
} from '../__testUtils__/fixtures';
import {
  BASE,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// The four-eyes review through the plugin as wired: the owner writes, the
// admin (allowed everything by the test policy) decides.

jest.setTimeout(60_000);

const ENTITY = '/entities/component/default/payments-api';

describe('an assessment under review', () => {
  let backend: MaturityBackend;
  const review = (revision: number, body: object, user: string) =>
    request(backend.server)
      .post(`${BASE}${ENTITY}/assessments/${revision}/review`)
      .set('Authorization', as(user))
      .send(body);
  const levelInShop = async () => {
    const res = await backend.get('/scorecards/systems/default/shop');
    return res.body.entities.find(
      (e: { entityRef: string }) =>
        e.entityRef === 'component:default/payments-api',
    );
  };

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: { maturity: { review: { required: true } } },
    });
  });

  it('waits for someone else with the permission, counting nothing meanwhile', async () => {
    const written = await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(2) },
    });
    expect(written.status).toBe(201);
    expect(written.body.review).toEqual({ status: 'pending' });
    expect((await levelInShop()).revision).toBeNull();
    const pending = await backend.get('/overview?review=pending&kind=component');
    expect(pending.body.items.map((i: { name: string }) => i.name)).toEqual([
      'payments-api',
    ]);

    expect((await backend.get('/reviews', OWNER)).body.items).toEqual([]);
    const queue = await backend.get('/reviews', ADMIN);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        revision: 1,
        createdBy: OWNER,
        ownerRef: 'group:default/payments',
        ageDays: 0,
      }),
    ]);
    expect((await review(1, { decision: 'approve' }, OWNER)).status).toBe(403);
    expect((await review(1, { decision: 'approve' }, STRANGER)).status).toBe(
      403,
    );
    expect((await review(1, { decision: 'return' }, ADMIN)).status).toBe(400);
  });

  it('counts once approved, and keeps counting it while the next one waits', async () => {
    const approved = await review(1, { decision: 'approve' }, ADMIN);
    expect(approved.status).toBe(200);
    expect(approved.body.review).toMatchObject({
      status: 'approved',
      reviewer: ADMIN,
    });
    expect((await review(1, { decision: 'approve' }, ADMIN)).status).toBe(409);
    expect(await levelInShop()).toMatchObject({
      revision: 1,
      dimensions: { people: 2 },
    });

    await backend.assess('payments-api', {
      baseRevision: 1,
      ratings: { 'people.ai': fullyTo(4) },
    });
    expect(await levelInShop()).toMatchObject({
      revision: 1,
      dimensions: { people: 2 },
    });
    const read = await backend.get(ENTITY);
    expect(read.body).toMatchObject({
      revision: 2,
      review: { status: 'pending' },
      counted: { revision: 1, review: { status: 'approved' } },
    });
    const exported = await backend.get('/export?format=json&review=pending');
    expect(exported.body.map((r: { revision: number }) => r.revision)).toEqual([
      1,
    ]);
    expect(
      backend.events.filter(e => e.eventId === 'assessment-review'),
    ).toEqual([
      expect.objectContaining({ status: 'failed' }),
      expect.objectContaining({ status: 'failed' }),
      expect.objectContaining({ status: 'failed' }),
      expect.objectContaining({
        status: 'succeeded',
        meta: expect.objectContaining({ decision: 'approved', revision: 1 }),
      }),
      expect.objectContaining({ status: 'failed' }),
    ]);
  });
});
