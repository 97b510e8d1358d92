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
    };
    const service = new CampaignService({
      model: defaultMaturityModel,
      campaigns,
      scope,
      configured: [],
      strict: false,
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
