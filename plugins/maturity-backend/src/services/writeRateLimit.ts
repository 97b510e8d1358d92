import { CustomErrorBase } from '@backstage/errors';

/** A 429: the error handler answers with the `statusCode` of an error. */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}

const WINDOW_MS = 60_000;
// Above this many users in the map, windows that ended are swept out, so the
// map holds at most the users who wrote in the last minute.
const SWEEP_ABOVE = 1_000;

/**
 * At most `perMinute` writes per user in any fixed one-minute window. Kept
 * in memory per replica: it protects each process, which is what a burst
 * from one user exhausts.
 */
export class WriteRateLimiter {
  private readonly windows = new Map<
    string,
    { start: number; count: number }
  >();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many users' windows are held: what the sweep keeps bounded. */
  get trackedUsers(): number {
    return this.windows.size;
  }

  /** Counts a write by `user`, or throws a TooManyRequestsError. */
  take(user: string): void {
    const now = this.now();
    if (this.windows.size > SWEEP_ABOVE) {
      for (const [key, window] of this.windows) {
        if (now - window.start >= WINDOW_MS) this.windows.delete(key);
      }
    }
    let window = this.windows.get(user);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(user, window);
    }
    if (window.count >= this.perMinute) {
      const retryAfter = Math.max(
        1,
        Math.ceil((window.start + WINDOW_MS - now) / 1000),
      );
      throw new TooManyRequestsError(
        `Too many assessments submitted; at most ${this.perMinute} a minute per user. Try again in ${retryAfter} s`,
        retryAfter,
      );
    }
    window.count += 1;
  }
}
