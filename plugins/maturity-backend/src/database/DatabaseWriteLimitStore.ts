import { Knex } from 'knex';
import { ASSESSMENTS, WRITE_WINDOWS, WriteWindowRow } from './tables';
import { WriteLimitStore } from './WriteLimitStore';

const at = (value: Date | string | number) => new Date(value);

/** The knex implementation of {@link WriteLimitStore}. */
export class DatabaseWriteLimitStore implements WriteLimitStore {
  constructor(private readonly knex: Knex) {}

  async countWrite(
    userRef: string,
    now: Date,
    windowMs: number,
  ): Promise<{ count: number; windowStart: Date }> {
    const expired = new Date(now.getTime() - windowMs);
    const column = (name: string) => `${WRITE_WINDOWS}.${name}`;
    // One statement on PostgreSQL and SQLite alike: the SET expressions both
    // read the row as it was, so a window that ended restarts at 1.
    const [row]: Array<Pick<WriteWindowRow, 'count' | 'window_start'>> =
      await this.knex(WRITE_WINDOWS)
        .insert({ user_ref: userRef, window_start: now, count: 1 })
        .onConflict('user_ref')
        .merge({
          count: this.knex.raw('CASE WHEN ?? <= ? THEN 1 ELSE ?? + 1 END', [
            column('window_start'),
            expired,
            column('count'),
          ]),
          window_start: this.knex.raw('CASE WHEN ?? <= ? THEN ? ELSE ?? END', [
            column('window_start'),
            expired,
            now,
            column('window_start'),
          ]),
        })
        .returning(['count', 'window_start']);
    return { count: Number(row.count), windowStart: at(row.window_start) };
  }

  async sweepWindows(before: Date): Promise<void> {
    await this.knex(WRITE_WINDOWS).where('window_start', '<', before).delete();
  }

  async snapshotsSince(
    entityRef: string,
    since: Date,
  ): Promise<{ count: number; oldest: Date | null }> {
    const row = await this.knex(ASSESSMENTS)
      .where({ entity_ref: entityRef })
      .where('created_at', '>=', since)
      .count({ count: '*' })
      .min({ oldest: 'created_at' })
      .first();
    return {
      count: Number(row?.count ?? 0),
      oldest: row?.oldest ? at(row.oldest) : null,
    };
  }
}
