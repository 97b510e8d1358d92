import {
  MaturityModel,
  Rating,
  scoreTopic,
  Topic,
} from '@cnmm/backstage-plugin-maturity-common';
import { ratingDifferences } from '../shared';
import { Draft } from './formState';

/**
 * The ratings of a topic set at one level in a single step: every level up
 * to it `fully` met, every level above `not-yet`. The assessor refines them
 * level by level afterwards.
 */
export function ratingsForLevel(
  topic: Pick<Topic, 'levels'>,
  level: number,
): Record<string, Rating> {
  return Object.fromEntries(
    topic.levels.map(l => [
      String(l.level),
      l.level <= level ? 'fully' : 'not-yet',
    ]),
  );
}

/** What a draft changes in one topic against the revision it started from. */
export interface TopicChange {
  topicId: string;
  title: string;
  oldLevel: number | null;
  newLevel: number | null;
  /** How many levels are rated differently. */
  ratingsChanged: number;
  oldTarget: number | null;
  newTarget: number | null;
}

/** The topics whose ratings or target differ between two drafts, in model order. */
export function changesBetween(
  model: MaturityModel,
  before: Draft,
  after: Draft,
): TopicChange[] {
  const changes: TopicChange[] = [];
  for (const topic of model.dimensions.flatMap(d => d.topics)) {
    const old = before.ratings[topic.id] ?? {};
    const next = after.ratings[topic.id] ?? {};
    const ratingsChanged = ratingDifferences(topic, old, next).length;
    const oldTarget = before.targets[topic.id] ?? null;
    const newTarget = after.targets[topic.id] ?? null;
    if (ratingsChanged === 0 && oldTarget === newTarget) continue;
    changes.push({
      topicId: topic.id,
      title: topic.title,
      oldLevel: scoreTopic(old, topic.maxLevel).level,
      newLevel: scoreTopic(next, topic.maxLevel).level,
      ratingsChanged,
      oldTarget,
      newTarget,
    });
  }
  return changes;
}
