import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CampaignSummary,
  createCampaignInputSchema,
  defaultMaturityModel,
  maturityCampaignManagePermission,
} from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import {
  allVisible,
  AS_USER,
  campaign,
  componentEntity,
  createRouterFakes,
  createTestApp,
  USER,
  userCredentials,
} from './__testUtils__/routerHarness';

const input = {
  title: 'Production readiness',
  goals: { topics: { 'process.audit-and-logs': 2 } },
  startsOn: '2026-01-01',
  deadline: '2026-03-31',
};
const parsedInput = createCampaignInputSchema(defaultMaturityModel, {
  maxDays: 366,
}).parse(input);

function summary(id: string): CampaignSummary {
  return {
    ...campaign(id),
    phase: 'running',
    daysLeft: 10,
    progress: { total: 4, meeting: 1 },
  };
}

function setup() {
  const fakes = createRouterFakes();
  fakes.campaigns.create.mockResolvedValue(campaign('c-1'));
  fakes.campaigns.update.mockResolvedValue({
    ...campaign('c-1', 3),
    status: 'closed',
  });
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('GET /campaigns', () => {
  it('lists the campaigns for the caller', async () => {
    const { app, campaigns } = setup();
    campaigns.list.mockResolvedValue([summary('c-1')]);
    const res = await request(app)
      .get('/campaigns')
      .set('Authorization', AS_USER);
    expect(campaigns.list).toHaveBeenCalledWith(allVisible);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [summary('c-1')] });
  });
});

describe('POST /campaigns', () => {
  let fakes: ReturnType<typeof setup>;
  beforeEach(() => {
    fakes = setup();
  });
  const create = (body: unknown, auth = AS_USER) =>
    request(fakes.app)
      .post('/campaigns')
      .set('Authorization', auth)
      .send(body as object);

  it('creates the parsed campaign as the caller, and answers 201', async () => {
    const res = await create(input);
    expect(fakes.campaigns.create).toHaveBeenCalledWith(parsedInput, USER);
    expect(res.status).toBe(201);
    expect(res.body).toEqual(campaign('c-1'));
  });

  it('asks the permission framework for maturity.campaign.manage', async () => {
    await create(input);
    expect(fakes.permissions.authorize).toHaveBeenCalledWith(
      [{ permission: maturityCampaignManagePermission }],
      { credentials: userCredentials },
    );
  });

  it('audits the creation with the campaign id', async () => {
    await create(input);
    expect(fakes.events).toEqual([
      {
        eventId: 'campaign-create',
        status: 'succeeded',
        meta: { campaignId: 'c-1' },
      },
    ]);
  });

  it('answers 403 when the policy says no, audited, and creates nothing', async () => {
    fakes.permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    const res = await create(input);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not create or edit maturity campaigns',
    );
    expect(fakes.campaigns.create).not.toHaveBeenCalled();
    expect(fakes.events).toEqual([
      {
        eventId: 'campaign-create',
        status: 'failed',
        meta: {},
        error: 'NotAllowedError',
      },
    ]);
  });

  it('answers 403 to a service, and creates nothing', async () => {
    const res = await create(input, mockCredentials.service.header());
    expect(res.status).toBe(403);
    expect(fakes.campaigns.create).not.toHaveBeenCalled();
  });

  it('reads no body before the caller is known to be a manager: a user who is not gets 403, not 413 or 400', async () => {
    fakes.permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    const big = await create({ ...input, description: 'x'.repeat(600_000) });
    expect(big.status).toBe(403);
    const broken = await request(fakes.app)
      .post('/campaigns')
      .set('Authorization', AS_USER)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(broken.status).toBe(403);
    const byService = await create(
      { ...input, description: 'x'.repeat(600_000) },
      mockCredentials.service.header(),
    );
    expect(byService.status).toBe(403);
  });

  it('answers 413 to a manager whose body is over the limit, audited', async () => {
    const res = await create({ ...input, description: 'x'.repeat(600_000) });
    expect(res.status).toBe(413);
    expect(fakes.events).toMatchObject([
      {
        eventId: 'campaign-create',
        status: 'failed',
        error: 'PayloadTooLargeError',
      },
    ]);
  });

  it.each([
    ['no goal', { ...input, goals: {} }],
    ['a deadline before the start', { ...input, deadline: '2025-12-31' }],
    ['an unknown topic', { ...input, goals: { topics: { nope: 1 } } }],
    ['another field', { ...input, owner: 'me' }],
    [
      'more days than the limit',
      { ...input, startsOn: '2026-01-01', deadline: '2027-01-02' },
    ],
  ])('answers 400 to a campaign with %s, audited', async (_, body) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid campaign: /);
    expect(fakes.campaigns.create).not.toHaveBeenCalled();
    expect(fakes.events).toMatchObject([
      { eventId: 'campaign-create', status: 'failed', error: 'InputError' },
    ]);
  });
});

describe('GET /campaigns/:id', () => {
  it('answers the campaign with where it stands for the caller', async () => {
    const { app, campaigns } = setup();
    campaigns.summary.mockResolvedValue(summary('c-1'));
    const res = await request(app)
      .get('/campaigns/c-1')
      .set('Authorization', AS_USER);
    expect(campaigns.summary).toHaveBeenCalledWith('c-1', allVisible);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(summary('c-1'));
  });

  it('passes a 404 of the service on', async () => {
    const { app, campaigns } = setup();
    campaigns.summary.mockRejectedValue(new NotFoundError('No campaign c-9'));
    const res = await request(app)
      .get('/campaigns/c-9')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(404);
  });

  it('answers 400 to an id that cannot be a campaign', async () => {
    const { app, campaigns } = setup();
    const res = await request(app)
      .get('/campaigns/c_1')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid campaign path: id:/);
    expect(campaigns.summary).not.toHaveBeenCalled();
  });
});

describe('PUT /campaigns/:id', () => {
  const body = { ...input, status: 'closed', baseVersion: 2 };
  const put = (app: ReturnType<typeof setup>['app'], b: unknown = body) =>
    request(app)
      .put('/campaigns/c-1')
      .set('Authorization', AS_USER)
      .send(b as object);

  it('stores the parsed edit as the caller, and answers the new version', async () => {
    const { app, campaigns } = setup();
    const res = await put(app);
    expect(campaigns.update).toHaveBeenCalledWith(
      'c-1',
      { ...parsedInput, status: 'closed', baseVersion: 2 },
      USER,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...campaign('c-1', 3), status: 'closed' });
  });

  it('audits the edit with the campaign, its new version and status', async () => {
    const { app, events } = setup();
    await put(app);
    expect(events).toEqual([
      {
        eventId: 'campaign-update',
        status: 'succeeded',
        meta: { campaignId: 'c-1', version: 3, status: 'closed' },
      },
    ]);
  });

  it('passes a 409 of the service on, audited', async () => {
    const { app, campaigns, events } = setup();
    campaigns.update.mockRejectedValue(new ConflictError('version 3 is newer'));
    const res = await put(app);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('version 3 is newer');
    expect(events).toEqual([
      {
        eventId: 'campaign-update',
        status: 'failed',
        meta: { campaignId: 'c-1' },
        error: 'ConflictError',
      },
    ]);
  });

  it('answers 403 when the policy says no, and stores nothing', async () => {
    const { app, campaigns, permissions } = setup();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const res = await put(app);
    expect(res.status).toBe(403);
    expect(campaigns.update).not.toHaveBeenCalled();
  });

  it('answers 400 to an edit longer than the limit, naming it, and stores nothing', async () => {
    const { app, campaigns } = setup();
    const res = await put(app, { ...body, deadline: '2027-01-02' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid campaign: deadline: must be at most 366 days from startsOn, both days included (maturity.campaignLimits.maxDays)',
    );
    expect(campaigns.update).not.toHaveBeenCalled();
  });

  it('answers 400 to an edit without baseVersion, and stores nothing', async () => {
    const { app, campaigns } = setup();
    const res = await put(app, input);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/baseVersion/);
    expect(campaigns.update).not.toHaveBeenCalled();
  });
});

describe('GET /campaigns/:id/versions', () => {
  it('answers every version of the campaign', async () => {
    const { app, campaigns } = setup();
    const versions = [campaign('c-1', 2), campaign('c-1', 1)];
    campaigns.versions.mockResolvedValue(versions);
    const res = await request(app)
      .get('/campaigns/c-1/versions')
      .set('Authorization', AS_USER);
    expect(campaigns.versions).toHaveBeenCalledWith('c-1', allVisible);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: versions });
  });

  it('answers 400 to an id that cannot be a campaign', async () => {
    const { app, campaigns } = setup();
    const res = await request(app)
      .get(`/campaigns/${'a'.repeat(65)}/versions`)
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(campaigns.versions).not.toHaveBeenCalled();
  });
});

describe('GET /campaigns/:id/progress', () => {
  const progress = {
    campaign: summary('c-1'),
    total: 4,
    meeting: 1,
    byGoal: [],
    byTeam: [],
    burnup: [],
    entities: { items: [], totalCount: 0, nextCursor: null },
  };

  it('asks for the page of the query for the caller', async () => {
    const { app, campaigns } = setup();
    campaigns.progress.mockResolvedValue(progress);
    const res = await request(app)
      .get('/campaigns/c-1/progress?limit=10&show=all&cursor=abc')
      .set('Authorization', AS_USER);
    expect(campaigns.progress).toHaveBeenCalledWith(
      'c-1',
      { limit: 10, show: 'all', cursor: 'abc' },
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(progress);
  });

  it('asks for 50 entities still short without a query', async () => {
    const { app, campaigns } = setup();
    campaigns.progress.mockResolvedValue(progress);
    await request(app)
      .get('/campaigns/c-1/progress')
      .set('Authorization', AS_USER);
    expect(campaigns.progress).toHaveBeenCalledWith(
      'c-1',
      { limit: 50, show: 'short' },
      allVisible,
    );
  });

  it.each(['show=none', 'limit=0', 'owner=x'])(
    'answers 400 to the query %s',
    async query => {
      const { app, campaigns } = setup();
      const res = await request(app)
        .get(`/campaigns/c-1/progress?${query}`)
        .set('Authorization', AS_USER);
      expect(res.status).toBe(400);
      expect(campaigns.progress).not.toHaveBeenCalled();
    },
  );
});

describe('GET /entities/:kind/:namespace/:name/campaigns', () => {
  it('answers the campaigns of the entity the caller can see, by its normalised ref', async () => {
    const { app, entities, campaigns } = setup();
    entities.getEntity.mockResolvedValue(componentEntity('Ledger'));
    const answer = { items: [] };
    campaigns.forEntity.mockResolvedValue(answer);
    const res = await request(app)
      .get('/entities/Component/default/Ledger/campaigns')
      .set('Authorization', AS_USER);
    expect(entities.getEntity).toHaveBeenCalledWith(
      'component:default/ledger',
      allVisible,
    );
    expect(campaigns.forEntity).toHaveBeenCalledWith(
      'component:default/ledger',
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(answer);
  });

  it('passes a 404 for an entity the caller cannot see', async () => {
    const { app, entities, campaigns } = setup();
    entities.getEntity.mockRejectedValue(new NotFoundError('No entity'));
    const res = await request(app)
      .get('/entities/component/default/secret/campaigns')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(404);
    expect(campaigns.forEntity).not.toHaveBeenCalled();
  });

  it('answers 400 to a path that cannot name an entity', async () => {
    const { app, entities } = setup();
    const res = await request(app)
      .get('/entities/component/default/-x/campaigns')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(entities.getEntity).not.toHaveBeenCalled();
  });
});
