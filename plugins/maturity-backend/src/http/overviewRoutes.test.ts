import {
  defaultMaturityModel,
  EntityMaturityExportRow,
  EntityMaturityRow,
} from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import {
  allVisible,
  AS_USER,
  createRouterFakes,
  createTestApp,
} from './__testUtils__/routerHarness';

const INDEXED_AT = new Date('2026-02-03T04:05:06.000Z');
const NOW = { atMs: INDEXED_AT.getTime(), answer: {} };

function row(name: string): EntityMaturityRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    title: null,
    ownerRef: 'group:default/payments',
    systemRef: null,
    lifecycle: 'production',
    revision: 2,
    assessedAt: '2026-01-02T03:04:05.000Z',
    stale: false,
    percentToTarget: 0.5,
    dimensions: { process: 2 },
  };
}

function exportRow(name: string): EntityMaturityExportRow {
  return {
    ...row(name),
    topics: { 'process.audit-and-logs': 3, 'people.ai': null },
    notApplicable: ['people.ai'],
  };
}

function setup() {
  const fakes = createRouterFakes();
  fakes.overview.indexedAt.mockResolvedValue(INDEXED_AT);
  fakes.overview.exportRows.mockImplementation(() => ({
    moment: NOW,
    rows: (async function* rows() {
      yield [exportRow('ledger')];
      yield [exportRow('web')];
    })(),
  }));
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('POST /entities/by-refs', () => {
  const refs = ['component:default/ledger', 'component:default/gone'];
  const items = [
    { entityRef: refs[0], assessed: true, level: 2, stale: false },
    null,
  ];

  it('answers the catalog rows of the refs for the caller', async () => {
    const { app, overview } = setup();
    overview.catalogRows.mockResolvedValue({ items });
    const res = await request(app)
      .post('/entities/by-refs')
      .set('Authorization', AS_USER)
      .send({ entityRefs: refs });
    expect(overview.catalogRows).toHaveBeenCalledWith(refs, allVisible);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items });
  });

  it.each([
    ['no refs', { entityRefs: [] }],
    ['a ref without a kind', { entityRefs: ['default/ledger'] }],
    ['another field', { entityRefs: refs, more: true }],
  ])('answers 400 to a body with %s', async (_, body) => {
    const { app, overview } = setup();
    const res = await request(app)
      .post('/entities/by-refs')
      .set('Authorization', AS_USER)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid body: /);
    expect(overview.catalogRows).not.toHaveBeenCalled();
  });
});

describe('GET /entities/assessed', () => {
  it('asks for the refs with the filter of the query', async () => {
    const { app, overview } = setup();
    overview.assessedRefs.mockResolvedValue(['component:default/ledger']);
    const res = await request(app)
      .get('/entities/assessed?minLevel=2&stale=true')
      .set('Authorization', AS_USER);
    expect(overview.assessedRefs).toHaveBeenCalledWith(
      { minLevel: 2, stale: true },
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entityRefs: ['component:default/ledger'] });
  });

  it('asks for every assessed ref without a query', async () => {
    const { app, overview } = setup();
    overview.assessedRefs.mockResolvedValue([]);
    await request(app).get('/entities/assessed').set('Authorization', AS_USER);
    expect(overview.assessedRefs).toHaveBeenCalledWith(
      { minLevel: undefined, stale: undefined },
      allVisible,
    );
  });

  it('audits the read with its filter and how many refs it returned', async () => {
    const { app, overview, events } = setup();
    overview.assessedRefs.mockResolvedValue(['component:default/a', 'b:c/d']);
    await request(app)
      .get('/entities/assessed?stale=false')
      .set('Authorization', AS_USER);
    expect(events).toEqual([
      {
        eventId: 'assessed-refs-read',
        status: 'succeeded',
        meta: { filter: { stale: 'false' }, rows: 2 },
      },
    ]);
  });

  it('audits a failed read', async () => {
    const { app, overview, events } = setup();
    overview.assessedRefs.mockRejectedValue(new Error('database gone'));
    const res = await request(app)
      .get('/entities/assessed')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(500);
    expect(events).toEqual([
      {
        eventId: 'assessed-refs-read',
        status: 'failed',
        meta: { filter: {} },
        error: 'Error',
      },
    ]);
  });

  it.each(['minLevel=0', 'minLevel=6', 'stale=yes', 'owner=x'])(
    'answers 400 to the query %s',
    async query => {
      const { app, overview } = setup();
      const res = await request(app)
        .get(`/entities/assessed?${query}`)
        .set('Authorization', AS_USER);
      expect(res.status).toBe(400);
      expect(overview.assessedRefs).not.toHaveBeenCalled();
    },
  );
});

describe('GET /overview', () => {
  const page = {
    items: [row('ledger'), row('web')],
    totalCount: 7,
    nextCursor: 'next',
    indexedAt: INDEXED_AT.toISOString(),
  };

  it('asks for the page of the query, with its defaults, and answers it', async () => {
    const { app, overview } = setup();
    overview.overview.mockResolvedValue(page);
    const res = await request(app)
      .get('/overview?owner=payments&minLevel=2&cursor=abc')
      .set('Authorization', AS_USER);
    expect(overview.overview).toHaveBeenCalledWith(
      {
        owner: 'payments',
        minLevel: 2,
        cursor: 'abc',
        sortBy: 'name',
        order: 'asc',
        limit: 50,
      },
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(page);
  });

  it('audits the read with its filter and how many rows it returned', async () => {
    const { app, overview, events } = setup();
    overview.overview.mockResolvedValue(page);
    await request(app)
      .get('/overview?group=product&order=desc')
      .set('Authorization', AS_USER);
    expect(events).toEqual([
      {
        eventId: 'overview-read',
        status: 'succeeded',
        meta: {
          filter: {
            group: 'product',
            sortBy: 'name',
            order: 'desc',
            limit: 50,
          },
          rows: 2,
        },
      },
    ]);
  });

  it.each([
    'order=sideways',
    'limit=201',
    'minLevel=x',
    'format=csv',
    // The string the reliability suite's fuzzing sent: a NUL in a filter.
    'kind=%F0%93%B8%B2%F4%8F%BF%B6%00%03%07%F0%BE%AC%9D&limit=100',
  ])('answers 400 to the query %s', async query => {
    const { app, overview, events } = setup();
    const res = await request(app)
      .get(`/overview?${query}`)
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(overview.overview).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});

describe('GET /export', () => {
  const csvHeader = [
    'entityRef,kind,namespace,name,ownerRef,systemRef,lifecycle,revision,assessedAt,stale,percentToTarget',
    ...defaultMaturityModel.dimensions.map(d => `median:${d.id}`),
    ...defaultMaturityModel.dimensions.flatMap(d => d.topics.map(t => t.id)),
  ].join(',');

  it('streams the filtered rows as CSV, as an attachment stamped with the index time', async () => {
    const { app, overview } = setup();
    const res = await request(app)
      .get('/export?system=shop')
      .set('Authorization', AS_USER);
    expect(overview.exportRows).toHaveBeenCalledWith(
      { system: 'shop' },
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="maturity-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['x-maturity-indexed-at']).toBe(INDEXED_AT.toISOString());
    const lines = res.text.split('\n');
    expect(lines[0]).toBe(csvHeader);
    expect(lines.slice(1, 3).map(line => line.split(',').slice(0, 11))).toEqual(
      ['ledger', 'web'].map(name => [
        `component:default/${name}`,
        'component',
        'default',
        name,
        'group:default/payments',
        '',
        'production',
        '2',
        '2026-01-02T03:04:05.000Z',
        'false',
        '0.5',
      ]),
    );
    expect(lines.slice(3)).toEqual(['']);
  });

  it('writes n/a for a topic rated not applicable and the level of a rated one', async () => {
    const { app } = setup();
    const res = await request(app).get('/export').set('Authorization', AS_USER);
    const header = res.text.split('\n')[0].split(',');
    const cells = res.text.split('\n')[1].split(',');
    expect(cells[header.indexOf('people.ai')]).toBe('n/a');
    expect(cells[header.indexOf('process.audit-and-logs')]).toBe('3');
    expect(cells[header.indexOf('median:process')]).toBe('2');
  });

  it('streams the rows as a JSON array with format=json', async () => {
    const { app } = setup();
    const res = await request(app)
      .get('/export?format=json')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="maturity-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers['x-maturity-indexed-at']).toBe(INDEXED_AT.toISOString());
    expect(JSON.parse(res.text)).toEqual([
      exportRow('ledger'),
      exportRow('web'),
    ]);
  });

  it('audits the export with its filter and how many rows it wrote', async () => {
    const { app, events } = setup();
    await request(app)
      .get('/export?format=json&lifecycle=production')
      .set('Authorization', AS_USER);
    expect(events).toEqual([
      {
        eventId: 'export-read',
        status: 'succeeded',
        meta: { filter: { format: 'json', lifecycle: 'production' }, rows: 2 },
      },
    ]);
  });

  it('answers a clean error, audited, when the first batch fails', async () => {
    const { app, overview, events } = setup();
    overview.exportRows.mockImplementation(() => ({
      moment: NOW,
      rows: (async function* rows() {
        yield* [];
        throw new Error('database gone');
      })(),
    }));
    const res = await request(app).get('/export').set('Authorization', AS_USER);
    expect(res.status).toBe(500);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.body.error.message).toBe('database gone');
    expect(events).toMatchObject([
      { eventId: 'export-read', status: 'failed' },
    ]);
  });

  it.each(['format=xml', 'minLevel=9', 'sortBy=name'])(
    'answers 400 to the query %s',
    async query => {
      const { app, overview } = setup();
      const res = await request(app)
        .get(`/export?${query}`)
        .set('Authorization', AS_USER);
      expect(res.status).toBe(400);
      expect(overview.exportRows).not.toHaveBeenCalled();
    },
  );
});
