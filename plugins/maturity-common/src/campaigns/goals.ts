import type { AssessmentSummary } from '../scoring/rollup';
import type { CampaignGoals, CampaignInput } from './schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the goals are checked against: a snapshot's levels (the summary the
 * backend keeps of each latest snapshot) and when it was made.
 * @public
 */
export interface GoalSubject
  extends Pick<AssessmentSummary, 'topicLevels' | 'dimensionMedians'> {
  assessedAt: string;
}

/** One goal an entity does not meet, with what it has now. @public */
export type GoalMiss =
  | {
      goal: string;
      type: 'topic';
      id: string;
      required: number;
      actual: number | null;
    }
  | {
      goal: string;
      type: 'dimension';
      id: string;
      required: number;
      actual: number | null;
    }
  | {
      goal: 'assessedWithinDays';
      type: 'assessedWithinDays';
      required: number;
      assessedAt: string | null;
    };

/** The outcome of checking one entity against a campaign's goals. @public */
export interface GoalEvaluation {
  meets: boolean;
  /** Null when the entity has no assessment at all. */
  assessedAt: string | null;
  misses: GoalMiss[];
}

/**
 * Checks a snapshot against each goal at `now`. An entity without an
 * assessment misses every goal. Levels and medians do not depend on targets,
 * so a summary scored under any targets gives the same answer.
 * @public
 */
export function evaluateGoals(
  goals: CampaignGoals,
  subject: GoalSubject | null,
  now: Date,
): GoalEvaluation {
  const misses: GoalMiss[] = [];
  checkGoals(
    goals,
    subject,
    subject && new Date(subject.assessedAt).getTime(),
    now.getTime(),
    (_goal, describe) => misses.push(describe(subject?.assessedAt ?? null)),
  );
  return {
    meets: misses.length === 0,
    assessedAt: subject?.assessedAt ?? null,
    misses,
  };
}

/**
 * The goals (as {@link GoalMiss}'s `goal` names them, in the goals' order)
 * that levels made at `assessedAtMs` (null: never assessed) miss at `now`
 * (epoch milliseconds), as {@link evaluateGoals} says; empty when they meet
 * every goal. A campaign's counts ask this of every entity of its scope,
 * so no miss is described and no date is parsed or written.
 * @public
 */
export function missedGoals(
  goals: CampaignGoals,
  levels: GoalLevels | null,
  assessedAtMs: number | null,
  now: number,
): string[] {
  const missed: string[] = [];
  checkGoals(goals, levels, assessedAtMs, now, goal => missed.push(goal));
  return missed;
}

/**
 * Told of each goal missed: its id, and how to describe the miss (given
 * when the levels were made, as text, for the age goal).
 */
type OnMiss = (
  goal: string,
  describe: (assessedAt: string | null) => GoalMiss,
) => void;

/** The levels of a snapshot that goals are checked against. @public */
export type GoalLevels = Pick<GoalSubject, 'topicLevels' | 'dimensionMedians'>;

/**
 * The last instant (epoch milliseconds) at which a snapshot made at
 * `assessedAtMs` with these levels meets every goal, as {@link evaluateGoals}
 * says at any instant: -Infinity when its levels miss one (never), Infinity
 * when no goal is of age (always). With fixed levels only the age can change
 * the answer, and only from meeting to not, so one number settles every
 * day of a burn-up, which asks this of every summary of a scope's history.
 * @public
 */
export function meetsGoalsUntil(
  goals: CampaignGoals,
  levels: GoalLevels,
  assessedAtMs: number,
): number {
  if (!checkLevels(goals, levels)) return -Infinity;
  const days = goals.assessedWithinDays;
  return days === undefined ? Infinity : assessedAtMs + days * DAY_MS;
}

/**
 * The goal rule: hands each goal that levels made at `madeMs` miss at
 * `now` to `miss`, in the goals' order, and says whether they meet them all.
 */
function checkGoals(
  goals: CampaignGoals,
  levels: GoalLevels | null,
  madeMs: number | null,
  now: number,
  miss: OnMiss,
): boolean {
  let meets = checkLevels(goals, levels, miss);
  const days = goals.assessedWithinDays;
  if (days !== undefined) {
    const age = madeMs === null ? Infinity : now - madeMs;
    if (age > days * DAY_MS) {
      meets = false;
      miss('assessedWithinDays', assessedAt => ({
        goal: 'assessedWithinDays',
        type: 'assessedWithinDays',
        required: days,
        assessedAt,
      }));
    }
  }
  return meets;
}

/**
 * The goals of levels (topics, then dimensions): each one missed handed to
 * `miss`; without `miss` it stops at the first one missed.
 */
function checkLevels(
  goals: CampaignGoals,
  levels: GoalLevels | null,
  miss?: OnMiss,
): boolean {
  let meets = true;
  for (const [id, required] of Object.entries(goals.topics ?? {})) {
    if (required === undefined) continue;
    const actual = levels?.topicLevels[id] ?? null;
    if (actual === null || actual < required) {
      if (!miss) return false;
      meets = false;
      const goal = `topic:${id}`;
      miss(goal, () => ({ goal, type: 'topic', id, required, actual }));
    }
  }
  for (const [id, required] of Object.entries(goals.dimensions ?? {})) {
    if (required === undefined) continue;
    const actual = levels?.dimensionMedians[id] ?? null;
    if (actual === null || actual < required) {
      if (!miss) return false;
      meets = false;
      const goal = `dimension:${id}`;
      miss(goal, () => ({ goal, type: 'dimension', id, required, actual }));
    }
  }
  return meets;
}

/** Where a campaign stands on a given day. @public */
export type CampaignPhase = 'scheduled' | 'running' | 'ended' | 'closed';

/** The first instant after a calendar day (UTC). */
export function endOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + DAY_MS;
}

/**
 * Scheduled before its start day, running from its start day through its
 * deadline day (inclusive, UTC), ended after; closed whenever closed.
 * @public
 */
export function campaignPhase(
  campaign: Pick<CampaignInput, 'startsOn' | 'deadline' | 'status'>,
  now: Date,
): CampaignPhase {
  if (campaign.status === 'closed') return 'closed';
  const time = now.getTime();
  if (time < Date.parse(`${campaign.startsOn}T00:00:00Z`)) return 'scheduled';
  return time < endOfDay(campaign.deadline) ? 'running' : 'ended';
}

/** Whole days from today (UTC) to the deadline day; negative once past. @public */
export function daysLeft(deadline: string, now: Date): number {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - today) / DAY_MS);
}

/**
 * The days a burn-up has points for: from the start day to the deadline day,
 * or to today when earlier; empty before the start.
 * @public
 */
export function burnupDays(
  campaign: Pick<CampaignInput, 'startsOn' | 'deadline'>,
  now: Date,
): string[] {
  const today = now.toISOString().slice(0, 10);
  const last = today < campaign.deadline ? today : campaign.deadline;
  const days: string[] = [];
  for (
    let time = Date.parse(`${campaign.startsOn}T00:00:00Z`);
    time <= Date.parse(`${last}T00:00:00Z`);
    time += DAY_MS
  ) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}
