import { Rating, Topic } from '@cnmm/backstage-plugin-maturity-common';

/** A level of a topic rated differently in two sets of ratings. */
export interface RatingDifference {
  level: number;
  before: Rating | undefined;
  after: Rating | undefined;
}

/** The levels of a topic whose rating differs, lowest first. */
export function ratingDifferences(
  topic: Pick<Topic, 'levels'>,
  before: Partial<Record<string, Rating>> | undefined,
  after: Partial<Record<string, Rating>> | undefined,
): RatingDifference[] {
  return topic.levels
    .map(l => ({
      level: l.level,
      before: before?.[String(l.level)],
      after: after?.[String(l.level)],
    }))
    .filter(d => d.before !== d.after);
}
