import fc from 'fast-check';
import { BurnupTally, campaignBurnup } from './burnup';
import { evaluateGoals } from './goals';
import { subject, topicA } from './__testUtils__/subjects';

describe('campaignBurnup', () => {
  const goals = { topics: { [topicA.id]: 2 } };
  const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];

  it('counts each entity from the day its meeting snapshot was made', () => {
    const histories = [
      [
        subject('2026-11-05T09:00:00Z', { [topicA.id]: 1 }),
        subject('2026-11-11T23:30:00Z', { [topicA.id]: 2 }),
      ],
      [subject('2026-11-12T00:00:00Z', { [topicA.id]: 3 })],
      [],
    ];
    expect(campaignBurnup(goals, histories, days)).toEqual([
      { date: '2026-11-10', meeting: 0, total: 3 },
      { date: '2026-11-11', meeting: 1, total: 3 },
      { date: '2026-11-12', meeting: 2, total: 3 },
      { date: '2026-11-13', meeting: 2, total: 3 },
    ]);
  });

  it('drops an entity whose later snapshot falls below the goal', () => {
    const histories = [
      [
        subject('2026-11-10T10:00:00Z', { [topicA.id]: 2 }),
        subject('2026-11-12T10:00:00Z', { [topicA.id]: 1 }),
      ],
    ];
    expect(campaignBurnup(goals, histories, days).map(p => p.meeting)).toEqual([
      1, 1, 0, 0,
    ]);
  });

  it('agrees with evaluating the latest snapshot of each day (property)', () => {
    const snapshotArb = fc.record({
      day: fc.integer({ min: 0, max: 6 }),
      level: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(snapshotArb, { maxLength: 4 }), { maxLength: 5 }),
        raw => {
          const histories = raw.map(list =>
            list
              .map(({ day, level }) =>
                subject(
                  `2026-11-${String(8 + day).padStart(2, '0')}T12:00:00Z`,
                  {
                    [topicA.id]: level,
                  },
                ),
              )
              .sort((a, b) => a.assessedAt.localeCompare(b.assessedAt)),
          );
          const points = campaignBurnup(goals, histories, days);
          points.forEach(({ date, meeting, total }) => {
            expect(total).toBe(histories.length);
            const expected = histories.filter(history => {
              const made = history.filter(
                s => s.assessedAt.slice(0, 10) <= date,
              );
              const latest = made[made.length - 1] ?? null;
              return evaluateGoals(goals, latest, new Date(`${date}T23:59:59Z`))
                .meets;
            }).length;
            expect(meeting).toBe(expected);
          });
        },
      ),
    );
  });
});

describe('BurnupTally', () => {
  const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
  const at = (iso: string) => Date.parse(iso);

  it('counts an entity known only from a day on from that day', () => {
    const tally = new BurnupTally({ topics: { [topicA.id]: 1 } }, days);
    tally.addEntity();
    tally.addEntity(at('2026-11-12T08:00:00Z'));
    tally.addSummary(
      subject('2026-11-12T09:00:00Z', { [topicA.id]: 1 }),
      at('2026-11-12T09:00:00Z'),
      at('2026-11-12T09:00:00Z'),
      null,
    );
    expect(tally.points()).toEqual([
      { date: '2026-11-10', meeting: 0, total: 1 },
      { date: '2026-11-11', meeting: 0, total: 1 },
      { date: '2026-11-12', meeting: 1, total: 2 },
      { date: '2026-11-13', meeting: 1, total: 2 },
    ]);
  });

  it('stops counting a summary once it is too old, and one replaced the same day never counts', () => {
    const tally = new BurnupTally(
      { topics: { [topicA.id]: 1 }, assessedWithinDays: 2 },
      days,
    );
    tally.addEntity();
    // At the end of the 11th it is 47.5 hours old: fresh; on the 12th not.
    tally.addSummary(
      subject('2026-11-10T00:30:00Z', { [topicA.id]: 1 }),
      at('2026-11-10T00:30:00Z'),
      at('2026-11-10T00:30:00Z'),
      null,
    );
    tally.addEntity();
    // Replaced within the day: only the later summary is the day's.
    tally.addSummary(
      subject('2026-11-13T01:00:00Z', { [topicA.id]: 2 }),
      at('2026-11-13T01:00:00Z'),
      at('2026-11-13T01:00:00Z'),
      at('2026-11-13T02:00:00Z'),
    );
    tally.addSummary(
      subject('2026-11-13T02:00:00Z', { [topicA.id]: 0 }),
      at('2026-11-13T02:00:00Z'),
      at('2026-11-13T02:00:00Z'),
      null,
    );
    expect(tally.points().map(p => p.meeting)).toEqual([1, 1, 0, 0]);
  });

  it('agrees with evaluating the latest summary at the end of each day, freshness goals included (property)', () => {
    const DAY = 86_400_000;
    const start = at('2026-11-08T00:00:00Z');
    const week = [0, 1, 2, 3, 4, 5, 6].map(d =>
      new Date(start + d * DAY).toISOString().slice(0, 10),
    );
    const snapshotArb = fc.record({
      // Any millisecond over nine days, midnights included.
      offset: fc.oneof(
        fc.integer({ min: -2 * DAY, max: 7 * DAY }),
        fc.integer({ min: -2, max: 7 }).map(d => d * DAY),
      ),
      level: fc.integer({ min: 0, max: 3 }),
    });
    const entityArb = fc.record({
      snapshots: fc.array(snapshotArb, { maxLength: 5 }),
      since: fc.option(fc.integer({ min: -DAY, max: 8 * DAY }), {
        nil: undefined,
      }),
    });
    const goalsArb = fc.record({
      topics: fc.constant({ [topicA.id]: 2 }),
      assessedWithinDays: fc.option(fc.integer({ min: 1, max: 4 }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(
        goalsArb,
        fc.array(entityArb, { maxLength: 6 }),
        (goals, raw) => {
          const entities = raw.map(({ snapshots, since }) => ({
            since: since === undefined ? undefined : start + since,
            history: snapshots
              .map(({ offset, level }) =>
                subject(new Date(start + offset).toISOString(), {
                  [topicA.id]: level,
                }),
              )
              .sort((a, b) => a.assessedAt.localeCompare(b.assessedAt)),
          }));
          const tally = new BurnupTally(goals, week);
          // Handed over in reverse: the order does not matter.
          for (const { since, history } of [...entities].reverse()) {
            tally.addEntity(since);
            [...history.keys()].reverse().forEach(i => {
              const next = history[i + 1];
              tally.addSummary(
                history[i],
                at(history[i].assessedAt),
                at(history[i].assessedAt),
                next ? at(next.assessedAt) : null,
                since,
              );
            });
          }
          expect(tally.points()).toEqual(
            week.map(date => {
              const end = at(`${date}T00:00:00Z`) + DAY;
              const counted = entities.filter(
                e => e.since === undefined || e.since < end,
              );
              return {
                date,
                total: counted.length,
                meeting: counted.filter(({ history }) => {
                  const made = history.filter(s => at(s.assessedAt) < end);
                  const latest = made[made.length - 1] ?? null;
                  return evaluateGoals(goals, latest, new Date(end - 1)).meets;
                }).length,
              };
            }),
          );
        },
      ),
    );
  });
});
