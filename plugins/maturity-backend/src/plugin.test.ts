import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { OWNER } from './__testUtils__/fixtures';
import {
  BASE,
  startMaturityBackend,
} from './__testUtils__/startMaturityBackend';

// The HTTP behaviour of the plugin is tested under src/integration/; this
// file covers its start-up: what it mounts, registers and schedules, and the
// configuration it refuses to start with.

jest.setTimeout(60_000);

type Topic = { id: string; maxLevel: number };

describe('maturityPlugin', () => {
  it('starts and serves the bundled model', async () => {
    const { get } = await startMaturityBackend();
    const res = await get('/model', OWNER);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('cnmm');
    const topics: Topic[] = res.body.dimensions.flatMap(
      (d: { topics: Topic[] }) => d.topics,
    );
    expect(topics.length).toBe(22);
    // Only people.ai leaves Level 5 out of the model's remit.
    const maxLevel = (id: string) => topics.find(t => t.id === id)!.maxLevel;
    expect(maxLevel('policy.ai')).toBe(5);
    expect(maxLevel('people.ai')).toBe(4);
  });

  it('registers its permissions with the permission framework', async () => {
    const { server } = await startMaturityBackend();
    const res = await request(server)
      .get(`${BASE}/.well-known/backstage/permissions/metadata`)
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'maturity.assessment.create',
        'maturity.campaign.manage',
      ]),
    );
  });

  it('schedules the orphan cleanup, the catalog index and the reminders as global tasks', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startMaturityBackend({ features: [scheduler.factory] });
    const scheduled = scheduler.scheduleTask.mock.calls.map(([task]) => [
      task.id,
      task.scope,
    ]);
    expect(scheduled).toEqual([
      ['maturity-orphan-cleanup', 'global'],
      ['maturity-catalog-index', 'global'],
      ['maturity-campaign-reminders', 'global'],
    ]);
  });

  it('refuses to start with deleteAfterDays below 1', async () => {
    await expect(
      startMaturityBackend({
        config: { maturity: { orphans: { deleteAfterDays: 0 } } },
      }),
    ).rejects.toThrow(
      /maturity\.orphans\.deleteAfterDays must be a number of at least 1, got 0/,
    );
  });

  it('refuses to start with a configured campaign whose scope names no entity', async () => {
    await expect(
      startMaturityBackend({
        config: {
          maturity: {
            campaigns: [
              {
                id: 'baseline',
                title: 'Baseline',
                scope: { owner: 'group:default/' },
                goals: { assessedWithinDays: 90 },
                startsOn: '2026-11-01',
                deadline: '2026-12-31',
              },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      'Invalid maturity.campaigns: 0.scope.owner: must be an entity ref such as group:default/name',
    );
  });

  it('refuses to start with a configured campaign longer than the limit, naming it', async () => {
    await expect(
      startMaturityBackend({
        config: {
          maturity: {
            campaignLimits: { maxDays: 30 },
            campaigns: [
              {
                id: 'baseline',
                title: 'Baseline',
                goals: { assessedWithinDays: 90 },
                startsOn: '2026-11-01',
                deadline: '2026-12-01',
              },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      'Invalid maturity.campaigns: 0.deadline: must be at most 30 days from startsOn, both days included (maturity.campaignLimits.maxDays)',
    );
  });
});
