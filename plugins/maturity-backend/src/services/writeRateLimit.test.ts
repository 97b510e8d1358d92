import { TooManyRequestsError, WriteRateLimiter } from './writeRateLimit';

describe('WriteRateLimiter', () => {
  it('allows perMinute writes per user, then refuses with a retry delay', () => {
    let now = 1_000_000;
    const limiter = new WriteRateLimiter(3, () => now);
    for (let i = 0; i < 3; i++) limiter.take('user:default/a');
    limiter.take('user:default/b');
    now += 20_000;
    let refused: unknown;
    try {
      limiter.take('user:default/a');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused).toMatchObject({ statusCode: 429, retryAfterSeconds: 40 });
    now += 40_000;
    expect(() => limiter.take('user:default/a')).not.toThrow();
  });

  it('forgets users whose window ended once many have written', () => {
    let now = 0;
    const limiter = new WriteRateLimiter(1, () => now);
    for (let i = 0; i < 5000; i++) limiter.take(`user:default/u${i}`);
    now += 60_000;
    limiter.take('user:default/late');
    // The sweep only bounds memory: a user whose window ended gets a fresh one
    // whether or not it was swept.
    expect(limiter.trackedUsers).toBe(1);
  });
});
