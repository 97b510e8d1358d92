import { encodedLevelAt, readLevelsAt } from './encodedLevels';

describe('encodedLevelAt', () => {
  // Null, a half level (a median), or a whole one.
  const level = () => {
    const draw = Math.random();
    if (draw < 0.15) return null;
    if (draw < 0.3) return Math.floor(Math.random() * 10) / 2;
    return Math.floor(Math.random() * 6);
  };
  const list = (length: number) => Array.from({ length }, level);

  it('answers what a read of the parsed levels answers, at every position and past the end', () => {
    for (let run = 0; run < 500; run++) {
      const lists = [
        list(Math.floor(Math.random() * 24)),
        list(Math.floor(Math.random() * 7)),
        [1, 4],
      ];
      // As the stores write them, and with the spaces another writer of
      // JSON might put in.
      const compact = JSON.stringify(lists);
      const spaced = JSON.stringify(lists, null, 1);
      for (const encoded of [compact, spaced]) {
        for (const l of [0, 1]) {
          for (let p = 0; p < 26; p++) {
            expect({
              encoded,
              l,
              p,
              level: encodedLevelAt(encoded, l, p),
            }).toEqual({
              encoded,
              l,
              p,
              level: lists[l][p] ?? null,
            });
          }
        }
      }
    }
  });

  it('reads levels of several digits, and a list that is empty', () => {
    expect(encodedLevelAt('[[12,3],[],[]]', 0, 0)).toBe(12);
    expect(encodedLevelAt('[[12,3],[],[]]', 0, 1)).toBe(3);
    expect(encodedLevelAt('[[12,3],[],[]]', 1, 0)).toBeNull();
    expect(encodedLevelAt('[[],[2.5,null,4],[]]', 1, 0)).toBe(2.5);
    expect(encodedLevelAt('[[],[2.5,null,4],[]]', 1, 1)).toBeNull();
    expect(encodedLevelAt('[[],[2.5,null,4],[]]', 1, 2)).toBe(4);
  });
});

describe('readLevelsAt', () => {
  it('writes the levels at the positions named into the lists given, and leaves their others', () => {
    const encoded = JSON.stringify([[0, 1, 2, null, 4], [2.5, 3, null], []]);
    const into = { topicLevels: [9, 9, 9, 9, 9], dimensionMedians: [9, 9, 9] };
    const read = readLevelsAt(
      encoded,
      { topics: [1, 3, 7], dimensions: [0, 2] },
      into,
    );
    expect(read).toBe(into);
    expect(into).toEqual({
      topicLevels: [9, 1, 9, null, 9, undefined, undefined, null],
      dimensionMedians: [2.5, 9, null],
    });
  });
});
