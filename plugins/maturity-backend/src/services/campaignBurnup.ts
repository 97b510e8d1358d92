import {
  BurnupPoint,
  BurnupTally,
  burnupDays,
  Campaign,
} from '@cnmm/backstage-plugin-maturity-common';
import { CampaignStore } from '../database/CampaignStore';
import { Summaries } from './Summaries';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A campaign's burn-up over the entities of `refs`: one point per day, from
 * the summary history. Each summary counts on the days it was the entity's
 * latest (levels only; no snapshot is read). Each row is tallied as it is
 * read, so memory holds one count per day, not the history. A day's total
 * is today's scope as the caller sees it (`refs`), less the entities that
 * took their ref over from an earlier entity after that day: the catalog
 * keeps no history of scopes. A campaign stored longer than the limit shows
 * its last `maxDays` days.
 */
export async function readBurnup(
  deps: {
    campaigns: Pick<CampaignStore, 'generationStarts' | 'eachSummary'>;
    summaries: Pick<Summaries, 'goalLevels' | 'goalPositions'>;
  },
  campaign: Campaign,
  refs: string[],
  { now, maxDays }: { now: Date; maxDays: number },
): Promise<BurnupPoint[]> {
  const days = burnupDays(campaign, now).slice(-maxDays);
  if (!days.length) return [];
  const since = await deps.campaigns.generationStarts(refs);
  const tally = new BurnupTally(campaign.goals, days);
  for (const ref of refs) tally.addEntity(since.get(ref));
  const window = {
    // Only the summaries that were the latest at the end of some day.
    from: new Date(Date.parse(`${days[0]}T00:00:00Z`) + DAY_MS),
    until: new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + DAY_MS),
  };
  // Each summary is checked at once and not kept (BurnupTally.addSummary).
  const levelsOf = deps.summaries.goalLevels(campaign.goals, { reuse: true });
  // The levels the goals name are the only ones read of each row.
  await deps.campaigns.eachSummary(
    refs,
    window,
    span =>
      tally.addSummary(
        levelsOf(span),
        span.assessedAtMs,
        span.validFromMs,
        span.validToMs,
        since.get(span.entityRef),
      ),
    deps.summaries.goalPositions(campaign.goals),
  );
  return tally.points();
}
