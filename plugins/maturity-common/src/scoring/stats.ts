import type { LevelStats } from '../assessment/schema';

/**
 * Median (the lower one for an even count), min, max and the distribution
 * over 0..5 of some levels. Nulls (unrated) are left out. The lower median
 * keeps the result a level that was actually reached, never a fraction.
 * @public
 */
export function levelStats(levels: ReadonlyArray<number | null>): LevelStats {
  const rated = levels
    .filter((l): l is number => l !== null)
    .sort((a, b) => a - b);
  const distribution = [0, 0, 0, 0, 0, 0];
  for (const level of rated) distribution[level]++;
  if (rated.length === 0) {
    return { median: null, min: null, max: null, distribution, rated: 0 };
  }
  return {
    median: rated[Math.floor((rated.length - 1) / 2)],
    min: rated[0],
    max: rated[rated.length - 1],
    distribution,
    rated: rated.length,
  };
}
