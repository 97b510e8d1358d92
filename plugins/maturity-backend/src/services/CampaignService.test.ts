import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { fullyTo, OWNER } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { CampaignScopeResolver } from './CampaignScope';
import { CampaignService } from './CampaignService';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const NOW = new Date('2026-11-22T18:00:00Z');
const credentials = mockCredentials.user(OWNER);

function snapshot(ref: string, revision: number, at: string, level: number) {
  return {
    entity_ref: ref,
    revision,
    model_id: 'cnmm',
    model_version: '4.0',
    created_at: new Date(at),
    created_by: OWNER,
    payload: JSON.stringify({
      ratings: { 'process.audit-and-logs': fullyTo(level) },
      targets: {},
      notes: {},
      evidence: {},
      comment: null,
    }),
  };
}

describe.each(databases.eachSupportedId())('campaign burn-up on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  it('has one point per day replayed from the snapshot history', async () => {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const campaigns = new DatabaseCampaignStore(knex);
    // The scope's entities stand in for the index: only the history is read
    // from the database here.
    const scope: CampaignScopeResolver = {
      resolve: async () =>
        ['ledger', 'payments-api'].map(name => ({
          entityRef: `component:default/${name}`,
          title: null,
          ownerRef: 'group:default/payments',
          latest: null,
        })),
      groupSubtree: async ref => new Set([ref]),
      visibleRefs: async refs => new Set(refs),
    };
    const service = new CampaignService({
      model: defaultMaturityModel,
      campaigns,
      scope,
      configured: [],
      strict: false,
      logger: mockServices.logger.mock(),
      now: () => NOW,
    });
    const campaign = await campaigns.create(
      {
        title: 'Audit logs',
        description: '',
        scope: { owner: 'group:default/payments' },
        goals: { topics: { 'process.audit-and-logs': 2 } },
        startsOn: '2026-11-17',
        deadline: '2026-12-31',
        status: 'open',
      },
      OWNER,
    );
    // Made before and during the days of the campaign so far; web is not in
    // scope and never counts.
    await knex('maturity_assessment').insert([
      snapshot('component:default/payments-api', 1, '2026-11-10T09:00:00Z', 2),
      snapshot('component:default/payments-api', 2, '2026-11-19T10:00:00Z', 1),
      snapshot('component:default/payments-api', 3, '2026-11-21T23:59:00Z', 3),
      snapshot('component:default/ledger', 1, '2026-11-18T08:00:00Z', 2),
      snapshot('component:default/web', 1, '2026-11-18T08:00:00Z', 3),
    ]);

    const progress = await service.progress(
      campaign.id,
      { limit: 50, show: 'all' },
      { credentials, visibility: { type: 'all' } },
    );
    expect(progress.burnup).toEqual([
      { date: '2026-11-17', meeting: 1, total: 2 },
      { date: '2026-11-18', meeting: 2, total: 2 },
      { date: '2026-11-19', meeting: 1, total: 2 },
      { date: '2026-11-20', meeting: 1, total: 2 },
      { date: '2026-11-21', meeting: 2, total: 2 },
      { date: '2026-11-22', meeting: 2, total: 2 },
    ]);
    expect(progress.total).toBe(2);
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
  const caller = { credentials, visibility: { type: 'all' as const } };

  async function setUp(visible: string[]) {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const campaigns = new DatabaseCampaignStore(knex);
    const resolved: string[][] = [];
    const scope: CampaignScopeResolver = {
      resolve: async s => {
        resolved.push([s.owner ?? '', s.system ?? '']);
        return [
          {
            entityRef: 'component:default/ledger',
            title: null,
            ownerRef: 'group:default/payments',
            latest: null,
          },
        ];
      },
      groupSubtree: async ref => new Set([ref]),
      visibleRefs: async refs => new Set(refs.filter(r => visible.includes(r))),
    };
    const logger = mockServices.logger.mock();
    const service = new CampaignService({
      model: defaultMaturityModel,
      campaigns,
      scope,
      configured: [],
      strict: false,
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
