import { CustomErrorBase } from '@backstage/errors';
import { WriteLimitStore } from '../database/WriteLimitStore';

/** A 429: the error handler answers with the `statusCode` of an error. */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

const WINDOW_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole seconds until `until`, at least one. */
function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

/**
 * At most `perMinute` writes per user in any fixed one-minute window,
 * counted in the database: every replica enforces the same limit, where a
 * count in each process let N replicas allow N times the rate.
 */
export class WriteRateLimiter {
  private lastSweep = -Infinity;

  constructor(
    private readonly deps: {
      store: WriteLimitStore;
      perMinute: number;
      now?: () => Date;
    },
  ) {}

  /** Counts a write by `user`, or throws a TooManyRequestsError. */
  async take(user: string): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    await this.sweep(now);
    const { count, windowStart } = await this.deps.store.countWrite(
      user,
      now,
      WINDOW_MS,
    );
    if (count > this.deps.perMinute) {
      const retryAfter = secondsUntil(
        windowStart.getTime() + WINDOW_MS,
        now.getTime(),
      );
      throw new TooManyRequestsError(
        `Too many assessments submitted; at most ${this.deps.perMinute} a minute per user. Try again in ${retryAfter} s`,
        retryAfter,
      );
    }
  }

  // Windows that ended are swept once a minute by each replica, so the
  // table holds about the users who wrote in the last two minutes.
  private async sweep(now: Date) {
    if (now.getTime() - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now.getTime();
    await this.deps.store.sweepWindows(new Date(now.getTime() - WINDOW_MS));
  }
}

/**
 * At most `perDay` snapshots per entity in any 24 hours, from anyone: the
 * rate limit bounds how fast one user writes, this bounds how much one
 * entity's history grows. Two writers racing on the last place may both
 * pass, but only one of them holds the current revision: at most one more.
 */
export class SnapshotQuota {
  constructor(
    private readonly deps: {
      store: WriteLimitStore;
      perDay: number;
      now?: () => Date;
    },
  ) {}

  /** Throws a TooManyRequestsError when the entity has had its share today. */
  async check(entityRef: string): Promise<void> {
    const now = (this.deps.now?.() ?? new Date()).getTime();
    const { count, oldest } = await this.deps.store.snapshotsSince(
      entityRef,
      new Date(now - DAY_MS),
    );
    if (count < this.deps.perDay) return;
    // A place frees when the oldest snapshot of the last 24 hours ages out.
    const retryAfter = secondsUntil((oldest?.getTime() ?? now) + DAY_MS, now);
    throw new TooManyRequestsError(
      `${entityRef} has received ${count} assessments in the last 24 hours, the most allowed (maturity.rateLimit.snapshotsPerEntityPerDay is ${this.deps.perDay}). Try again in ${retryAfter} s`,
      retryAfter,
    );
  }
}
