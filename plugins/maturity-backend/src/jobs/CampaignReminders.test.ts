import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Campaign,
  evaluateGoals,
} from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { readMaturityConfig, ReminderSettings } from '../config';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseReminderStore } from '../database/DatabaseReminderStore';
import { CampaignService, EvaluatedEntity } from '../services/CampaignService';
import { CampaignReminders, isoWeek } from './CampaignReminders';

jest.setTimeout(60_000);

describe('isoWeek', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2027-01-01', '2026-W53'], // a Friday: the last week of the year before
    ['2024-12-30', '2025-W01'], // a Monday whose Thursday is in 2025
    ['2026-11-22', '2026-W47'], // a Sunday closes its week
    ['2026-11-23', '2026-W48'], // and the Monday after opens the next
  ])('%s is in %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
    expect(isoWeek(new Date(`${day}T23:59:59Z`))).toBe(week);
  });
});

describe('readMaturityConfig(config).reminders', () => {
  it('turns every reason on unless switched off, sends once, names nothing', () => {
    const settings = readMaturityConfig(
      new ConfigReader({
        maturity: { staleAfterDays: 90, reminders: { assessmentStale: false } },
      }),
    ).reminders;
    expect(settings).toEqual({
      staleAfterDays: 90,
      enabled: {
        'campaign-started': true,
        'assessment-missing': true,
        'assessment-stale': false,
        'deadline-14-days': true,
        'deadline-3-days': true,
      },
      repeatWeekly: false,
      listEntities: false,
      maxRunMs: 600_000,
    });
  });
});

const databases = createTestDatabases();
const NOW = new Date('2026-12-07T09:00:00Z');
const TEAM = 'group:default/payments';
const HOUR = 3_600_000;

const campaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  id: 'c1',
  version: 1,
  source: 'database',
  title: 'Production readiness',
  description: '',
  scope: {},
  goals: { topics: { 'process.audit-and-logs': 2 } },
  startsOn: '2026-12-07',
  deadline: '2027-01-31',
  status: 'open',
  createdAt: NOW.toISOString(),
  createdBy: 'user:default/ada',
  updatedAt: NOW.toISOString(),
  updatedBy: 'user:default/ada',
  ...overrides,
});

/** `count` unassessed components of one team. */
function components(count: number, owner = TEAM): EvaluatedEntity[] {
  return Array.from({ length: count }, (_, i) => ({
    entityRef: `component:default/svc-${String(i).padStart(3, '0')}`,
    title: null,
    ownerRef: owner,
    evaluation: evaluateGoals(campaign().goals, null, NOW),
  }));
}

describe.each(databases.eachSupportedId())('campaign reminders on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  async function setUp(
    options: {
      campaigns?: Campaign[];
      entities?: EvaluatedEntity[];
      settings?: Partial<ReminderSettings>;
    } = {},
  ) {
    knex = await databases.init(id);
    await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const state = {
      campaigns: options.campaigns ?? [campaign()],
      entities: options.entities ?? components(300),
    };
    const service = {
      all: jest.fn(async () => state.campaigns),
      evaluate: jest.fn(async () => state.entities),
    } as unknown as CampaignService;
    const sent: Parameters<NotificationService['send']>[0][] = [];
    const notifications = {
      send: jest.fn(async (n: Parameters<NotificationService['send']>[0]) => {
        sent.push(n);
      }),
    };
    const replica = (overrides: { clock?: () => number } = {}) =>
      new CampaignReminders({
        service,
        store: new DatabaseReminderStore(knex),
        notifications,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        settings: {
          enabled: {
            'campaign-started': true,
            'assessment-missing': true,
            'assessment-stale': true,
            'deadline-14-days': true,
            'deadline-3-days': true,
          },
          staleAfterDays: 180,
          repeatWeekly: false,
          listEntities: false,
          maxRunMs: HOUR,
          ...options.settings,
        },
        ...overrides,
      });
    const summary = () =>
      sent.map(
        n =>
          `${(n.recipients as { entityRef: string }).entityRef} ${
            n.payload.topic
          }`,
      );
    return { state, sent, notifications, replica, summary };
  }

  it('sends one digest per owner and reason for 300 components of a team, not 600 notifications', async () => {
    const { sent, summary, replica } = await setUp();
    const run = await replica().run({ now: NOW });
    expect(summary()).toEqual([
      `${TEAM} Maturity assessment missing`,
      `${TEAM} Maturity campaign started`,
    ]);
    expect(run.sent.map(d => d.entityRefs.length)).toEqual([300, 300]);
    // Without listEntities no entity is named, nor counted.
    // The scope is a random id, which may hold "300" by chance.
    for (const { payload } of sent) {
      const { scope: _randomId, ...words } = payload;
      expect(JSON.stringify(words)).not.toMatch(/svc-|300/);
      expect(payload.link).toBe('/catalog/default/group/payments/maturity');
    }
    // Sent is recorded: a second run, on any replica, sends nothing.
    expect((await replica().run({ now: NOW })).sent).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it('names at most 20 entities with listEntities, then how many more', async () => {
    const { sent, replica } = await setUp({
      settings: { listEntities: true },
    });
    await replica().run({ now: NOW });
    expect(sent[0].payload.description).toBe(
      `300 entities of group:payments: ${Array.from(
        { length: 20 },
        (_, i) => `svc-${String(i).padStart(3, '0')}`,
      ).join(
        ', ',
      )} and 280 more in "Production readiness" (deadline 2027-01-31) have never been assessed. Their Maturity tabs show what each needs.`,
    );
  });

  it('reminds only the entities not reminded before, and missing ones weekly only when asked', async () => {
    const { state, summary, replica, sent } = await setUp({
      entities: components(3),
    });
    await replica().run({ now: NOW });
    // A component joins the team three days later.
    state.entities = components(4);
    const later = new Date(NOW.getTime() + 72 * HOUR);
    const run = await replica().run({ now: later });
    expect(run.sent.map(d => [d.reason, d.entityRefs])).toEqual([
      ['assessment-missing', ['component:default/svc-003']],
      ['campaign-started', ['component:default/svc-003']],
    ]);
    const nextWeek = new Date(NOW.getTime() + 7 * 24 * HOUR);
    expect((await replica().run({ now: nextWeek })).sent).toEqual([]);
    expect(summary()).toHaveLength(4);

    const weekly = await setUp({
      entities: components(3),
      settings: { repeatWeekly: true },
    });
    await weekly.replica().run({ now: NOW });
    const again = await weekly.replica().run({ now: nextWeek });
    expect(again.sent.map(d => d.reason)).toEqual(['assessment-missing']);
    expect(sent).toHaveLength(4);
  });

  it('sends each digest once when two replicas run at the same moment', async () => {
    const { replica, summary } = await setUp();
    const [a, b] = await Promise.all([
      replica().run({ now: NOW }),
      replica().run({ now: NOW }),
    ]);
    expect(a.sent.length + b.sent.length).toBe(2);
    expect(summary()).toHaveLength(2);
  });

  it('sends again, once, a digest whose sending failed', async () => {
    const { notifications, replica, summary } = await setUp({
      entities: components(2),
    });
    notifications.send.mockRejectedValueOnce(new Error('notifications down'));
    const first = await replica().run({ now: NOW });
    expect(first).toMatchObject({ unsent: 1 });
    expect(first.sent).toHaveLength(1);
    const second = await replica().run({ now: new Date(NOW.getTime() + HOUR) });
    expect(second.sent.map(d => d.attempts)).toEqual([1]);
    expect(summary()).toHaveLength(2);
    expect(new Set(summary()).size).toBe(2);
  });

  it('loses no digest when a run dies between claim and send: the next run after the lease sends it', async () => {
    const { notifications, replica, sent } = await setUp({
      entities: components(2),
    });
    // The first run's process hangs while it sends, long past its time.
    let die: (error: Error) => void = () => {};
    notifications.send.mockImplementationOnce(
      () => new Promise((_, reject) => (die = reject)),
    );
    let dyingClock = 0;
    const dying = replica({ clock: () => dyingClock }).run({ now: NOW });
    await new Promise(resolve => setTimeout(resolve, 200));
    // Within its lease no other run takes its digests.
    expect(
      (await replica().run({ now: new Date(NOW.getTime() + HOUR / 2) })).sent,
    ).toEqual([]);
    const after = await replica().run({
      now: new Date(NOW.getTime() + HOUR + 1),
    });
    expect(after.sent.map(d => d.reason).sort()).toEqual([
      'assessment-missing',
      'campaign-started',
    ]);
    // Should it ever wake up, its time is up: it sends nothing more.
    dyingClock = 2 * HOUR;
    die(new Error('process gone'));
    await dying;
    expect(
      (await replica().run({ now: new Date(NOW.getTime() + 3 * HOUR) })).sent,
    ).toEqual([]);
    expect(sent.map(n => n.payload.scope).sort()).toEqual(
      after.sent.map(d => `maturity:digest:${d.id}`).sort(),
    );
  });

  it('stops at its time limit and leaves the rest, claimed, to the next run', async () => {
    const owners = ['payments', 'storefront', 'search'].flatMap(team =>
      components(2, `group:default/${team}`).map(e => ({
        ...e,
        entityRef: `${e.entityRef}-${team}`,
      })),
    );
    const { replica, notifications } = await setUp({
      entities: owners,
      settings: { enabled: { ...allOff(), 'assessment-missing': true } },
    });
    let ms = 0;
    notifications.send.mockImplementation(async () => {
      ms += 40 * 60_000; // each send takes 40 minutes of a 60 minute run
    });
    const first = await replica({ clock: () => ms }).run({ now: NOW });
    expect(first).toMatchObject({ unsent: 1, stopped: true });
    expect(first.sent).toHaveLength(2);
    const next = await replica({ clock: () => ms }).run({
      now: new Date(NOW.getTime() + HOUR),
    });
    expect(next.sent.map(d => d.ownerRef)).toEqual([
      'group:default/storefront',
    ]);
  });

  it('sends nothing for a reason switched off, a campaign not running, or an entity without owner', async () => {
    const { replica, summary } = await setUp({
      campaigns: [
        campaign({ id: 'later', startsOn: '2026-12-20' }),
        campaign({ id: 'closed', status: 'closed' }),
        campaign({ id: 'running' }),
      ],
      entities: [...components(1), ...components(1, null as never)],
      settings: { enabled: { ...allOff(), 'assessment-missing': true } },
    });
    await replica().run({ now: NOW });
    expect(summary()).toEqual([`${TEAM} Maturity assessment missing`]);
  });
});

function allOff(): ReminderSettings['enabled'] {
  return {
    'campaign-started': false,
    'assessment-missing': false,
    'assessment-stale': false,
    'deadline-14-days': false,
    'deadline-3-days': false,
  };
}
