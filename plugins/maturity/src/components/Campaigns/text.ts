import {
  Campaign,
  CampaignInput,
  CampaignPhase,
  CampaignSummary,
  CampaignWithPhase,
  GoalMiss,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { plural } from '../shared/plural';

function topicTitle(model: MaturityModel, id: string): string {
  for (const dimension of model.dimensions) {
    const topic = dimension.topics.find(t => t.id === id);
    if (topic) return `${dimension.title}: ${topic.title}`;
  }
  return id;
}

function dimensionTitle(model: MaturityModel, id: string): string {
  return model.dimensions.find(d => d.id === id)?.title ?? id;
}

/** A goal in words, from its id (`topic:…`, `dimension:…`, `assessedWithinDays`). */
export function describeGoal(
  model: MaturityModel,
  campaign: Pick<CampaignSummary, 'goals'>,
  goal: string,
): string {
  const [type, id] = goal.split(/:(.*)/s);
  if (type === 'topic') {
    return `${topicTitle(model, id)} at level ${
      campaign.goals.topics?.[id]
    } or higher`;
  }
  if (type === 'dimension') {
    return `${dimensionTitle(model, id)} median at level ${
      campaign.goals.dimensions?.[id]
    } or higher`;
  }
  return `Assessed in the last ${plural(
    campaign.goals.assessedWithinDays!,
    'day',
  )}`;
}

/** What an entity still needs for one goal. */
export function describeMiss(model: MaturityModel, miss: GoalMiss): string {
  if (miss.type === 'topic') {
    return `${topicTitle(model, miss.id)}: level ${miss.required} needed, ${
      miss.actual === null ? 'not rated' : `at ${miss.actual}`
    }`;
  }
  if (miss.type === 'dimension') {
    return `${dimensionTitle(model, miss.id)} median: ${
      miss.required
    } needed, ${miss.actual === null ? 'not rated' : `at ${miss.actual}`}`;
  }
  return miss.assessedAt
    ? `A new assessment: the last is older than ${plural(miss.required, 'day')}`
    : 'An assessment: there is none yet';
}

const PHASES: Record<CampaignPhase, string> = {
  scheduled: 'Not started',
  running: 'Running',
  ended: 'Ended',
  closed: 'Closed',
};

/** Where a campaign stands, with the days left while it runs. */
export function describeTiming(campaign: CampaignWithPhase): string {
  if (campaign.phase === 'running') {
    if (campaign.daysLeft === 0) return 'Last day';
    return `${plural(campaign.daysLeft, 'day')} left`;
  }
  if (campaign.phase === 'scheduled') return `Starts ${campaign.startsOn}`;
  return PHASES[campaign.phase];
}

export function percent(count: { total: number; meeting: number }): number {
  return count.total ? Math.round((count.meeting / count.total) * 100) : 0;
}

/** The editable part of a campaign, as sent back in an edit. */
export function campaignInput(campaign: Campaign): CampaignInput {
  const { title, description, scope, goals, startsOn, deadline, status } =
    campaign;
  return { title, description, scope, goals, startsOn, deadline, status };
}
