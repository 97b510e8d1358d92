import fc from 'fast-check';
import { compareLevels, comparePositionalLevels } from './movement';

const levels = (
  dimensions: Record<string, number | null>,
  topics: Record<string, number | null> = {},
) => ({ dimensions, topics });

describe('compareLevels', () => {
  it('calls an entity without levels at the first date newly assessed', () => {
    expect(compareLevels(null, levels({ people: 1 }))).toBe('newly-assessed');
  });

  it('calls a lower dimension median a regression, even beside a rise', () => {
    expect(
      compareLevels(
        levels({ people: 3, process: 2 }),
        levels({ people: 2, process: 4 }),
      ),
    ).toBe('regressed');
  });

  it('calls a higher median with none lower an improvement', () => {
    expect(
      compareLevels(
        levels({ people: 2, process: 2 }, { a: 3 }),
        levels({ people: 3, process: 2 }, { a: 1 }),
      ),
    ).toBe('improved');
  });

  it('looks at topic levels when no median moved', () => {
    const same = { people: 2 };
    expect(
      compareLevels(levels(same, { a: 2, b: 3 }), levels(same, { a: 1, b: 3 })),
    ).toBe('regressed');
    expect(compareLevels(levels(same, { a: 2 }), levels(same, { a: 3 }))).toBe(
      'improved',
    );
    expect(compareLevels(levels(same, { a: 2 }), levels(same, { a: 2 }))).toBe(
      'unchanged',
    );
  });

  it('counts a level that became unrated as a fall, and a first rating as a rise', () => {
    expect(compareLevels(levels({ people: 2 }), levels({ people: null }))).toBe(
      'regressed',
    );
    expect(compareLevels(levels({ people: null }), levels({ people: 1 }))).toBe(
      'improved',
    );
  });
});

describe('comparePositionalLevels', () => {
  const level = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
  const tier = fc.array(level, { maxLength: 6 });
  const positional = fc.record({ dimensions: tier, topics: tier });
  // The same levels by id, position i as id `i`, as Summaries.decode names them.
  const byId = (positions: (number | null)[]) =>
    Object.fromEntries(positions.map((value, i) => [String(i), value]));

  it('moves an entity as compareLevels does on the same levels by id', () => {
    fc.assert(
      fc.property(fc.option(positional, { nil: null }), positional, (b, a) => {
        const keyed = (l: typeof a) => ({
          dimensions: byId(l.dimensions),
          topics: byId(l.topics),
        });
        expect(comparePositionalLevels(b, a)).toBe(
          compareLevels(b && keyed(b), keyed(a)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a position one date lacks as unrated', () => {
    expect(
      comparePositionalLevels(
        { dimensions: [2], topics: [] },
        { dimensions: [2, 1], topics: [] },
      ),
    ).toBe('improved');
    expect(
      comparePositionalLevels(
        { dimensions: [2, 1], topics: [3] },
        { dimensions: [2], topics: [3] },
      ),
    ).toBe('regressed');
  });
});
