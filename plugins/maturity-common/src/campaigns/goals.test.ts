import fc from 'fast-check';
import {
  burnupDays,
  campaignPhase,
  daysLeft,
  evaluateGoals,
  meetsGoalsUntil,
  missedGoals,
} from './goals';
import {
  firstDimension,
  subject,
  topicA,
  topicB,
} from './__testUtils__/subjects';

const NOW = new Date('2026-11-22T12:00:00Z');
const DAY_MS = 86_400_000;

describe('evaluateGoals', () => {
  it.each([
    {
      name: 'meets a topic minimum exactly',
      goals: { topics: { [topicA.id]: 2 } },
      levels: { [topicA.id]: 2 },
      misses: [],
    },
    {
      name: 'misses a topic below the minimum, naming what it has',
      goals: { topics: { [topicA.id]: 3 } },
      levels: { [topicA.id]: 2 },
      misses: [
        {
          goal: `topic:${topicA.id}`,
          type: 'topic',
          id: topicA.id,
          required: 3,
          actual: 2,
        },
      ],
    },
    {
      name: 'misses a dimension whose median is below the minimum',
      goals: { dimensions: { [firstDimension.id]: 1 } },
      levels: { [topicA.id]: 3 },
      misses: [
        {
          goal: `dimension:${firstDimension.id}`,
          type: 'dimension',
          id: firstDimension.id,
          required: 1,
          actual: 0,
        },
      ],
    },
    {
      name: 'meets a dimension when its median reaches the minimum',
      goals: { dimensions: { [firstDimension.id]: 1 } },
      levels: Object.fromEntries(firstDimension.topics.map(t => [t.id, 1])),
      misses: [],
    },
  ])('$name', ({ goals, levels, misses }) => {
    const evaluation = evaluateGoals(
      goals,
      subject('2026-11-20T00:00:00Z', levels),
      NOW,
    );
    expect(evaluation.misses).toEqual(misses);
    expect(evaluation.meets).toBe(misses.length === 0);
  });

  it('judges "assessed within N days" against now', () => {
    const goals = { assessedWithinDays: 30 };
    expect(
      evaluateGoals(goals, subject('2026-10-24T12:00:00Z', {}), NOW).meets,
    ).toBe(true);
    expect(
      evaluateGoals(goals, subject('2026-10-23T11:59:59Z', {}), NOW).misses,
    ).toEqual([
      {
        goal: 'assessedWithinDays',
        type: 'assessedWithinDays',
        required: 30,
        assessedAt: '2026-10-23T11:59:59Z',
      },
    ]);
  });

  it('an entity without an assessment misses every goal, also as the counts read it', () => {
    const goals = {
      topics: { [topicA.id]: 1, [topicB.id]: 1 },
      dimensions: { [firstDimension.id]: 1 },
      assessedWithinDays: 10,
    };
    const evaluation = evaluateGoals(goals, null, NOW);
    expect(evaluation.meets).toBe(false);
    expect(evaluation.assessedAt).toBeNull();
    expect(evaluation.misses.map(m => m.goal)).toEqual([
      `topic:${topicA.id}`,
      `topic:${topicB.id}`,
      `dimension:${firstDimension.id}`,
      'assessedWithinDays',
    ]);
    expect(missedGoals(goals, null, null, NOW.getTime())).toEqual(
      evaluation.misses.map(m => m.goal),
    );
  });

  it('meets a goal iff the level reaches it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: topicA.maxLevel }),
        fc.integer({ min: 1, max: topicA.maxLevel }),
        (level, required) => {
          const evaluation = evaluateGoals(
            { topics: { [topicA.id]: required } },
            subject('2026-11-01T00:00:00Z', { [topicA.id]: level }),
            NOW,
          );
          expect(evaluation.meets).toBe(level >= required);
        },
      ),
    );
  });

  it('raising a level never adds a miss (property)', () => {
    const ids = firstDimension.topics.map(t => t.id);
    const levelsArb = fc.record(
      Object.fromEntries(ids.map(id => [id, fc.integer({ min: 0, max: 3 })])),
    );
    const goalsArb = fc.record({
      topics: fc.dictionary(
        fc.constantFrom(...ids),
        fc.integer({ min: 1, max: 3 }),
      ),
      dimensions: fc.option(fc.constant({ [firstDimension.id]: 2 }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(
        levelsArb,
        goalsArb,
        fc.constantFrom(...ids),
        (levels, goals, raised) => {
          const before = evaluateGoals(
            goals,
            subject('2026-11-01T00:00:00Z', levels),
            NOW,
          );
          const after = evaluateGoals(
            goals,
            subject('2026-11-01T00:00:00Z', {
              ...levels,
              [raised]: levels[raised] + 1,
            }),
            NOW,
          );
          const missed = new Set(before.misses.map(m => m.goal));
          expect(after.misses.every(m => missed.has(m.goal))).toBe(true);
        },
      ),
    );
  });
});

describe('campaign dates', () => {
  const campaign = {
    startsOn: '2026-11-10',
    deadline: '2026-11-30',
    status: 'open' as const,
  };

  it.each([
    ['2026-11-09T23:59:59Z', 'scheduled'],
    ['2026-11-10T00:00:00Z', 'running'],
    ['2026-11-30T23:59:59Z', 'running'],
    ['2026-12-01T00:00:00Z', 'ended'],
  ])('at %s the campaign is %s', (now, phase) => {
    expect(campaignPhase(campaign, new Date(now))).toBe(phase);
  });

  it('a closed campaign is closed whatever the date', () => {
    expect(
      campaignPhase(
        { ...campaign, status: 'closed' },
        new Date('2026-11-15T00:00:00Z'),
      ),
    ).toBe('closed');
  });

  it('counts whole days left to the deadline', () => {
    expect(daysLeft('2026-11-30', new Date('2026-11-16T23:00:00Z'))).toBe(14);
    expect(daysLeft('2026-11-30', new Date('2026-11-30T08:00:00Z'))).toBe(0);
    expect(daysLeft('2026-11-30', new Date('2026-12-02T08:00:00Z'))).toBe(-2);
  });

  it('has one burn-up day per day from the start to today or the deadline', () => {
    expect(burnupDays(campaign, new Date('2026-11-12T10:00:00Z'))).toEqual([
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
    ]);
    expect(burnupDays(campaign, new Date('2027-01-01T00:00:00Z'))).toHaveLength(
      21,
    );
    expect(burnupDays(campaign, new Date('2026-11-01T00:00:00Z'))).toEqual([]);
  });
});

describe('meetsGoalsUntil', () => {
  it('says what evaluateGoals says of meeting them, at any instant before or after it (property)', () => {
    const ids = firstDimension.topics.map(t => t.id);
    const subjectArb = fc.record({
      levels: fc.record(
        Object.fromEntries(ids.map(id => [id, fc.integer({ min: 0, max: 3 })])),
      ),
      // The instant asked about, from before the snapshot to long after,
      // the limits of the age goal included.
      ageMs: fc.oneof(
        fc.integer({ min: -DAY_MS, max: 61 * DAY_MS }),
        fc.integer({ min: 1, max: 60 }).map(d => d * DAY_MS + 1),
        fc.integer({ min: 1, max: 60 }).map(d => d * DAY_MS),
      ),
    });
    const goalsArb = fc.record(
      {
        topics: fc.dictionary(
          fc.constantFrom(...ids),
          fc.integer({ min: 1, max: 3 }),
        ),
        dimensions: fc.constant({ [firstDimension.id]: 2 }),
        assessedWithinDays: fc.integer({ min: 1, max: 60 }),
      },
      { requiredKeys: [] },
    );
    let met = 0;
    let missed = 0;
    fc.assert(
      fc.property(subjectArb, goalsArb, ({ levels, ageMs }, goals) => {
        const made = NOW.getTime() - ageMs;
        const at = subject(new Date(made).toISOString(), levels);
        const { meets, misses } = evaluateGoals(goals, at, NOW);
        expect(NOW.getTime() <= meetsGoalsUntil(goals, at, made)).toBe(meets);
        // The counts' reading names the same misses, from the time as a number.
        expect(missedGoals(goals, at, made, NOW.getTime())).toEqual(
          misses.map(m => m.goal),
        );
        if (meets) met++;
        else missed++;
      }),
      { numRuns: 300 },
    );
    // Both answers were asked for.
    expect(met).toBeGreaterThan(10);
    expect(missed).toBeGreaterThan(10);
  });
});
