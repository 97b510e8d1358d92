import type { CampaignGoals } from './schema';
import { endOfDay, GoalSubject, meetsGoals } from './goals';

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
 * counts on the days whose end falls in that span. Whether it meets the
 * goals is asked of {@link evaluateGoals} (its `meets`) at the end of a day; with fixed
 * levels only the age can change the answer, and only from meeting to not,
 * so the first and last days of the span, and a halving search between
 * them, settle every day.
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
   * One summary of an entity: its latest from `validFrom` (when it was made,
   * epoch milliseconds) until `validTo` (when the next one was; null while
   * it is the latest), and counted from `since` like its entity.
   */
  addSummary(
    subject: GoalSubject,
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
    if (first > last || !this.meetsOn(subject, first)) return;
    let meetsUntil = first;
    if (this.meetsOn(subject, last)) {
      meetsUntil = last;
    } else {
      let failsFrom = last;
      while (failsFrom - meetsUntil > 1) {
        const middle = (meetsUntil + failsFrom) >> 1;
        if (this.meetsOn(subject, middle)) meetsUntil = middle;
        else failsFrom = middle;
      }
    }
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

  /** Judged at the last instant of the day. */
  private meetsOn(subject: GoalSubject, day: number): boolean {
    return meetsGoals(this.goals, subject, this.ends[day] - 1);
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
      tally.addSummary(
        subject,
        Date.parse(subject.assessedAt),
        next ? Date.parse(next.assessedAt) : null,
      );
    });
  }
  return tally.points();
}
