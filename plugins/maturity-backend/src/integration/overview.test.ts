import { fullyTo, OWNER, STRANGER } from '../__testUtils__/fixtures';
import {
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// The overview (filtered, sorted, paged) and the CSV and JSON exports.

jest.setTimeout(60_000);

type Named = { name: string };
type ExportRow = Named & { notApplicable: string[] };

describe('the overview and the export, one component assessed to target', () => {
  let backend: MaturityBackend;
  const overview = (q: string) => backend.get(`/overview?${q}`);

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: { maturity: { targets: { default: 2 } } },
    });
    await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: Object.fromEntries(
        [
          'process.audit-and-logs',
          'process.software-integration-and-release',
          'process.security',
        ].map(t => [t, fullyTo(2)]),
      ),
    });
  });

  it('sorts by percent to target and pages on with the cursor', async () => {
    const sorted = await overview('sortBy=percentToTarget&order=desc&limit=2');
    expect(sorted.status).toBe(200);
    expect(sorted.body.totalCount).toBe(5);
    expect(sorted.body.items[0].name).toBe('payments-api');
    expect(sorted.body.items[0].dimensions.process).toBe(2);
    expect(sorted.body.items).toHaveLength(2);
    const next = await overview(
      `sortBy=percentToTarget&order=desc&limit=2&cursor=${sorted.body.nextCursor}`,
    );
    expect(next.body.items).toHaveLength(2);
    expect(next.body.items[0].name).not.toBe('payments-api');
  });

  it('filters by owner and lifecycle, and by minimum level', async () => {
    const filtered = await overview('owner=payments&lifecycle=experimental');
    expect(filtered.body.items.map((i: Named) => i.name)).toEqual(['ledger']);
    expect((await overview('minLevel=2')).body.totalCount).toBe(1);
  });

  it('answers 400 to an unknown sort, a zero limit and a bad cursor', async () => {
    expect((await overview('sortBy=bogus')).status).toBe(400);
    expect((await overview('limit=0')).status).toBe(400);
    expect((await overview('cursor=not-a-cursor')).status).toBe(400);
  });

  it('exports CSV with a column per topic and a row per entity', async () => {
    const csv = await backend.get('/export?format=csv&owner=payments');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = csv.text.trim().split('\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['entityRef', 'process.security', 'people.ai']),
    );
    expect(
      header.split(',').filter(c => c.includes('.') && !c.includes(':')),
    ).toHaveLength(22);
    expect(lines).toHaveLength(3);
  });

  it('exports JSON with a row per entity', async () => {
    const json = await backend.get('/export?format=json');
    expect(JSON.parse(json.text)).toHaveLength(5);
  });

  describe('with a topic rated entirely not applicable', () => {
    beforeAll(async () => {
      await backend.assess('ledger', {
        baseRevision: 0,
        ratings: {
          'people.ai': { '1': 'not-applicable', '2': 'not-applicable' },
          'process.security': fullyTo(1),
        },
      });
    });

    it('exports the topic as "n/a" in CSV, an unrated one empty', async () => {
      const withNa = await backend.get('/export?format=csv&owner=payments');
      const [columns, ...rows] = withNa.text.trim().split('\n');
      const cell = (name: string, column: string) =>
        rows.find(r => r.startsWith(`component:default/${name},`))!.split(',')[
          columns.split(',').indexOf(column)
        ];
      expect(cell('ledger', 'people.ai')).toBe('n/a');
      expect(cell('ledger', 'process.security')).toBe('1');
      expect(cell('payments-api', 'people.ai')).toBe('');
    });

    it('lists the topic as not applicable in the JSON row', async () => {
      const jsonRows: ExportRow[] = JSON.parse(
        (await backend.get('/export?format=json&owner=payments')).text,
      );
      expect(jsonRows.find(r => r.name === 'ledger')).toMatchObject({
        notApplicable: ['people.ai'],
        topics: { 'people.ai': null },
      });
      expect(
        jsonRows.find(r => r.name === 'payments-api')!.notApplicable,
      ).toEqual([]);
    });
  });
});

describe('reading the overview and the export', () => {
  it('is audited with who, the filter and the row count', async () => {
    const { get, events } = await startMaturityBackend();
    await get('/overview?owner=payments&limit=1', OWNER);
    await get('/export?format=json&owner=payments', STRANGER);
    const reads = events.filter(e => e.eventId.endsWith('-read'));
    expect(reads).toEqual([
      {
        eventId: 'overview-read',
        status: 'succeeded',
        meta: {
          filter: expect.objectContaining({ owner: 'payments', limit: 1 }),
          rows: 1,
        },
      },
      {
        eventId: 'export-read',
        status: 'succeeded',
        // The stranger does not see the hidden component.
        meta: {
          filter: expect.objectContaining({
            owner: 'payments',
            format: 'json',
          }),
          rows: 2,
        },
      },
    ]);
  });
});
