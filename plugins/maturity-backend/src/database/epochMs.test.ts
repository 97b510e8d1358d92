import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { epochMs, toMs } from './epochMs';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('epochMs on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  it('answers the millisecond a Date read of the same column has, to the microsecond', async () => {
    knex = await databases.init(id);
    await knex.schema.createTable('times', table => {
      table.integer('id').primary();
      table.timestamp('at', { useTz: true }).notNullable();
    });
    // Whole and odd microseconds (PostgreSQL keeps them; a Date drops
    // them), either side of 1970, and either side of a half millisecond.
    const pg = knex.client.dialect === 'postgresql';
    const times = [
      '1969-12-31T23:59:59.999500Z',
      '1969-07-20T20:17:40.000001Z',
      '1970-01-01T00:00:00.000000Z',
      '2026-12-06T10:00:00.123000Z',
      '2026-12-06T10:00:00.123499Z',
      '2026-12-06T10:00:00.123500Z',
      '2026-12-06T10:00:00.123999Z',
      '2099-12-31T23:59:59.999999Z',
    ];
    for (let i = 0; i < 500; i++) {
      const ms = Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 1e12);
      const micros = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
      times.push(new Date(ms).toISOString().replace('Z', `${micros}Z`));
    }
    await knex.batchInsert(
      'times',
      times.map((at, i) => ({
        id: i,
        // SQLite keeps what a Date holds, as the stores write it.
        at: pg ? knex.raw('?::timestamptz', [at]) : new Date(at),
      })),
      100,
    );

    const rows: Array<{ at: Date | number; ms: number | string }> = await knex(
      'times',
    )
      .select('at', epochMs(knex, 'at', 'ms'))
      .orderBy('id');

    expect(rows.map(r => Number(r.ms))).toEqual(rows.map(r => toMs(r.at)));
    // Not a comparison of two wrong answers: a Date drops the microseconds.
    expect(rows.slice(0, 7).map(r => toMs(r.at))).toEqual(
      [
        '1969-12-31T23:59:59.999Z',
        '1969-07-20T20:17:40.000Z',
        '1970-01-01T00:00:00.000Z',
        '2026-12-06T10:00:00.123Z',
        '2026-12-06T10:00:00.123Z',
        '2026-12-06T10:00:00.123Z',
        '2026-12-06T10:00:00.123Z',
      ].map(Date.parse),
    );
  });
});
