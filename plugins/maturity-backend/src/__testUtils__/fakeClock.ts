const DAY = 24 * 60 * 60 * 1000;

/** A time `day` days (fractions too) into 2026, UTC: where tests set the clock. */
export const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);

/**
 * Fakes the clock (`Date`) for each test of the suite, so that snapshots are
 * written at chosen times with `jest.setSystemTime`; timers stay real, which
 * the database drivers wait on.
 */
export function fakeClock() {
  beforeEach(() => {
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
