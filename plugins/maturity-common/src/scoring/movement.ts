import type { Movement } from '../api/changes';

/** The levels of an entity at one date that a movement is judged on. @public */
export interface ComparedLevels {
  dimensions: Record<string, number | null>;
  topics: Record<string, number | null>;
}

/** Whether any level went down, and whether any went up; unrated counts as below level 1. */
function moved(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
) {
  let down = false;
  let up = false;
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[id] ?? 0;
    const is = after[id] ?? 0;
    if (is < was) down = true;
    if (is > was) up = true;
  }
  return { down, up };
}

/**
 * How an entity moved between two dates. The dimension medians decide
 * first, the topic levels only when no median moved; a fall anywhere at the
 * deciding tier outweighs a rise, since a lead reviewing a quarter wants
 * every regression in front of them.
 * @public
 */
export function compareLevels(
  before: ComparedLevels | null,
  after: ComparedLevels,
): Movement {
  if (!before) return 'newly-assessed';
  for (const tier of ['dimensions', 'topics'] as const) {
    const { down, up } = moved(before[tier], after[tier]);
    if (down) return 'regressed';
    if (up) return 'improved';
  }
  return 'unchanged';
}
