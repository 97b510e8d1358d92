import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { formatLevel } from './levels';

/** Levels at an earlier moment, to mark how each has moved since. */
export interface EarlierLevels {
  /** Level per id (dimension or topic); missing or null when unrated then. */
  levels: Record<string, number | null | undefined>;
  /** The earlier moment as people read it, e.g. "1 Jun 2026". */
  when: string;
}

/** How a level moved since an earlier one. */
export interface LevelChange {
  /** ▲ higher, ▼ lower, or empty when neither. */
  arrow: '▲' | '▼' | '';
  /** The move in words, with the earlier level: "up from 2 · Operate on 1 Jun 2026". */
  text: string;
}

/**
 * The arrow and the words of a level against an earlier one: the arrow is
 * only for a level higher or lower than a rated earlier level, since a level
 * rated for the first time has not moved up from anything.
 */
export function levelChange(
  model: Pick<MaturityModel, 'levels'>,
  level: number | null,
  earlier: number | null,
  when: string,
): LevelChange {
  const then = `${formatLevel(model, earlier)} on ${when}`;
  if (level === earlier) return { arrow: '', text: `unchanged since ${when}` };
  if (level === null || earlier === null) {
    return { arrow: '', text: `was ${then}` };
  }
  return level > earlier
    ? { arrow: '▲', text: `up from ${then}` }
    : { arrow: '▼', text: `down from ${then}` };
}

/** The levels of each row of an earlier answer, by entity ref. */
export function earlierByRef(
  rows: Array<{
    entityRef: string;
    dimensions: Record<string, number | null>;
  }>,
  when: string,
): Map<string, EarlierLevels> {
  return new Map(
    rows.map(row => [row.entityRef, { levels: row.dimensions, when }]),
  );
}
