import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { ReviewSettings } from '../config';
import type { ReviewStore } from '../database/ReviewStore';
import { reviewDigestNotice } from '../services/reviewNotices';

/**
 * The reviewers' digest: one notification a run to
 * `maturity.review.reviewers`, how many snapshots wait and since when the
 * oldest; nothing when none wait or no one is configured. Answers how many
 * waited.
 */
export async function sendReviewDigest(options: {
  reviews: Pick<ReviewStore, 'waiting'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  settings: ReviewSettings;
  now?: Date;
}): Promise<number> {
  const { reviewers } = options.settings;
  if (!reviewers.length) return 0;
  const waiting = await options.reviews.waiting();
  if (!waiting.count) return 0;
  await options.notifications.send({
    recipients: { type: 'entity', entityRef: reviewers },
    payload: reviewDigestNotice(waiting, options.now ?? new Date()),
  });
  options.logger.info(
    `Maturity review digest: ${waiting.count} waiting, sent to ${reviewers.length} recipients`,
  );
  return waiting.count;
}
