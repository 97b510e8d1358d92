import type { CampaignGoals } from './schema';
import { endOfDay, GoalLevels, GoalSubject, meetsGoalsUntil } from './goals';

/** One day of a burn-up. @public */
export interface BurnupPoint {
  date: string;
  meeting: number;
  total: number;
}

/**
 * A burn-up counted from summaries handed over one at a time, in any order,
 * so that a caller streaming the history of a whole scope keeps nothing but
 * one count per day: each summary is the entity's latest from when it was
 * made until the next one (`validTo`, null while it is the latest), and it
 * counts on the days whose end falls in that span. It meets the goals on
 * a day as {@link evaluateGoals} says at the last instant of the day, up
 * to the last instant it meets them at all ({@link meetsGoalsUntil}, asked
 * once a summary), so a summary costs two searches of the days, whatever
 * the campaign's length.
 * @public
 */
export class BurnupTally {
  private readonly ends: number[];
  // Changes from one day to the next, summed up by points().
  private readonly meetingSteps: number[];
  private readonly totalSteps: number[];

  constructor(
    private readonly goals: CampaignGoals,
    private readonly days: readonly string[],
  ) {
    this.ends = days.map(endOfDay);
    this.meetingSteps = new Array(days.length + 1).fill(0);
    this.totalSteps = new Array(days.length + 1).fill(0);
  }

  /**
   * An entity of the scope, counted on every day, or from the day that
   * holds `since` (epoch milliseconds) when it is known only from then.
   */
  addEntity(since?: number): void {
    const first = since === undefined ? 0 : this.firstDayEndingAfter(since);
    this.totalSteps[first]++;
    this.totalSteps[this.days.length]--;
  }

  /**
   * One summary of an entity, its levels made at `assessedAt` (epoch
   * milliseconds): its latest from `validFrom` (when it was made) until
   * `validTo` (when the next one was; null while it is the latest), and
   * counted from `since` like its entity.
   */
  addSummary(
    levels: GoalLevels,
    assessedAt: number,
    validFrom: number,
    validTo: number | null,
    since?: number,
  ): void {
    const first = this.firstDayEndingAfter(
      since === undefined ? validFrom : Math.max(validFrom, since),
    );
    // The last day whose end it is still the latest at (no later one made before).
    const last =
      validTo === null
        ? this.days.length - 1
        : this.firstDayEndingAfter(validTo) - 1;
    if (first > last) return;
    // A day meets when its last instant (its end less 1 ms) is no later
    // than the summary's last meeting one.
    const until = meetsGoalsUntil(this.goals, levels, assessedAt);
    const meetsUntil = Math.min(last, this.firstDayEndingAfter(until + 1) - 1);
    if (meetsUntil < first) return;
    this.meetingSteps[first]++;
    this.meetingSteps[meetsUntil + 1]--;
  }

  points(): BurnupPoint[] {
    let meeting = 0;
    let total = 0;
    return this.days.map((date, i) => {
      meeting += this.meetingSteps[i];
      total += this.totalSteps[i];
      return { date, meeting, total };
    });
  }

  /** The first day whose end is after `time`; the count of days when none is. */
  private firstDayEndingAfter(time: number): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ends[middle] > time) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/**
 * How many of the entities met every goal at the end of each day, from each
 * entity's whole snapshot history (oldest first). A snapshot counts from the
 * day it was made; "assessed within N days" is judged at the end of that day.
 * @public
 */
export function campaignBurnup(
  goals: CampaignGoals,
  histories: ReadonlyArray<ReadonlyArray<GoalSubject>>,
  days: readonly string[],
): BurnupPoint[] {
  const tally = new BurnupTally(goals, days);
  for (const history of histories) {
    tally.addEntity();
    history.forEach((subject, i) => {
      const next = history[i + 1];
      const made = Date.parse(subject.assessedAt);
      tally.addSummary(
        subject,
        made,
        made,
        next ? Date.parse(next.assessedAt) : null,
      );
    });
  }
  return tally.points();
}
