import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CampaignGoals } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { CampaignScopeResolver } from '../services/CampaignScope';
import { CampaignService } from '../services/CampaignService';
import { OWNER } from './fixtures';
import { defaultSummaries, writeAt } from './summaries';

/** Today, for the campaign services of the tests. */
export const NOW = new Date('2026-11-22T18:00:00Z');
/** The owner, who may see every entity. */
export const caller = {
  credentials: mockCredentials.user(OWNER),
  visibility: { type: 'all' as const },
};

/** A scope of these refs: the index is not what these tests are about. */
function scopeOf(refs: () => string[]): CampaignScopeResolver {
  const entities = () =>
    refs().map(entityRef => ({
      entityRef,
      title: null,
      ownerRef: 'group:default/payments',
      latest: null,
    }));
  return {
    resolve: async () => entities(),
    each: async (_scope, _goals, _caller, visit) => entities().forEach(visit),
    groupSubtree: async ref => new Set([ref]),
    visibleRefs: async refs_ => new Set(refs_),
  };
}

/**
 * A campaign service on `knex` (every migration run) whose scopes are the
 * refs of the last burn-up asked, at NOW; `write` stores a snapshot at a time
 * (the clock faked), `burnup` creates a campaign over refs and answers its
 * burn-up.
 */
export async function campaignServiceOn(knex: Knex, maxDays = 366) {
  const assessments = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const campaigns = new DatabaseCampaignStore(knex);
  let inScope: string[] = [];
  const service = new CampaignService({
    campaigns,
    scope: scopeOf(() => inScope),
    summaries: defaultSummaries,
    configured: [],
    limits: { maxDays },
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
  const write = (ref: string, time: string, level: number, uid?: string) =>
    writeAt(assessments, ref, new Date(time), level, uid);
  const burnup = async (
    goals: CampaignGoals,
    startsOn: string,
    refs: string[],
  ) => {
    inScope = refs;
    jest.setSystemTime(NOW);
    const campaign = await campaigns.create(
      {
        title: 'AI',
        description: '',
        scope: {},
        goals,
        startsOn,
        deadline: '2026-12-31',
        status: 'open',
      },
      OWNER,
    );
    return (
      await service.progress(campaign.id, { limit: 1, show: 'all' }, caller)
    ).burnup;
  };
  return { knex, write, burnup, service, campaigns };
}
