import { mockServices } from '@backstage/backend-test-utils';
import type { Waiting } from '../database/ReviewStore';
import { at } from '../__testUtils__/fakeClock';
import { sendReviewDigest } from './reviewDigest';

const REVIEWERS = ['group:default/maturity-admins', 'user:default/ada'];

function run(waiting: Waiting, reviewers = REVIEWERS) {
  const notifications = { send: jest.fn(async () => {}) };
  const sent = sendReviewDigest({
    reviews: { waiting: async () => waiting },
    notifications,
    logger: mockServices.logger.mock(),
    settings: { required: true, reviewers },
    now: at(10),
  });
  return { sent, notifications };
}

describe('sendReviewDigest', () => {
  it('sends one notice to every reviewer: how many wait and since when the oldest', async () => {
    const { sent, notifications } = run({
      count: 3,
      oldest: { createdAt: at(6.5).toISOString(), entityRef: 'component:default/a' },
    });
    expect(await sent).toBe(3);
    expect(notifications.send).toHaveBeenCalledTimes(1);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: REVIEWERS },
      payload: {
        title: '3 maturity assessments wait for review',
        description:
          'The oldest has waited 3 days. The review list shows those you may decide.',
        link: '/maturity',
        topic: 'Maturity assessment review',
        severity: 'normal',
        scope: `maturity:review-digest:${at(10).toISOString().slice(0, 10)}`,
      },
    });
  });

  it('names no entity: the plugin cannot tell what each reviewer may see', async () => {
    const { sent, notifications } = run({
      count: 1,
      oldest: { createdAt: at(10).toISOString(), entityRef: 'component:default/secret' },
    });
    await sent;
    const [[{ payload }]] = notifications.send.mock.calls as any;
    expect(JSON.stringify(payload)).not.toContain('secret');
    expect(payload.title).toBe('1 maturity assessment waits for review');
  });

  it('sends nothing when none wait, or no one reviews', async () => {
    const none = run({ count: 0 });
    expect(await none.sent).toBe(0);
    expect(none.notifications.send).not.toHaveBeenCalled();
    const nobody = run(
      { count: 2, oldest: { createdAt: at(1).toISOString(), entityRef: 'x' } },
      [],
    );
    expect(await nobody.sent).toBe(0);
    expect(nobody.notifications.send).not.toHaveBeenCalled();
  });
});
