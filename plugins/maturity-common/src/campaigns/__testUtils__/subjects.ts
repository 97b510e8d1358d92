import type { Rating, TopicMap, TopicRatings } from '../../assessment/schema';
import { defaultMaturityModel } from '../../model/bundled';
import { computeAssessmentResult } from '../../scoring/assess';
import { summarizeResult } from '../../scoring/rollup';
import type { GoalSubject } from '../goals';

const model = defaultMaturityModel;
/** The bundled model's first dimension, and two of its topics. */
export const firstDimension = model.dimensions.find(d => d.id === 'people')!;
export const [topicA, topicB] = firstDimension.topics;

/** A snapshot where every topic of the model reached `levels[id] ?? 0`. */
export function subject(
  assessedAt: string,
  levels: Record<string, number>,
): GoalSubject {
  const ratings: TopicMap<TopicRatings> = Object.fromEntries(
    model.dimensions.flatMap(d =>
      d.topics.map(t => [
        t.id,
        Object.fromEntries(
          [1, 2, 3, 4, 5]
            .filter(l => l <= t.maxLevel)
            .map(l => [
              String(l),
              (l <= (levels[t.id] ?? 0) ? 'fully' : 'not-yet') as Rating,
            ]),
        ),
      ]),
    ),
  );
  const { topicLevels, dimensionMedians } = summarizeResult(
    computeAssessmentResult(model, {
      ratings,
      targets: {},
      createdAt: assessedAt,
    }),
  );
  return { assessedAt, topicLevels, dimensionMedians };
}
