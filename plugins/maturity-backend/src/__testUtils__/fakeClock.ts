const DAY = 24 * 60 * 60 * 1000;

/** A time `day` days (fractions too) into 2026, UTC: where tests set the clock. */
export const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * DAY);

/**
 * Fakes the clock (`Date`) from now until `jest.useRealTimers()`, so that
 * snapshots are written at chosen times with `jest.setSystemTime`; timers
 * stay real, which the database drivers wait on.
 */
export function fakeDate() {
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
}

/** Fakes the clock (see `fakeDate`) for each test of the suite. */
export function fakeClock() {
  beforeEach(fakeDate);
  afterEach(() => {
    jest.useRealTimers();
  });
}
