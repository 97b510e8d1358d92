import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { SnapshotReview } from '@cnmm/backstage-plugin-maturity-common';
import type { Waiting } from '../database/ReviewStore';

// One topic for both, so that users can mute review notices in one place.
const TOPIC = 'Maturity assessment review';

/** A ref as people read it: the name alone for a component of `default`. */
function shortName(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  if (namespace !== 'default') return ref;
  return kind === 'component' ? name : `${kind}:${name}`;
}

/** The notice to an author of the decision on their snapshot. */
export function decisionNotice(
  snapshot: { entityRef: string; revision: number },
  review: SnapshotReview,
): NotificationPayload {
  const { kind, namespace, name } = parseEntityRef(snapshot.entityRef);
  const entity = shortName(snapshot.entityRef);
  const approved = review.status === 'approved';
  const by = review.reviewer ? ` by ${shortName(review.reviewer)}` : '';
  return {
    title: approved
      ? `Your maturity assessment of ${entity} was approved`
      : `Your maturity assessment of ${entity} was returned`,
    description: approved
      ? `Revision ${snapshot.revision} was approved${by} and now counts.${
          review.comment ? ` ${review.comment}` : ''
        }`
      : `Revision ${snapshot.revision} was returned${by}: ${review.comment}`,
    link: `/catalog/${namespace}/${kind}/${name}/maturity`,
    topic: TOPIC,
    severity: approved ? 'normal' : 'high',
    scope: `maturity:review:${snapshot.entityRef}#${snapshot.revision}`,
  };
}

/**
 * The reviewers' digest. It counts over every entity and names none: the
 * plugin cannot ask the policy what each reviewer may decide, so the review
 * list shows each of them their own part.
 */
export function reviewDigestNotice(
  waiting: Waiting,
  now: Date,
): NotificationPayload {
  const { count, oldest } = waiting;
  const days = oldest
    ? Math.floor((now.getTime() - Date.parse(oldest.createdAt)) / 864e5)
    : 0;
  const waited = days === 1 ? 'a day' : `${days} days`;
  const oldestSays =
    days < 1 ? 'The oldest came in today.' : `The oldest has waited ${waited}.`;
  return {
    title:
      count === 1
        ? '1 maturity assessment waits for review'
        : `${count} maturity assessments wait for review`,
    description: `${oldestSays} The review list shows those you may decide.`,
    link: '/maturity',
    topic: TOPIC,
    severity: 'normal',
    // One per day: a run repeated the same day replaces it.
    scope: `maturity:review-digest:${now.toISOString().slice(0, 10)}`,
  };
}
