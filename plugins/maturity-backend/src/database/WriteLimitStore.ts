/**
 * What bounds the volume of snapshot writes, kept in the database so that
 * every replica counts the same writes.
 */
export interface WriteLimitStore {
  /**
   * Counts one write by `userRef` in its current window: a new window starts
   * when the last one began `windowMs` or more before `now`. Atomic, so
   * concurrent writes on any replica are each counted once.
   * @returns the writes in the window, this one included, and its start
   */
  countWrite(
    userRef: string,
    now: Date,
    windowMs: number,
  ): Promise<{ count: number; windowStart: Date }>;
  /** Forgets the windows that began before `before`. */
  sweepWindows(before: Date): Promise<void>;
  /**
   * The snapshots an entity received since `since`, hidden ones included,
   * and when the oldest of them was made.
   */
  snapshotsSince(
    entityRef: string,
    since: Date,
  ): Promise<{ count: number; oldest: Date | null }>;
}
