import type { LevelStats } from '../assessment/schema';

/**
 * Median (the lower one for an even count), min, max and the distribution
 * over 0..5 of some levels. Nulls (unrated) are left out. The lower median
 * keeps the result a level that was actually reached, never a fraction.
 * Levels are counted rather than sorted: roll-ups of a whole organisation
 * call this over hundreds of thousands of levels.
 * @public
 */
export function levelStats(levels: ReadonlyArray<number | null>): LevelStats {
  const distribution = [0, 0, 0, 0, 0, 0];
  for (const level of levels) {
    if (level !== null) distribution[level]++;
  }
  return statsOfDistribution(distribution);
}

/**
 * The stats of levels already counted: `distribution[level]` is how many
 * times each level 0..5 occurs.
 */
export function statsOfDistribution(distribution: number[]): LevelStats {
  const count = distribution.reduce((sum, n) => sum + n, 0);
  if (count === 0) {
    return { median: null, min: null, max: null, distribution, rated: 0 };
  }
  const medianIndex = Math.floor((count - 1) / 2);
  let seen = 0;
  let median = 0;
  for (let level = 0; level < distribution.length; level++) {
    seen += distribution[level];
    if (seen > medianIndex) {
      median = level;
      break;
    }
  }
  return {
    median,
    min: distribution.findIndex(n => n > 0),
    max:
      distribution.length -
      1 -
      [...distribution].reverse().findIndex(n => n > 0),
    distribution,
    rated: count,
  };
}
