import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import type { CampaignScope } from '@cnmm/backstage-plugin-maturity-common';
import {
  caller,
  campaignServiceOn,
  NOW,
} from '../__testUtils__/campaignService';
import { OWNER } from '../__testUtils__/fixtures';
import { defaultSummaries } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { CampaignScopeResolver } from './CampaignScope';
import { CampaignService } from './CampaignService';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const setUpService = async (id: Parameters<typeof databases.init>[0]) =>
  campaignServiceOn(await databases.init(id));

describe.each(databases.eachSupportedId())('campaign limits on %p', id => {
  let knex: Knex | undefined;
  afterEach(async () => knex?.destroy());

  const input = {
    title: 'Audit logs',
    description: '',
    scope: {},
    goals: { topics: { 'people.ai': 2 } },
    deadline: '2026-11-30',
    status: 'open' as const,
  };

  it('refuses a start more than the limit before today, and stores nothing', async () => {
    const set = await setUpService(id);
    knex = set.knex;
    const { service, campaigns } = set;
    await expect(
      service.create({ ...input, startsOn: '2025-11-20' }, OWNER),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'Invalid campaign: startsOn: must be at most 366 days before today, 2025-11-21 or later (maturity.campaignLimits.maxDays)',
    });
    expect(await campaigns.list()).toEqual([]);
    const created = await service.create(
      { ...input, startsOn: '2025-11-21' },
      OWNER,
    );
    expect(created.startsOn).toBe('2025-11-21');
  });

  it('lets a campaign that started long ago be edited, but not moved to another old start', async () => {
    const set = await setUpService(id);
    knex = set.knex;
    const { service, campaigns } = set;
    // Stored when the limit allowed it.
    const old = await campaigns.create(
      { ...input, startsOn: '2025-06-01', deadline: '2025-12-31' },
      OWNER,
    );
    const closed = await service.update(
      old.id,
      {
        ...input,
        startsOn: '2025-06-01',
        deadline: '2025-12-31',
        status: 'closed',
        baseVersion: 1,
      },
      OWNER,
    );
    expect(closed).toMatchObject({ version: 2, status: 'closed' });
    await expect(
      service.update(
        old.id,
        {
          ...input,
          startsOn: '2025-05-01',
          deadline: '2025-12-31',
          baseVersion: 2,
        },
        OWNER,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('startsOn: must be at most 366 days'),
    });
    expect(await campaigns.versions(old.id)).toHaveLength(2);
    await expect(
      service.update(
        'no-such-id',
        { ...input, startsOn: '2000-01-01', baseVersion: 1 },
        OWNER,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe.each(databases.eachSupportedId())('campaign scopes on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  const input = {
    title: 'Audit logs',
    description: '',
    goals: { topics: { 'process.audit-and-logs': 2 } },
    startsOn: '2026-11-17',
    deadline: '2026-12-31',
    status: 'open' as const,
  };

  async function setUp(visible: string[]) {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const campaigns = new DatabaseCampaignStore(knex);
    const resolved: string[][] = [];
    const entities = (s: CampaignScope) => {
      resolved.push([s.owner ?? '', s.system ?? '']);
      return [
        {
          entityRef: 'component:default/ledger',
          title: null,
          ownerRef: 'group:default/payments',
          latest: null,
        },
      ];
    };
    const scope: CampaignScopeResolver = {
      resolve: async s => entities(s),
      each: async (s, _goals, _caller, visit) => entities(s).forEach(visit),
      groupSubtree: async ref => new Set([ref]),
      visibleRefs: async refs => new Set(refs.filter(r => visible.includes(r))),
    };
    const logger = mockServices.logger.mock();
    const service = new CampaignService({
      campaigns,
      scope,
      summaries: defaultSummaries,
      configured: [],
      limits: { maxDays: 366 },
      logger,
      now: () => NOW,
    });
    return { campaigns, service, logger, resolved };
  }

  /** A campaign stored before scopes were checked, with a ref naming nothing. */
  async function storeBroken() {
    await knex('maturity_campaign').insert({
      id: 'broken',
      version: 1,
      created_at: new Date('2026-11-01T00:00:00Z'),
      created_by: OWNER,
    });
    await knex('maturity_campaign_version').insert({
      campaign_id: 'broken',
      version: 1,
      created_at: new Date('2026-11-01T00:00:00Z'),
      created_by: OWNER,
      payload: JSON.stringify({ ...input, scope: { owner: 'group:default/' } }),
    });
  }

  it('skips a stored campaign whose scope cannot be read, logging it once, and answers 409 for it alone', async () => {
    const { campaigns, service, logger, resolved } = await setUp([]);
    await storeBroken();
    const good = await campaigns.create({ ...input, scope: {} }, OWNER);

    const listed = await service.list(caller);
    await service.list(caller);
    expect(listed.map(c => c.id)).toEqual([good.id]);
    expect((await service.all()).map(c => c.id)).toEqual([good.id]);
    expect(
      (await service.forEntity('component:default/ledger', caller)).items.map(
        i => i.campaign.id,
      ),
    ).toEqual([good.id]);
    expect(resolved.every(([owner]) => owner === '')).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Skipping maturity campaign broken (version 1): scope.owner: must be an entity ref',
      ),
    );
    await expect(service.summary('broken', caller)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('edit its scope'),
    });
    // Its history stays readable.
    expect(
      (await service.versions('broken', caller)).map(v => v.scope),
    ).toEqual([{ owner: 'group:default/' }]);
  });

  it('shows a scope group or system only to a caller who can see it, and evaluates the real one', async () => {
    const { campaigns, service, resolved } = await setUp([
      'system:default/shop',
    ]);
    const created = await campaigns.create(
      {
        ...input,
        scope: { owner: 'Group:Default/Secret-Team', system: 'shop' },
      },
      OWNER,
    );

    const [listed] = await service.list(caller);
    expect(listed.scope).toEqual({ owner: 'a hidden group', system: 'shop' });
    expect(listed.hiddenScope).toEqual(['owner']);
    const summary = await service.summary(created.id, caller);
    expect(summary.scope.owner).toBe('a hidden group');
    const progress = await service.progress(
      created.id,
      { limit: 10, show: 'all' },
      caller,
    );
    expect(progress.campaign.hiddenScope).toEqual(['owner']);
    const [entity] = (
      await service.forEntity('component:default/ledger', caller)
    ).items;
    expect(entity.campaign.scope.owner).toBe('a hidden group');
    const [version] = await service.versions(created.id, caller);
    expect(JSON.stringify(version)).not.toMatch(/secret/i);
    // The scope is evaluated as stored, never as the words shown.
    expect(new Set(resolved.map(([owner]) => owner))).toEqual(
      new Set(['Group:Default/Secret-Team']),
    );
  });
});
