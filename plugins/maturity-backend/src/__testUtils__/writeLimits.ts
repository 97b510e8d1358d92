import type { WriteLimitStore } from '../database/WriteLimitStore';

/**
 * Write limits counted in memory, for route and action tests: one window
 * per user that never ends, and no snapshot counted towards the daily quota.
 * The limits themselves are tested on both databases in writeRateLimit.test.ts.
 */
export function memoryWriteLimits(): WriteLimitStore {
  const counts = new Map<string, number>();
  return {
    countWrite: async (user, now) => {
      const count = (counts.get(user) ?? 0) + 1;
      counts.set(user, count);
      return { count, windowStart: now };
    },
    sweepWindows: async () => {},
    snapshotsSince: async () => ({ count: 0, oldest: null }),
  };
}
