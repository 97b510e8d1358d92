import fc from 'fast-check';
import { levelStats } from './stats';

describe('levelStats', () => {
  it.each<
    [
      string,
      Array<number | null>,
      number | null,
      number | null,
      number | null,
      number[],
    ]
  >([
    ['nothing', [], null, null, null, [0, 0, 0, 0, 0, 0]],
    ['only unrated topics', [null, null], null, null, null, [0, 0, 0, 0, 0, 0]],
    ['one level', [3], 3, 3, 3, [0, 0, 0, 1, 0, 0]],
    ['an odd count', [1, 3, 2], 2, 1, 3, [0, 1, 1, 1, 0, 0]],
    [
      'an even count takes the lower median',
      [1, 2],
      1,
      1,
      2,
      [0, 1, 1, 0, 0, 0],
    ],
    ['unsorted input', [4, 0, 5, 2], 2, 0, 5, [1, 0, 1, 0, 1, 1]],
    [
      'unrated topics are left out',
      [null, 5, null, 0],
      0,
      0,
      5,
      [1, 0, 0, 0, 0, 1],
    ],
    ['never a mean (2.5)', [2, 2, 2, 3, 3, 3], 2, 2, 3, [0, 0, 3, 3, 0, 0]],
    ['never a mean (1.67)', [0, 0, 5], 0, 0, 5, [2, 0, 0, 0, 0, 1]],
    ['level 0 counts', [0, 0, 0, 4], 0, 0, 4, [3, 0, 0, 0, 1, 0]],
  ])('%s', (_name, levels, median, min, max, distribution) => {
    expect(levelStats(levels)).toEqual({
      median,
      min,
      max,
      distribution,
      rated: levels.filter(l => l !== null).length,
    });
  });

  it('does not modify its input', () => {
    const levels = [3, null, 1, 2];
    levelStats(levels);
    expect(levels).toEqual([3, null, 1, 2]);
  });

  describe('properties', () => {
    const levelsArb = fc.array(
      fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    );

    it('has a median between min and max that is one of the levels', () => {
      // without a rated level, there is no median, min or max
      fc.assert(
        fc.property(fc.array(fc.constant(null)), levels => {
          const { median, min, max } = levelStats(levels);
          expect([median, min, max]).toEqual([null, null, null]);
        }),
      );
      fc.assert(
        fc.property(levelsArb, levels => {
          const { median, min, max } = levelStats(levels);
          const rated = levels.filter((l): l is number => l !== null);
          fc.pre(rated.length > 0);
          expect(min).toBe(Math.min(...rated));
          expect(max).toBe(Math.max(...rated));
          expect(median!).toBeGreaterThanOrEqual(min!);
          expect(median!).toBeLessThanOrEqual(max!);
          expect(rated).toContain(median);
          // the lower median: at least half of the levels are ≤ it
          const atOrBelow = rated.filter(l => l <= median!).length;
          const below = rated.filter(l => l < median!).length;
          expect(atOrBelow * 2).toBeGreaterThanOrEqual(rated.length);
          expect(below * 2).toBeLessThan(rated.length);
        }),
      );
    });

    it('counts every rated level once in the distribution', () => {
      fc.assert(
        fc.property(levelsArb, levels => {
          const { distribution } = levelStats(levels);
          expect(distribution).toHaveLength(6);
          distribution.forEach((count, level) =>
            expect(count).toBe(levels.filter(l => l === level).length),
          );
        }),
      );
    });

    it('does not depend on the order of the levels', () => {
      fc.assert(
        fc.property(
          levelsArb.chain(levels =>
            fc.tuple(
              fc.constant(levels),
              fc.shuffledSubarray(levels, {
                minLength: levels.length,
                maxLength: levels.length,
              }),
            ),
          ),
          ([levels, shuffled]) => {
            expect(levelStats(shuffled)).toEqual(levelStats(levels));
          },
        ),
      );
    });
  });
});
