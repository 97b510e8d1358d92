import fc from 'fast-check';
import { Rating, RATINGS, TopicRatings } from '../assessment/schema';
import { isMet, scoreTopic } from './topicLevel';

/** Ratings by position: index 0 is level 1; `undefined` leaves a level unrated. */
function ratings(...byLevel: Array<Rating | undefined>): TopicRatings {
  const result: TopicRatings = {};
  byLevel.forEach((rating, i) => {
    if (rating !== undefined) result[String(i + 1)] = rating;
  });
  return result;
}

const F = 'fully';
const L = 'largely';
const P = 'partially';
const N = 'not-yet';
const NA = 'not-applicable';
const _ = undefined;

describe('isMet', () => {
  it.each<[Rating | undefined, boolean]>([
    ['not-yet', false],
    ['partially', false],
    ['largely', true],
    ['fully', true],
    ['not-applicable', true],
    [undefined, false],
  ])('%s → %s', (rating, expected) => {
    expect(isMet(rating)).toBe(expected);
  });
});

describe('scoreTopic', () => {
  // Flags: i = inconsistent, c = incomplete, a = not applicable.
  it.each<[string, TopicRatings | undefined, number | null, string]>([
    ['no ratings at all', undefined, null, ''],
    ['an empty rating object', {}, null, ''],
    ['level 1 not yet', ratings(N), 0, ''],
    ['level 1 partially', ratings(P), 0, ''],
    ['level 1 largely', ratings(L), 1, ''],
    ['level 1 fully', ratings(F), 1, ''],
    ['level 1 not applicable, nothing else', ratings(NA), null, 'a'],
    ['levels 1-2 met, 3 partially', ratings(F, L, P), 2, ''],
    ['every level fully', ratings(F, F, F, F, F), 5, ''],
    ['every level largely', ratings(L, L, L, L, L), 5, ''],
    ['every level not applicable', ratings(NA, NA, NA, NA, NA), null, 'a'],
    ['not applicable with a gap', ratings(NA, _, NA), null, 'a'],
    ['not applicable, then largely', ratings(NA, L), 2, ''],
    ['met, not applicable, met', ratings(F, NA, L), 3, ''],
    ['an unrated level stops the climb', ratings(F, _, F, F), 1, 'c'],
    ['level 1 unrated, level 2 fully', ratings(_, F), 0, 'c'],
    ['level 1 unrated, level 2 not yet', ratings(_, N), 0, 'c'],
    ['level 1 not yet, level 2 fully', ratings(N, F), 0, 'i'],
    ['largely above an unmet level', ratings(F, N, L), 1, 'i'],
    ['fully far above an unmet level', ratings(L, P, N, N, F), 1, 'i'],
    ['a gap and a contradiction', ratings(F, _, N, F), 1, 'ic'],
    ['partially above an unmet level', ratings(F, N, P), 1, ''],
    ['not yet above an unmet level', ratings(F, P, N, N, N), 1, ''],
    ['not applicable above an unmet level', ratings(F, P, NA), 1, ''],
    ['not yet everywhere', ratings(N, N, N, N, N), 0, ''],
  ])('%s', (_name, input, level, flags) => {
    expect(scoreTopic(input, 5)).toEqual({
      level,
      inconsistent: flags.includes('i'),
      incomplete: flags.includes('c'),
      notApplicable: flags.includes('a'),
    });
  });

  describe('with a maxLevel below 5', () => {
    it.each<[string, TopicRatings, number | null]>([
      ['stops at maxLevel', ratings(F, F, F, F, F), 4],
      ['ignores a rating above maxLevel', ratings(F, F, N, _, F), 2],
      [
        'is unrated with only a level above maxLevel',
        ratings(_, _, _, _, F),
        null,
      ],
    ])('%s', (_name, input, level) => {
      expect(scoreTopic(input, 4).level).toBe(level);
    });

    it('does not flag a claim above maxLevel as inconsistent', () => {
      expect(scoreTopic(ratings(F, F, F, N, F), 4)).toMatchObject({
        level: 3,
        inconsistent: false,
      });
    });
  });

  describe('in strict mode', () => {
    it.each<[string, TopicRatings, number, number]>([
      ['level 1 largely is enough for level 1', ratings(L), 1, 1],
      ['largely below the reached level is not enough', ratings(L, L), 1, 2],
      ['fully below largely', ratings(F, L), 2, 2],
      ['fully, fully, largely', ratings(F, F, L), 3, 3],
      ['not applicable counts as complete', ratings(NA, L), 2, 2],
      ['a largely in the middle stops the climb', ratings(F, L, F, F, F), 2, 5],
      ['every level largely', ratings(L, L, L, L, L), 1, 5],
      ['every level fully', ratings(F, F, F, F, F), 5, 5],
      ['level 1 partially', ratings(P, F), 0, 0],
    ])('%s', (_name, input, strict, lenient) => {
      expect(scoreTopic(input, 5, { strict: true }).level).toBe(strict);
      expect(scoreTopic(input, 5).level).toBe(lenient);
    });

    it('flags inconsistency the same way as the non-strict mode', () => {
      expect(scoreTopic(ratings(L, L), 5, { strict: true })).toMatchObject({
        level: 1,
        inconsistent: false,
      });
      expect(scoreTopic(ratings(F, N, F), 5, { strict: true })).toMatchObject({
        level: 1,
        inconsistent: true,
      });
    });
  });

  describe('properties', () => {
    const levelKey = fc.constantFrom('1', '2', '3', '4', '5');
    const ratingArb = fc.constantFrom(...RATINGS);
    const ratingsArb = fc.dictionary(levelKey, ratingArb);
    const maxLevelArb = fc.integer({ min: 1, max: 5 });

    /** From unrated to fully, in the order of increasing maturity. */
    const ladder: Array<Rating | undefined> = [
      undefined,
      'not-yet',
      'partially',
      'largely',
      'fully',
    ];

    it('raising one rating towards fully never lowers the level', () => {
      fc.assert(
        fc.property(
          ratingsArb,
          maxLevelArb,
          levelKey,
          fc.integer({ min: 0, max: ladder.length - 1 }),
          fc.integer({ min: 0, max: ladder.length - 1 }),
          (input, maxLevel, key, a, b) => {
            const [low, high] = a <= b ? [a, b] : [b, a];
            const before = { ...input, [key]: ladder[low] };
            const after = { ...input, [key]: ladder[high] };
            const levelBefore = scoreTopic(before, maxLevel).level ?? 0;
            const levelAfter = scoreTopic(after, maxLevel).level ?? 0;
            expect(levelAfter).toBeGreaterThanOrEqual(levelBefore);
          },
        ),
      );
    });

    it.each([false, true])(
      'never exceeds maxLevel nor goes below 0 (strict: %s)',
      strict => {
        fc.assert(
          fc.property(ratingsArb, maxLevelArb, (input, maxLevel) => {
            const { level } = scoreTopic(input, maxLevel, { strict });
            fc.pre(level !== null);
            expect(Number.isInteger(level)).toBe(true);
            expect(level).toBeGreaterThanOrEqual(0);
            expect(level).toBeLessThanOrEqual(maxLevel);
          }),
        );
      },
    );

    it('is null exactly when nothing up to maxLevel is rated or all of it is N/A', () => {
      fc.assert(
        fc.property(ratingsArb, maxLevelArb, (input, maxLevel) => {
          const inRange = Object.entries(input).filter(
            ([k]) => Number(k) <= maxLevel,
          );
          const onlyNa =
            inRange.length > 0 && inRange.every(([, r]) => r === NA);
          const score = scoreTopic(input, maxLevel);
          expect(score.level === null).toBe(inRange.length === 0 || onlyNa);
          expect(score.notApplicable).toBe(onlyNa);
        }),
      );
    });

    it('is inconsistent exactly when a claim sits above a level rated as unmet', () => {
      fc.assert(
        fc.property(ratingsArb, maxLevelArb, (input, maxLevel) => {
          const at = (l: number) => input[String(l)];
          let expected = false;
          for (let low = 1; low <= maxLevel; low++) {
            for (let high = low + 1; high <= maxLevel; high++) {
              const below = at(low);
              const above = at(high);
              if (
                below !== undefined &&
                !isMet(below) &&
                (above === L || above === F)
              )
                expected = true;
            }
          }
          expect(scoreTopic(input, maxLevel).inconsistent).toBe(expected);
        }),
      );
    });

    it('is never higher in strict mode than in the default mode', () => {
      fc.assert(
        fc.property(ratingsArb, maxLevelArb, (input, maxLevel) => {
          const strict = scoreTopic(input, maxLevel, { strict: true }).level;
          const lenient = scoreTopic(input, maxLevel).level;
          expect(strict === null).toBe(lenient === null);
          expect(strict ?? 0).toBeLessThanOrEqual(lenient ?? 0);
        }),
      );
    });

    it('reaches a level only when every level up to it is met', () => {
      fc.assert(
        fc.property(ratingsArb, maxLevelArb, (input, maxLevel) => {
          const score = scoreTopic(input, maxLevel);
          fc.pre(!score.notApplicable);
          const level = score.level ?? 0;
          for (let l = 1; l <= level; l++) {
            expect(isMet(input[String(l)])).toBe(true);
          }
          // the next level, if there is one, is not met
          expect(level < maxLevel && isMet(input[String(level + 1)])).toBe(
            false,
          );
        }),
      );
    });
  });
});
