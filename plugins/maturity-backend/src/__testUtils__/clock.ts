/**
 * Fakes the clock only, so that snapshots are written at chosen times by
 * the real write path: the database drivers keep their timers.
 */
export function fakeClockOnly() {
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
