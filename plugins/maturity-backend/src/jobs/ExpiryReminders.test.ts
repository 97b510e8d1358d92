import { mockServices } from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import type { ScoringSettings } from '../config';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { DatabaseReminderStore } from '../database/DatabaseReminderStore';
import { MaturityIndex } from '../database/MaturityIndex';
import { at, fakeDate } from '../__testUtils__/fakeClock';
import { indexRecord } from '../__testUtils__/indexRecord';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { Summaries } from '../services/Summaries';
import { ExpiryReminders } from './ExpiryReminders';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = defaultMaturityModel;
const SCORING: ScoringSettings = {
  strict: false,
  staleAfterDays: 365,
  targets: {},
  attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
};
const summaries = new Summaries(model, SCORING);
const fully = { '1': 'fully' } as const;

describe.each(databases.eachSupportedId())('ExpiryReminders on %p', id => {
  let knex: Knex;
  let store: DatabaseAssessmentStore;

  /** A snapshot written at day `day` rating `topic`, owned by `owner`. */
  async function assessed(name: string, owner: string, topic: string) {
    const entityRef = `component:default/${name}`;
    await new MaturityIndex(knex).upsert([
      indexRecord('component', name, { ownerRef: owner }),
    ]);
    await store.insert(
      {
        entityRef,
        baseRevision: 0,
        modelId: model.id,
        modelVersion: model.version,
        createdBy: 'user:default/ann',
        entityUid: null,
        ownerRef: owner,
        systemRef: null,
        lifecycle: null,
        ratings: { [topic]: fully },
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      },
      record => summaries.summaryOf(record, null),
    );
  }

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    // The snapshots are written at day 0.
    fakeDate();
    jest.setSystemTime(at(0));
    await assessed('a1', 'group:default/a', 'process.security');
    await assessed('a2', 'group:default/a', 'process.audit-and-logs');
    await assessed('a3', 'group:default/a', 'people.culture');
    await assessed('b1', 'group:default/b', 'process.security');
    jest.useRealTimers();
  });

  function reminders(settings = { enabled: true, daysBefore: 14 }) {
    const notifications = {
      send: jest.fn(async (_notification: NotificationSendOptions) => {}),
    };
    const job = new ExpiryReminders({
      summaries: store,
      store: new DatabaseReminderStore(knex),
      notifications: notifications as unknown as NotificationService,
      logger: mockServices.logger.mock(),
      settings,
      listEntities: true,
      leaseMs: 60_000,
    });
    return { job, notifications };
  }

  it('sends one digest per owner of what ends within the days, once', async () => {
    const { job, notifications } = reminders();
    // Day 80: process topics end on day 90, people's on day 180.
    expect(await job.run(at(80))).toEqual({ sent: 2 });
    const sent = notifications.send.mock.calls.map(
      ([n]) =>
        [
          (n.recipients as { entityRef: string }).entityRef,
          n.payload.description,
        ] as const,
    );
    expect(sent.map(([owner]) => owner)).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(sent[0][1]).toContain('2 entities of group:a: a1, a2');
    expect(sent[0][1]).toContain('within 14 days');
    expect(notifications.send.mock.calls[0][0].payload.topic).toBe(
      'Maturity attestation expiring',
    );
    // The same ends are not reminded again, by this run or another replica.
    expect(await job.run(at(81))).toEqual({ sent: 0 });
  });

  it('sends nothing when switched off, nor too early', async () => {
    expect(
      await reminders({ enabled: false, daysBefore: 14 }).job.run(at(170)),
    ).toEqual({ sent: 0 });
    expect(await reminders().job.run(at(100))).toEqual({ sent: 0 });
  });
});
