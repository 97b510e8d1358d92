/** Which levels of a summary a reader needs, by position in the model. */
export type LevelPositions = { topics: number[]; dimensions: number[] };

/**
 * One level of levels as a summary row stores them (`toSummaryRows`: the
 * JSON of the topics' levels, the dimensions' medians and the topics not
 * applicable, `[[…],[…],[…]]`), at `position` of list `list` (0: topics,
 * 1: dimension medians); null where it is null or the list is shorter, as
 * a read of the parsed list would answer. A burn-up over a whole
 * organisation reads 274,000 of these for the few levels its goals name,
 * and parsing each whole took it 0.2–0.4 s where this takes 15 ms
 * (docs/benchmarks.md).
 */
export function encodedLevelAt(
  encoded: string,
  list: number,
  position: number,
): number | null {
  let start = encoded.indexOf('[', 1);
  for (let l = 0; l < list; l++) {
    start = encoded.indexOf('[', encoded.indexOf(']', start));
  }
  if (start < 0) return null;
  const end = encoded.indexOf(']', start);
  let from = start + 1;
  for (let p = 0; p < position; p++) {
    const comma = encoded.indexOf(',', from);
    if (comma < 0 || comma > end) return null;
    from = comma + 1;
  }
  const comma = encoded.indexOf(',', from);
  const text = encoded
    .slice(from, comma < 0 || comma > end ? end : comma)
    .trim();
  return text === '' || text === 'null' ? null : Number(text);
}

/** The levels a summary's lists hold, by position in the model. */
export type LevelLists = {
  topicLevels: Array<number | null>;
  dimensionMedians: Array<number | null>;
};

/**
 * The levels at the positions `only` names, read from their stored JSON
 * (encodedLevelAt) into `into`'s lists, whose other positions are left as
 * they are: a reader of a whole organisation's rows reuses one pair of lists.
 */
export function readLevelsAt<T extends LevelLists>(
  encoded: string,
  only: LevelPositions,
  into: T,
): T {
  for (const p of only.topics) {
    into.topicLevels[p] = encodedLevelAt(encoded, 0, p);
  }
  for (const p of only.dimensions) {
    into.dimensionMedians[p] = encodedLevelAt(encoded, 1, p);
  }
  return into;
}
