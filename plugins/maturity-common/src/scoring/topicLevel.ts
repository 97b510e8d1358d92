import type { Rating, TopicRatings } from '../assessment/schema';

/** Options of the scoring engine. @public */
export interface ScoringOptions {
  /** Require `fully` (or `not-applicable`) for every level below the reached one. */
  strict?: boolean;
}

const MET: ReadonlySet<Rating> = new Set([
  'largely',
  'fully',
  'not-applicable',
]);
const CLAIMED: ReadonlySet<Rating> = new Set(['largely', 'fully']);
const COMPLETE: ReadonlySet<Rating> = new Set(['fully', 'not-applicable']);

/** Whether a rating counts as meeting its level. @public */
export function isMet(rating: Rating | undefined): boolean {
  return rating !== undefined && MET.has(rating);
}

/** The level a topic reaches, and whether its ratings contradict each other. @public */
export function scoreTopic(
  ratings: TopicRatings | undefined,
  maxLevel: number,
  options: ScoringOptions = {},
): { level: number | null; inconsistent: boolean } {
  const at = (level: number) => ratings?.[String(level)];
  let rated = false;
  for (let l = 1; l <= maxLevel; l++) rated ||= at(l) !== undefined;
  if (!rated) {
    return { level: null, inconsistent: false };
  }

  // An unrated level stops the climb like an unmet one: nothing is assumed.
  let level = 0;
  while (level < maxLevel && isMet(at(level + 1))) {
    const below = at(level);
    if (options.strict && level >= 1 && !COMPLETE.has(below!)) break;
    level++;
  }

  let firstUnmet = 0;
  while (firstUnmet < maxLevel && isMet(at(firstUnmet + 1))) firstUnmet++;
  firstUnmet += 1;
  let inconsistent = false;
  for (let l = firstUnmet + 1; l <= maxLevel; l++) {
    const rating = at(l);
    if (rating !== undefined && CLAIMED.has(rating)) inconsistent = true;
  }
  return { level, inconsistent };
}
