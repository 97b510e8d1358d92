import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  burnupDays,
  CampaignGoals,
  computeAssessmentResult,
  defaultMaturityModel,
  evaluateGoals,
  GoalSubject,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import { fakeClock } from '../__testUtils__/fakeClock';
import { fullyTo, OWNER } from '../__testUtils__/fixtures';
import { defaultSummaries, writeAt } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { CampaignScopeResolver } from './CampaignScope';
import { CampaignService } from './CampaignService';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const NOW = new Date('2026-11-22T18:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const credentials = mockCredentials.user(OWNER);
const caller = { credentials, visibility: { type: 'all' as const } };
const TOPIC = 'people.ai';

/** A scope of these refs: the index is not what these tests are about. */
function scopeOf(refs: () => string[]): CampaignScopeResolver {
  return {
    resolve: async () =>
      refs().map(entityRef => ({
        entityRef,
        title: null,
        ownerRef: 'group:default/payments',
        latest: null,
      })),
    groupSubtree: async ref => new Set([ref]),
    visibleRefs: async refs_ => new Set(refs_),
  };
}

async function setUpHistory(
  id: Parameters<typeof databases.init>[0],
  maxDays = 366,
) {
  const knex = await databases.init(id);
  const assessments = await DatabaseAssessmentStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const campaigns = new DatabaseCampaignStore(knex);
  let inScope: string[] = [];
  const service = new CampaignService({
    campaigns,
    scope: scopeOf(() => inScope),
    summaries: defaultSummaries,
    configured: [],
    limits: { maxDays },
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
  const write = (ref: string, time: string, level: number, uid?: string) =>
    writeAt(assessments, ref, new Date(time), level, uid);
  const burnup = async (
    goals: CampaignGoals,
    startsOn: string,
    refs: string[],
  ) => {
    inScope = refs;
    jest.setSystemTime(NOW);
    const campaign = await campaigns.create(
      {
        title: 'AI',
        description: '',
        scope: {},
        goals,
        startsOn,
        deadline: '2026-12-31',
        status: 'open',
      },
      OWNER,
    );
    return (
      await service.progress(campaign.id, { limit: 1, show: 'all' }, caller)
    ).burnup;
  };
  return { knex, write, burnup, service, campaigns };
}

/** A snapshot scored by the engine of -common, as the old replay did. */
function replayed(time: string, level: number): GoalSubject {
  const { topicLevels, dimensionMedians } = summarizeResult(
    computeAssessmentResult(defaultMaturityModel, {
      ratings: { [TOPIC]: fullyTo(level) },
      targets: {},
      createdAt: time,
    }),
  );
  return { assessedAt: time, topicLevels, dimensionMedians };
}

describe.each(databases.eachSupportedId())('campaign burn-up on %p', id => {
  fakeClock();
  let knex: Knex | undefined;
  afterEach(async () => knex?.destroy());

  it('has one point per day, from the summary history', async () => {
    const history = await setUpHistory(id);
    knex = history.knex;
    const { write, burnup } = history;
    // Made before and during the days of the campaign so far; web is not in
    // scope and never counts.
    await write('component:default/payments-api', '2026-11-10T09:00:00Z', 2);
    await write('component:default/ledger', '2026-11-18T08:00:00Z', 2);
    await write('component:default/web', '2026-11-18T08:00:00Z', 3);
    await write('component:default/payments-api', '2026-11-19T10:00:00Z', 1);
    await write('component:default/payments-api', '2026-11-21T23:59:00Z', 3);

    expect(
      await burnup({ topics: { [TOPIC]: 2 } }, '2026-11-17', [
        'component:default/ledger',
        'component:default/payments-api',
      ]),
    ).toEqual([
      { date: '2026-11-17', meeting: 1, total: 2 },
      { date: '2026-11-18', meeting: 2, total: 2 },
      { date: '2026-11-19', meeting: 1, total: 2 },
      { date: '2026-11-20', meeting: 1, total: 2 },
      { date: '2026-11-21', meeting: 2, total: 2 },
      { date: '2026-11-22', meeting: 2, total: 2 },
    ]);
  });

  it('shows the last days of the limit for a campaign stored longer than it', async () => {
    const history = await setUpHistory(id, 3);
    knex = history.knex;
    await history.write('component:default/ledger', '2026-11-18T08:00:00Z', 2);
    expect(
      await history.burnup({ topics: { [TOPIC]: 2 } }, '2026-01-01', [
        'component:default/ledger',
      ]),
    ).toEqual([
      { date: '2026-11-20', meeting: 1, total: 1 },
      { date: '2026-11-21', meeting: 1, total: 1 },
      { date: '2026-11-22', meeting: 1, total: 1 },
    ]);
  });

  it("counts an entity that took over its ref from another only from then, without the other one's snapshots", async () => {
    const history = await setUpHistory(id);
    knex = history.knex;
    const { write, burnup } = history;
    await write('component:default/ledger', '2026-11-10T09:00:00Z', 3, 'old');
    await write('component:default/web', '2026-11-10T09:00:00Z', 3);
    // A new entity under the old one's ref, assessed below the goal.
    await write('component:default/ledger', '2026-11-20T09:00:00Z', 1, 'new');

    expect(
      await burnup({ topics: { [TOPIC]: 2 } }, '2026-11-18', [
        'component:default/ledger',
        'component:default/web',
      ]),
    ).toEqual([
      { date: '2026-11-18', meeting: 1, total: 1 },
      { date: '2026-11-19', meeting: 1, total: 1 },
      { date: '2026-11-20', meeting: 1, total: 2 },
      { date: '2026-11-21', meeting: 1, total: 2 },
      { date: '2026-11-22', meeting: 1, total: 2 },
    ]);
  });

  it('matches a replay of every snapshot through the scoring engine, for random histories (property)', async () => {
    const history = await setUpHistory(id);
    knex = history.knex;
    const { write, burnup } = history;
    const startsOn = '2026-11-12';
    const start = Date.parse(`${startsOn}T00:00:00Z`);
    const snapshotArb = fc.record({
      entity: fc.integer({ min: 0, max: 3 }),
      // Any millisecond from three days before the start to now, midnights
      // included.
      time: fc.oneof(
        fc.integer({ min: start - 3 * DAY, max: NOW.getTime() }),
        fc.integer({ min: -3, max: 10 }).map(d => start + d * DAY),
      ),
      level: fc.integer({ min: 0, max: 3 }),
    });
    const goalsArb = fc.record({
      topics: fc.constant({ [TOPIC]: 2 }),
      assessedWithinDays: fc.option(fc.integer({ min: 1, max: 5 }), {
        nil: undefined,
      }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        goalsArb,
        fc.array(snapshotArb, { maxLength: 10 }),
        async (goals, snapshots) => {
          run++;
          const refs = [0, 1, 2, 3].map(e => `component:default/r${run}-e${e}`);
          const written = [...snapshots].sort((a, b) => a.time - b.time);
          for (const { entity, time, level } of written) {
            await write(refs[entity], new Date(time).toISOString(), level);
          }
          const histories = refs.map((_, e) =>
            written
              .filter(w => w.entity === e)
              .map(w => replayed(new Date(w.time).toISOString(), w.level)),
          );
          // Each day, every entity's latest snapshot made before the day's
          // end, judged at its last instant.
          const days = burnupDays({ startsOn, deadline: '2026-12-31' }, NOW);
          expect(await burnup(goals, startsOn, refs)).toEqual(
            days.map(date => {
              const end = Date.parse(`${date}T00:00:00Z`) + DAY;
              const meeting = histories.filter(made => {
                const before = made.filter(s => Date.parse(s.assessedAt) < end);
                const latest = before[before.length - 1] ?? null;
                return evaluateGoals(goals, latest, new Date(end - 1)).meets;
              }).length;
              return { date, meeting, total: refs.length };
            }),
          );
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe.each(databases.eachSupportedId())('campaign limits on %p', id => {
  let knex: Knex | undefined;
  afterEach(async () => knex?.destroy());

  const input = {
    title: 'Audit logs',
    description: '',
    scope: {},
    goals: { topics: { [TOPIC]: 2 } },
    deadline: '2026-11-30',
    status: 'open' as const,
  };

  it('refuses a start more than the limit before today, and stores nothing', async () => {
    const history = await setUpHistory(id);
    knex = history.knex;
    const { service, campaigns } = history;
    await expect(
      service.create({ ...input, startsOn: '2025-11-20' }, OWNER),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        'Invalid campaign: startsOn: must be at most 366 days before today, 2025-11-21 or later (maturity.campaignLimits.maxDays)',
    });
    expect(await campaigns.list()).toEqual([]);
    const created = await service.create(
      { ...input, startsOn: '2025-11-21' },
      OWNER,
    );
    expect(created.startsOn).toBe('2025-11-21');
  });

  it('lets a campaign that started long ago be edited, but not moved to another old start', async () => {
    const history = await setUpHistory(id);
    knex = history.knex;
    const { service, campaigns } = history;
    // Stored when the limit allowed it.
    const old = await campaigns.create(
      { ...input, startsOn: '2025-06-01', deadline: '2025-12-31' },
      OWNER,
    );
    const closed = await service.update(
      old.id,
      {
        ...input,
        startsOn: '2025-06-01',
        deadline: '2025-12-31',
        status: 'closed',
        baseVersion: 1,
      },
      OWNER,
    );
    expect(closed).toMatchObject({ version: 2, status: 'closed' });
    await expect(
      service.update(
        old.id,
        {
          ...input,
          startsOn: '2025-05-01',
          deadline: '2025-12-31',
          baseVersion: 2,
        },
        OWNER,
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('startsOn: must be at most 366 days'),
    });
    expect(await campaigns.versions(old.id)).toHaveLength(2);
    await expect(
      service.update(
        'no-such-id',
        { ...input, startsOn: '2000-01-01', baseVersion: 1 },
        OWNER,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe.each(databases.eachSupportedId())('campaign scopes on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  const input = {
    title: 'Audit logs',
    description: '',
    goals: { topics: { 'process.audit-and-logs': 2 } },
    startsOn: '2026-11-17',
    deadline: '2026-12-31',
    status: 'open' as const,
  };

  async function setUp(visible: string[]) {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const campaigns = new DatabaseCampaignStore(knex);
    const resolved: string[][] = [];
    const scope: CampaignScopeResolver = {
      resolve: async s => {
        resolved.push([s.owner ?? '', s.system ?? '']);
        return [
          {
            entityRef: 'component:default/ledger',
            title: null,
            ownerRef: 'group:default/payments',
            latest: null,
          },
        ];
      },
      groupSubtree: async ref => new Set([ref]),
      visibleRefs: async refs => new Set(refs.filter(r => visible.includes(r))),
    };
    const logger = mockServices.logger.mock();
    const service = new CampaignService({
      campaigns,
      scope,
      summaries: defaultSummaries,
      configured: [],
      limits: { maxDays: 366 },
      logger,
      now: () => NOW,
    });
    return { campaigns, service, logger, resolved };
  }

  /** A campaign stored before scopes were checked, with a ref naming nothing. */
  async function storeBroken() {
    await knex('maturity_campaign').insert({
      id: 'broken',
      version: 1,
      created_at: new Date('2026-11-01T00:00:00Z'),
      created_by: OWNER,
    });
    await knex('maturity_campaign_version').insert({
      campaign_id: 'broken',
      version: 1,
      created_at: new Date('2026-11-01T00:00:00Z'),
      created_by: OWNER,
      payload: JSON.stringify({ ...input, scope: { owner: 'group:default/' } }),
    });
  }

  it('skips a stored campaign whose scope cannot be read, logging it once, and answers 409 for it alone', async () => {
    const { campaigns, service, logger, resolved } = await setUp([]);
    await storeBroken();
    const good = await campaigns.create({ ...input, scope: {} }, OWNER);

    const listed = await service.list(caller);
    await service.list(caller);
    expect(listed.map(c => c.id)).toEqual([good.id]);
    expect((await service.all()).map(c => c.id)).toEqual([good.id]);
    expect(
      (await service.forEntity('component:default/ledger', caller)).items.map(
        i => i.campaign.id,
      ),
    ).toEqual([good.id]);
    expect(resolved.every(([owner]) => owner === '')).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Skipping maturity campaign broken (version 1): scope.owner: must be an entity ref',
      ),
    );
    await expect(service.summary('broken', caller)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('edit its scope'),
    });
    // Its history stays readable.
    expect(
      (await service.versions('broken', caller)).map(v => v.scope),
    ).toEqual([{ owner: 'group:default/' }]);
  });

  it('shows a scope group or system only to a caller who can see it, and evaluates the real one', async () => {
    const { campaigns, service, resolved } = await setUp([
      'system:default/shop',
    ]);
    const created = await campaigns.create(
      {
        ...input,
        scope: { owner: 'Group:Default/Secret-Team', system: 'shop' },
      },
      OWNER,
    );

    const [listed] = await service.list(caller);
    expect(listed.scope).toEqual({ owner: 'a hidden group', system: 'shop' });
    expect(listed.hiddenScope).toEqual(['owner']);
    const summary = await service.summary(created.id, caller);
    expect(summary.scope.owner).toBe('a hidden group');
    const progress = await service.progress(
      created.id,
      { limit: 10, show: 'all' },
      caller,
    );
    expect(progress.campaign.hiddenScope).toEqual(['owner']);
    const [entity] = (
      await service.forEntity('component:default/ledger', caller)
    ).items;
    expect(entity.campaign.scope.owner).toBe('a hidden group');
    const [version] = await service.versions(created.id, caller);
    expect(JSON.stringify(version)).not.toMatch(/secret/i);
    // The scope is evaluated as stored, never as the words shown.
    expect(new Set(resolved.map(([owner]) => owner))).toEqual(
      new Set(['Group:Default/Secret-Team']),
    );
  });
});
