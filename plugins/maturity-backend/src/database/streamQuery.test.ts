import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { eachRow, eachValues, streamQuery } from './streamQuery';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// Enough rows, and long enough, that PostgreSQL sends them in many packets.
const ROWS = 20_000;

describe.each(databases.eachSupportedId())('streamQuery on %p', id => {
  let knex: Knex;
  afterEach(async () => knex?.destroy());

  async function withRows() {
    knex = await databases.init(id);
    await knex.schema.createTable('rows', table => {
      table.integer('id').primary();
      table.string('name', 255).notNullable();
      table.timestamp('at', { useTz: true }).notNullable();
    });
    await knex.batchInsert(
      'rows',
      Array.from({ length: ROWS }, (_, i) => ({
        id: i,
        name: `row ${i} `.padEnd(100, '·'),
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      })),
      400,
    );
  }

  // A bound time and a bound list, as the reads of the history bind them.
  const some = () =>
    knex('rows')
      .select('id', 'name')
      .where('at', '>=', new Date(Date.UTC(2026, 0, 2)))
      .whereNotIn('id', [1500, 1501, 1502]);

  it('hands each row of a statement to a visitor, as the statement selects them', async () => {
    await withRows();
    const expected = await some();
    expect(expected).toHaveLength(ROWS - 1440 - 3);

    const rows: unknown[] = [];
    await eachRow(knex, some(), row => rows.push({ ...row }));
    const byId = (a: any, b: any) => a.id - b.id;
    expect(rows.sort(byId)).toEqual(expected.sort(byId));

    const values: unknown[][] = [];
    await eachValues(knex, some(), row => values.push([...row]));
    expect(values.sort((a: any, b: any) => a[0] - b[0])).toEqual(
      expected.map(r => [r.id, r.name]),
    );

    const batches: number[] = [];
    for await (const batch of streamQuery(knex, some(), 5000)) {
      batches.push(batch.length);
    }
    expect(batches).toEqual([5000, 5000, 5000, ROWS - 1440 - 3 - 15000]);
  });

  it("answers a visitor's error, hands it no further row, and leaves the connection usable", async () => {
    await withRows();
    let visited = 0;
    await expect(
      eachValues(knex, some(), () => {
        visited++;
        if (visited === 100) throw new Error('the visitor failed');
      }),
    ).rejects.toThrow('the visitor failed');
    expect(visited).toBe(100);

    // Every connection of the pool is still good for a whole read.
    const counts = await Promise.all(
      Array.from({ length: 12 }, async () => {
        let n = 0;
        await eachRow(knex, some(), () => n++);
        return n;
      }),
    );
    expect(new Set(counts)).toEqual(new Set([ROWS - 1440 - 3]));
  });

  it('hands every batch to a reader slower than the database, in batches of the size asked', async () => {
    await withRows();
    const sizes: number[] = [];
    const ids = new Set<number>();
    for await (const batch of streamQuery(knex, some(), 1000)) {
      sizes.push(batch.length);
      for (const row of batch) ids.add((row as unknown as { id: number }).id);
      // Long enough for the database to send many batches meanwhile.
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    const expected = ROWS - 1440 - 3;
    expect(ids.size).toBe(expected);
    expect(sizes.slice(0, -1).every(size => size === 1000)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBe(expected);
  });

  it('leaves every connection usable after readers that stop at their first batch', async () => {
    await withRows();
    for (let i = 0; i < 12; i++) {
      for await (const batch of streamQuery(knex, some(), 100)) {
        expect(batch).toHaveLength(100);
        break;
      }
    }
    let n = 0;
    for await (const batch of streamQuery(knex, some(), 5000)) {
      n += batch.length;
    }
    expect(n).toBe(ROWS - 1440 - 3);
  });

  it("answers the database's error and leaves the connection usable", async () => {
    await withRows();
    // By its message: better-sqlite3's errors are made in the realm of the
    // first test file that loaded it in this worker, where toThrow's check
    // that they are errors fails.
    await expect(
      eachRow(knex, knex('no_such_table').select('id'), () => {}),
    ).rejects.toHaveProperty('message', expect.stringMatching(/no_such_table/));
    const batches = streamQuery(knex, knex('no_such_table').select('id'), 10);
    await expect(batches.next()).rejects.toHaveProperty(
      'message',
      expect.stringMatching(/no_such_table/),
    );
    let n = 0;
    await eachRow(knex, some(), () => n++);
    expect(n).toBe(ROWS - 1440 - 3);
  });
});
