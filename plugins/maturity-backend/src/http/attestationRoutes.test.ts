import { ExemptionRow } from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import {
  allVisible,
  AS_USER,
  createRouterFakes,
  createTestApp,
} from './__testUtils__/routerHarness';

function exemption(name: string, reason: string): ExemptionRow {
  return {
    entityRef: `component:default/${name}`,
    title: null,
    ownerRef: 'group:default/payments',
    topicId: 'policy.ai',
    reason,
    author: 'user:default/ann',
    approver: null,
    grantedAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2027-01-01T00:00:00.000Z',
  };
}

function setup() {
  const fakes = createRouterFakes();
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('GET /settings', () => {
  it('answers the settings clients show and send by', async () => {
    const { app, deps } = setup();
    const res = await request(app)
      .get('/settings')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(deps.settings);
  });

  it('answers 401 without credentials', async () => {
    const { app } = setup();
    const res = await request(app)
      .get('/settings')
      .set('Authorization', 'Bearer mock-invalid-token');
    expect(res.status).toBe(401);
  });
});

describe('GET /exemptions', () => {
  it('answers a page for the filter and the caller, audited', async () => {
    const { app, exemptions, events } = setup();
    const page = { items: [exemption('ledger', 'No AI')], nextCursor: 'c2' };
    exemptions.page.mockResolvedValue(page);
    const res = await request(app)
      .get('/exemptions?owner=payments&limit=1&cursor=c1')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(page);
    expect(exemptions.page).toHaveBeenCalledWith(
      { filter: { owner: 'payments' }, limit: 1, cursor: 'c1' },
      allVisible,
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'exemptions-read',
        status: 'succeeded',
        meta: expect.objectContaining({ rows: 1 }),
      }),
    );
  });

  it('answers every exemption as CSV, a reason with a comma quoted', async () => {
    const { app, exemptions } = setup();
    exemptions.all.mockImplementation(async function* pages() {
      yield [exemption('ledger', 'No AI, none planned')];
      yield [exemption('web', '=not a formula')];
    });
    const res = await request(app)
      .get('/exemptions?format=csv')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.split('\n')).toEqual([
      'entityRef,title,ownerRef,topicId,reason,author,approver,grantedAt,endsAt',
      'component:default/ledger,,group:default/payments,policy.ai,"No AI, none planned",user:default/ann,,2026-01-01T00:00:00.000Z,2027-01-01T00:00:00.000Z',
      "component:default/web,,group:default/payments,policy.ai,'=not a formula,user:default/ann,,2026-01-01T00:00:00.000Z,2027-01-01T00:00:00.000Z",
      '',
    ]);
  });

  it.each([
    ['an unknown format', 'format=xml'],
    ['a level filter it does not take', 'minLevel=2'],
    ['a zero limit', 'limit=0'],
  ])('answers 400 to %s, reading nothing', async (_, query) => {
    const { app, exemptions } = setup();
    const res = await request(app)
      .get(`/exemptions?${query}`)
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(exemptions.page).not.toHaveBeenCalled();
  });
});
