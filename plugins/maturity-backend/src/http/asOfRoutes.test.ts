import { InputError } from '@backstage/errors';
import {
  EntityMaturityExportRow,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import {
  allVisible,
  AS_USER,
  createRouterFakes,
  createTestApp,
  storedAssessment,
  userCredentials,
} from './__testUtils__/routerHarness';

// Every read that answers "now" takes `asOf`: parsed once by the schema of
// -common (a date is the end of that UTC day), handed to the service in
// the read's options, and said in the answer.

const AS_OF = '2026-07-01';
const AS_OF_TIME = new Date('2026-07-01T23:59:59.999Z');
const answered = {
  asOf: AS_OF_TIME.toISOString(),
  scopeAsOf: 'now' as const,
};
const INDEXED_AT = new Date('2026-08-01T00:00:00.000Z');

function card(entityRef: string): Scorecard {
  return {
    entityRef,
    components: { total: 0, assessed: 0, stale: 0 },
    dimensions: {},
    topics: {},
    percentToTarget: null,
    entities: [],
    children: [],
    indexedAt: INDEXED_AT.toISOString(),
    ...answered,
  };
}

function setup() {
  const fakes = createRouterFakes();
  return { ...fakes, app: createTestApp(fakes.deps) };
}

const get = (app: Express.Application, url: string) =>
  request(app).get(url).set('Authorization', AS_USER);

describe('GET /entities/:kind/:namespace/:name?asOf', () => {
  it('asks for the snapshot at the end of the day, and answers it with its moment', async () => {
    const { app, assessments } = setup();
    const stored = { ...storedAssessment('component:default/ledger', 2) };
    assessments.getLatest.mockResolvedValue({ ...stored, ...answered });
    const res = await get(
      app,
      `/entities/component/default/ledger?asOf=${AS_OF}`,
    );
    expect(assessments.getLatest).toHaveBeenCalledWith(
      'component:default/ledger',
      { credentials: userCredentials, asOf: AS_OF_TIME },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, ...answered });
  });

  it.each(['yesterday', '2026-02-30', '2026-07-01T12:00:00'])(
    'answers 400 to asOf=%s, asking nothing',
    async asOf => {
      const { app, assessments } = setup();
      const res = await get(
        app,
        `/entities/component/default/ledger?asOf=${asOf}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid query: asOf: /);
      expect(assessments.getLatest).not.toHaveBeenCalled();
    },
  );

  it('passes the service’s 400 for a moment to come on', async () => {
    const { app, assessments } = setup();
    assessments.getLatest.mockRejectedValue(
      new InputError('asOf 2999-01-01T23:59:59.999Z is in the future'),
    );
    const res = await get(
      app,
      '/entities/component/default/ledger?asOf=2999-01-01',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/is in the future/);
  });
});

describe('GET /scorecards/...?asOf', () => {
  it.each([
    ['systems/default/shop', 'systemScorecard', 'system:default/shop', {}],
    [
      'domains/default/commerce',
      'domainScorecard',
      'domain:default/commerce',
      {},
    ],
    [
      'groups/default/payments',
      'groupScorecard',
      'group:default/payments',
      { direct: false },
    ],
  ] as const)(
    'asks for the scorecard of %s as of the moment, and answers it with it',
    async (path, method, ref, extra) => {
      const { app, scorecards } = setup();
      scorecards[method].mockResolvedValue(card(ref));
      const res = await get(
        app,
        `/scorecards/${path}?entities=none&asOf=${AS_OF}`,
      );
      expect(scorecards[method]).toHaveBeenCalledWith(ref, {
        ...allVisible,
        entities: 'none',
        asOf: AS_OF_TIME,
        ...extra,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(answered);
    },
  );

  it('streams a scorecard as of a moment too', async () => {
    const { app, scorecards } = setup();
    scorecards.groupScorecard.mockResolvedValue(card('group:default/payments'));
    await get(app, `/scorecards/groups/default/payments?asOf=${AS_OF}`);
    expect(scorecards.groupScorecard).toHaveBeenCalledWith(
      'group:default/payments',
      expect.objectContaining({
        entities: expect.any(Function),
        asOf: AS_OF_TIME,
      }),
    );
  });
});

describe('GET /overview?asOf', () => {
  it('asks for the page as of the moment in the read, not the query, and audits it', async () => {
    const { app, overview, events } = setup();
    const page = {
      items: [],
      totalCount: 0,
      nextCursor: null,
      indexedAt: INDEXED_AT.toISOString(),
      ...answered,
    };
    overview.overview.mockResolvedValue(page);
    const res = await get(app, `/overview?group=product&asOf=${AS_OF}`);
    expect(overview.overview).toHaveBeenCalledWith(
      { group: 'product', sortBy: 'name', order: 'asc', limit: 50 },
      { ...allVisible, asOf: AS_OF_TIME },
    );
    expect(res.body).toEqual(page);
    expect(events).toEqual([
      {
        eventId: 'overview-read',
        status: 'succeeded',
        meta: {
          filter: {
            group: 'product',
            sortBy: 'name',
            order: 'asc',
            limit: 50,
            asOf: AS_OF_TIME.toISOString(),
          },
          rows: 0,
        },
      },
    ]);
  });
});

describe('GET /export?asOf', () => {
  const exportRow: EntityMaturityExportRow = {
    entityRef: 'component:default/ledger',
    kind: 'component',
    namespace: 'default',
    name: 'ledger',
    title: null,
    ownerRef: null,
    systemRef: null,
    lifecycle: null,
    revision: 1,
    assessedAt: '2026-06-02T00:00:00.000Z',
    stale: false,
    percentToTarget: null,
    dimensions: {},
    topics: {},
    notApplicable: [],
  };

  it('says the moment in its headers and its file name', async () => {
    const { app, overview } = setup();
    overview.indexedAt.mockResolvedValue(INDEXED_AT);
    overview.exportRows.mockImplementation(() => ({
      moment: { atMs: AS_OF_TIME.getTime(), answer: answered },
      rows: (async function* rows() {
        yield [exportRow];
      })(),
    }));
    const res = await get(app, `/export?format=json&asOf=${AS_OF}`);
    expect(overview.exportRows).toHaveBeenCalledWith(
      {},
      { ...allVisible, asOf: AS_OF_TIME },
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="maturity-2026-07-01.json"',
    );
    expect(res.headers['x-maturity-as-of']).toBe(AS_OF_TIME.toISOString());
    expect(res.headers['x-maturity-scope-as-of']).toBe('now');
    expect(JSON.parse(res.text)).toEqual([exportRow]);
  });

  it('says no moment for an export of now', async () => {
    const { app, overview } = setup();
    overview.indexedAt.mockResolvedValue(INDEXED_AT);
    overview.exportRows.mockImplementation(() => ({
      moment: { atMs: INDEXED_AT.getTime(), answer: {} },
      rows: (async function* rows() {
        yield [exportRow];
      })(),
    }));
    const res = await get(app, '/export');
    expect(res.headers['x-maturity-as-of']).toBeUndefined();
    expect(res.headers['x-maturity-scope-as-of']).toBeUndefined();
  });
});

describe('POST /entities/by-refs with asOf', () => {
  const entityRefs = ['component:default/ledger'];

  it('asks for the rows as of the moment of the body, and answers it', async () => {
    const { app, overview } = setup();
    const rows = { items: [null], ...answered };
    overview.catalogRows.mockResolvedValue(rows);
    const res = await request(app)
      .post('/entities/by-refs')
      .set('Authorization', AS_USER)
      .send({ entityRefs, asOf: AS_OF });
    expect(overview.catalogRows).toHaveBeenCalledWith(entityRefs, {
      ...allVisible,
      asOf: AS_OF_TIME,
    });
    expect(res.body).toEqual(rows);
  });

  it('answers 400 to an asOf that is not a date', async () => {
    const { app, overview } = setup();
    const res = await request(app)
      .post('/entities/by-refs')
      .set('Authorization', AS_USER)
      .send({ entityRefs, asOf: 20260701 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid body: asOf: /);
    expect(overview.catalogRows).not.toHaveBeenCalled();
  });
});
