import type { Movement } from '../api/changes';

/** The levels of an entity at one date that a movement is judged on. @public */
export interface ComparedLevels {
  dimensions: Record<string, number | null>;
  topics: Record<string, number | null>;
}

/**
 * The same levels by position, as the summaries store them (the model's
 * order of dimensions and of topics); a missing position is unrated.
 * @public
 */
export interface PositionalLevels {
  dimensions: ReadonlyArray<number | null>;
  topics: ReadonlyArray<number | null>;
}

/** Whether any level went down, and whether any went up; unrated counts as below level 1. */
function moved(
  before: ReadonlyArray<number | null | undefined>,
  after: ReadonlyArray<number | null | undefined>,
) {
  let down = false;
  let up = false;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const was = before[i] ?? 0;
    const is = after[i] ?? 0;
    if (is < was) down = true;
    if (is > was) up = true;
  }
  return { down, up };
}

/**
 * How an entity moved between two dates, its levels by position. The
 * dimension medians decide first, the topic levels only when no median
 * moved; a fall anywhere at the deciding tier outweighs a rise, since a lead
 * reviewing a quarter wants every regression in front of them. Both dates'
 * levels must be in the same order; a read of many entities compares them
 * so without making records of them.
 * @public
 */
export function comparePositionalLevels(
  before: PositionalLevels | null,
  after: PositionalLevels,
): Movement {
  if (!before) return 'newly-assessed';
  for (const tier of ['dimensions', 'topics'] as const) {
    const { down, up } = moved(before[tier], after[tier]);
    if (down) return 'regressed';
    if (up) return 'improved';
  }
  return 'unchanged';
}

/** Both dates' levels of one tier in one order: that of every id either has. */
function aligned(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
) {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return [ids.map(id => before[id] ?? null), ids.map(id => after[id] ?? null)];
}

/**
 * How an entity moved between two dates, its levels by id: the rule of
 * `comparePositionalLevels`, on the ids either date has.
 * @public
 */
export function compareLevels(
  before: ComparedLevels | null,
  after: ComparedLevels,
): Movement {
  if (!before) return 'newly-assessed';
  const [dimensionsBefore, dimensionsAfter] = aligned(
    before.dimensions,
    after.dimensions,
  );
  const [topicsBefore, topicsAfter] = aligned(before.topics, after.topics);
  return comparePositionalLevels(
    { dimensions: dimensionsBefore, topics: topicsBefore },
    { dimensions: dimensionsAfter, topics: topicsAfter },
  );
}
