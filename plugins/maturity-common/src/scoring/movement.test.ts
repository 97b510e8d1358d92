import { compareLevels } from './movement';

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
