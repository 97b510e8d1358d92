import {
  CampaignProgress,
  CampaignSummary,
  evaluateGoals,
} from '@cnmm/backstage-plugin-maturity-common';

const NOW = new Date();

export const day = (offset: number) =>
  new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export function campaign(
  overrides: Partial<CampaignSummary> = {},
): CampaignSummary {
  return {
    id: 'c1',
    version: 2,
    source: 'database',
    title: 'Production readiness',
    description: 'Audit logs for every production service',
    scope: { owner: 'group:default/payments', lifecycle: 'production' },
    goals: { topics: { 'process.audit-and-logs': 2 }, assessedWithinDays: 90 },
    startsOn: day(-5),
    deadline: day(12),
    status: 'open',
    createdAt: NOW.toISOString(),
    createdBy: 'user:default/ada',
    updatedAt: NOW.toISOString(),
    updatedBy: 'user:default/ada',
    phase: 'running',
    daysLeft: 12,
    progress: { total: 4, meeting: 1 },
    ...overrides,
  };
}

export const short = evaluateGoals(
  campaign().goals,
  {
    assessedAt: NOW.toISOString(),
    topicLevels: { 'process.audit-and-logs': 1 },
    dimensionMedians: {},
  },
  NOW,
);

export function progress(): CampaignProgress {
  return {
    campaign: campaign(),
    total: 4,
    meeting: 1,
    byGoal: [
      { goal: 'topic:process.audit-and-logs', total: 4, meeting: 1 },
      { goal: 'assessedWithinDays', total: 4, meeting: 3 },
    ],
    byTeam: [{ ownerRef: 'group:default/payments', total: 4, meeting: 1 }],
    burnup: [
      { date: day(-1), meeting: 0, total: 4 },
      { date: day(0), meeting: 1, total: 4 },
    ],
    entities: {
      items: [
        {
          entityRef: 'component:default/ledger',
          title: null,
          ownerRef: 'group:default/payments',
          ...short,
        },
      ],
      totalCount: 3,
      nextCursor: null,
    },
  };
}
