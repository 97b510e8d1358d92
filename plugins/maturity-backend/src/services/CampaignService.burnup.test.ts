import {
  burnupDays,
  computeAssessmentResult,
  defaultMaturityModel,
  evaluateGoals,
  GoalSubject,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import { campaignServiceOn, NOW } from '../__testUtils__/campaignService';
import { fakeClock } from '../__testUtils__/fakeClock';
import { fullyTo } from '../__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;
const TOPIC = 'people.ai';

// Refs never repeat in this file, over both databases: the engine's cache
// of results (Summaries, shared by the tests) is keyed by ref, revision and
// time, as a snapshot never changes in one database.
let run = 0;

const setUpHistory = async (
  id: Parameters<typeof databases.init>[0],
  maxDays?: number,
) => campaignServiceOn(await databases.init(id), maxDays);

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
