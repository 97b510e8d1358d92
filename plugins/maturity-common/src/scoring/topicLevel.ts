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

/** Whether a rating counts as meeting its level. */
export function isMet(rating: Rating | undefined): boolean {
  return rating !== undefined && MET.has(rating);
}

/** The score of one topic. @public */
export interface TopicScore {
  /** Reached level; null when unrated or not applicable. */
  level: number | null;
  /** A level is claimed (largely or fully) above one rated as not met. */
  inconsistent: boolean;
  /** A level is rated above one left unrated. */
  incomplete: boolean;
  /** Rated, and every rated level is `not-applicable`. */
  notApplicable: boolean;
}

/** The level a topic reaches, and what is wrong with its ratings. @public */
export function scoreTopic(
  ratings: TopicRatings | undefined,
  maxLevel: number,
  options: ScoringOptions = {},
): TopicScore {
  const at = (level: number) => ratings?.[String(level)];
  const rated: number[] = [];
  for (let l = 1; l <= maxLevel; l++) if (at(l) !== undefined) rated.push(l);
  if (rated.length === 0) {
    return {
      level: null,
      inconsistent: false,
      incomplete: false,
      notApplicable: false,
    };
  }
  // Nothing was claimed, so there is no level to report: a level here would
  // come from N/A alone and lift the dimension's median.
  if (rated.every(l => at(l) === 'not-applicable')) {
    return {
      level: null,
      inconsistent: false,
      incomplete: false,
      notApplicable: true,
    };
  }

  // An unrated level stops the climb like an unmet one: nothing is assumed.
  let level = 0;
  while (level < maxLevel && isMet(at(level + 1))) {
    const below = at(level);
    if (options.strict && level >= 1 && !COMPLETE.has(below!)) break;
    level++;
  }

  const highestRated = rated[rated.length - 1];
  let incomplete = false;
  for (let l = 1; l < highestRated; l++) incomplete ||= at(l) === undefined;

  // A claim above an unrated level is incomplete, not contradictory; only a
  // level rated as not met contradicts a claim above it.
  let firstNotMet = 0;
  for (let l = 1; l <= maxLevel && firstNotMet === 0; l++) {
    const rating = at(l);
    if (rating !== undefined && !isMet(rating)) firstNotMet = l;
  }
  let inconsistent = false;
  if (firstNotMet > 0) {
    for (let l = firstNotMet + 1; l <= maxLevel; l++) {
      const rating = at(l);
      if (rating !== undefined && CLAIMED.has(rating)) inconsistent = true;
    }
  }
  return { level, inconsistent, incomplete, notApplicable: false };
}
