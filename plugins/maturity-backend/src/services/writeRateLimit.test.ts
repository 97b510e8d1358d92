import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseWriteLimitStore } from '../database/DatabaseWriteLimitStore';
import {
  SnapshotQuota,
  TooManyRequestsError,
  WriteRateLimiter,
} from './writeRateLimit';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const T0 = new Date('2026-12-05T10:00:00Z').getTime();

async function refusal(action: Promise<unknown>) {
  try {
    await action;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe.each(databases.eachSupportedId())('write limits on %p', id => {
  let knex: Knex;
  let store: DatabaseWriteLimitStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    store = new DatabaseWriteLimitStore(knex);
  });
  afterEach(async () => knex.destroy());

  describe('WriteRateLimiter', () => {
    it('allows perMinute writes per user, then refuses with a retry delay', async () => {
      let now = T0;
      const limiter = new WriteRateLimiter({
        store,
        perMinute: 3,
        now: () => new Date(now),
      });
      for (let i = 0; i < 3; i++) await limiter.take('user:default/a');
      await limiter.take('user:default/b');
      now += 20_000;
      const refused = await refusal(limiter.take('user:default/a'));
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      expect(refused).toMatchObject({ statusCode: 429, retryAfterSeconds: 40 });
      now += 40_000;
      await expect(limiter.take('user:default/a')).resolves.toBeUndefined();
    });

    it('counts one limit across replicas, also when they write at the same moment', async () => {
      const now = () => new Date(T0);
      const replicas = [1, 2, 3].map(
        () => new WriteRateLimiter({ store, perMinute: 10, now }),
      );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          replicas[i % 3].take('user:default/a'),
        ),
      );
      expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(10);
      expect(outcomes.filter(o => o.status === 'rejected')).toHaveLength(20);
    });

    it('sweeps the windows that ended, keeping the table to recent writers', async () => {
      let now = T0;
      const limiter = new WriteRateLimiter({
        store,
        perMinute: 1,
        now: () => new Date(now),
      });
      for (let i = 0; i < 50; i++) await limiter.take(`user:default/u${i}`);
      now += 61_000;
      await limiter.take('user:default/late');
      expect(await knex('maturity_write_window').pluck('user_ref')).toEqual([
        'user:default/late',
      ]);
    });
  });

  describe('SnapshotQuota', () => {
    const snapshot = (revision: number, at: number) => ({
      entity_ref: 'component:default/ledger',
      revision,
      model_id: 'cnmm',
      model_version: '4.0',
      created_at: new Date(at),
      created_by: 'user:default/sam',
      payload: '{}',
    });

    it('allows perDay snapshots per entity in any 24 hours, then refuses until the oldest ages out', async () => {
      let now = T0 + 12 * 3_600_000;
      const quota = new SnapshotQuota({
        store,
        perDay: 3,
        now: () => new Date(now),
      });
      // One from yesterday does not count.
      await knex('maturity_assessment').insert([
        snapshot(1, T0 - 25 * 3_600_000),
        snapshot(2, T0),
        snapshot(3, T0 + 3_600_000),
      ]);
      await expect(
        quota.check('component:default/ledger'),
      ).resolves.toBeUndefined();
      await knex('maturity_assessment').insert(snapshot(4, T0 + 7_200_000));
      const refused = await refusal(quota.check('component:default/ledger'));
      expect(refused).toBeInstanceOf(TooManyRequestsError);
      // Revision 2 ages out 24 hours after T0: 12 hours from now.
      expect(refused).toMatchObject({
        statusCode: 429,
        retryAfterSeconds: 12 * 3600,
        message: expect.stringContaining(
          'component:default/ledger has received 3 assessments in the last 24 hours',
        ),
      });
      await expect(quota.check('component:default/web')).resolves.toBe(
        undefined,
      );
      now = T0 + 24 * 3_600_000 + 1;
      await expect(
        quota.check('component:default/ledger'),
      ).resolves.toBeUndefined();
    });
  });
});
