import {
  ChangeRow,
  ChangesPage,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import {
  allVisible,
  AS_USER,
  createRouterFakes,
  createTestApp,
} from './__testUtils__/routerHarness';

const FROM = new Date('2026-04-01T23:59:59.999Z');
const TO = new Date('2026-07-01T23:59:59.999Z');
const INDEXED_AT = new Date('2026-08-01T00:00:00.000Z');
const span = { from: FROM.toISOString(), to: TO.toISOString() };
const [dimension] = defaultMaturityModel.dimensions;
const [topic] = dimension.topics;

function change(name: string, movement: ChangeRow['movement']): ChangeRow {
  const levels = (level: number, revision: number) => ({
    revision,
    assessedAt: `2026-0${revision}-02T00:00:00.000Z`,
    dimensions: { [dimension.id]: level },
    topics: { [topic.id]: level },
  });
  return {
    entityRef: `component:default/${name}`,
    title: name === 'ledger' ? '=Ledger, "main"' : null,
    ownerRef: 'group:default/payments',
    movement,
    before: movement === 'newly-assessed' ? null : levels(2, 3),
    after: levels(3, 6),
  };
}

const page: ChangesPage = {
  ...span,
  scopeAsOf: 'now',
  indexedAt: INDEXED_AT.toISOString(),
  totals: { improved: 1, regressed: 0, newlyAssessed: 1, unchanged: 0 },
  teams: [
    {
      ownerRef: 'group:default/payments',
      improved: 1,
      regressed: 0,
      newlyAssessed: 1,
      unchanged: 0,
    },
  ],
  items: [change('ledger', 'improved'), change('web', 'newly-assessed')],
  nextCursor: null,
};

function setup() {
  const fakes = createRouterFakes();
  fakes.changes.page.mockResolvedValue(page);
  fakes.changes.rows.mockImplementation(async () => ({
    span,
    indexedAt: INDEXED_AT,
    rows: (async function* rows() {
      yield [change('ledger', 'improved')];
      yield [];
      yield [change('web', 'newly-assessed')];
    })(),
  }));
  return { ...fakes, app: createTestApp(fakes.deps) };
}

const get = (app: Express.Application, url: string) =>
  request(app).get(url).set('Authorization', AS_USER);

describe('GET /changes', () => {
  it('asks for a page of the scope between the two moments, and answers it', async () => {
    const { app, changes } = setup();
    const res = await get(
      app,
      '/changes?from=2026-04-01&to=2026-07-01&group=payments&movement=improved&limit=10&cursor=next',
    );
    expect(changes.page).toHaveBeenCalledWith(
      {
        from: FROM,
        to: TO,
        group: 'payments',
        direct: false,
        movement: 'improved',
        limit: 10,
        cursor: 'next',
      },
      allVisible,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(page);
  });

  it('asks for a group’s own entities with direct=true, up to now without to', async () => {
    const { app, changes } = setup();
    await get(app, '/changes?from=2026-04-01&group=payments&direct=true');
    expect(changes.page).toHaveBeenCalledWith(
      { from: FROM, group: 'payments', direct: true, limit: 50 },
      allVisible,
    );
  });

  it('audits the read with its filter and how many rows it returned', async () => {
    const { app, events } = setup();
    await get(app, '/changes?from=2026-04-01&system=shop');
    expect(events).toEqual([
      {
        eventId: 'changes-read',
        status: 'succeeded',
        meta: {
          filter: {
            from: FROM.toISOString(),
            system: 'shop',
            direct: false,
            limit: 50,
            format: 'json',
          },
          rows: 2,
        },
      },
    ]);
  });

  it('streams the whole scope as CSV, both sides of every entity, audited', async () => {
    const { app, changes, events } = setup();
    const res = await get(
      app,
      '/changes?from=2026-04-01&to=2026-07-01&format=csv',
    );
    expect(changes.rows).toHaveBeenCalledWith(
      { from: FROM, to: TO, direct: false, limit: 50 },
      allVisible,
    );
    expect(changes.page).not.toHaveBeenCalled();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="maturity-changes-2026-04-01-2026-07-01.csv"',
    );
    expect(res.headers['x-maturity-from']).toBe(FROM.toISOString());
    expect(res.headers['x-maturity-to']).toBe(TO.toISOString());
    expect(res.headers['x-maturity-scope-as-of']).toBe('now');
    const lines = res.text.trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 8)).toEqual([
      'entityRef',
      'title',
      'ownerRef',
      'movement',
      'before:revision',
      'before:assessedAt',
      `before:median:${dimension.id}`,
      `before:median:${defaultMaturityModel.dimensions[1].id}`,
    ]);
    expect(header).toContain(`after:${topic.id}`);
    expect(lines).toHaveLength(3);
    const cells = (line: string) =>
      Object.fromEntries(header.map((h, i) => [h, line.split(',')[i]]));
    // A title is quoted, and a formula neutralised.
    expect(lines[1]).toMatch(
      /^component:default\/ledger,"'=Ledger, ""main""",group:default\/payments,improved,3,/,
    );
    const web = cells(lines[2]);
    expect(web).toMatchObject({
      movement: 'newly-assessed',
      'before:revision': '',
      'after:revision': '6',
      [`before:median:${dimension.id}`]: '',
      [`after:median:${dimension.id}`]: '3',
      [`after:${topic.id}`]: '3',
    });
    expect(events).toMatchObject([
      { eventId: 'changes-read', status: 'succeeded', meta: { rows: 2 } },
    ]);
  });

  it('answers a clean error, audited, when the first batch fails', async () => {
    const { app, changes, events } = setup();
    changes.rows.mockImplementation(async () => ({
      span,
      indexedAt: INDEXED_AT,
      rows: (async function* rows() {
        yield* [];
        throw new Error('database gone');
      })(),
    }));
    const res = await get(app, '/changes?from=2026-04-01&format=csv');
    expect(res.status).toBe(500);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(events).toMatchObject([
      { eventId: 'changes-read', status: 'failed' },
    ]);
  });

  it.each([
    ['no from', ''],
    ['from after to', 'from=2026-07-01&to=2026-04-01'],
    ['from equal to to', 'from=2026-07-01&to=2026-07-01'],
    ['a from that is not a date', 'from=last-quarter'],
    ['an unknown movement', 'from=2026-04-01&movement=better'],
    ['minLevel, which changes do not filter on', 'from=2026-04-01&minLevel=2'],
    ['limit=0', 'from=2026-04-01&limit=0'],
    ['format=xml', 'from=2026-04-01&format=xml'],
  ])('answers 400 to %s, reading nothing', async (_, query) => {
    const { app, changes, events } = setup();
    const res = await get(app, `/changes?${query}`);
    expect(res.status).toBe(400);
    expect(changes.page).not.toHaveBeenCalled();
    expect(changes.rows).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});

describe('GET /scorecards/groups/:namespace/:name/trend', () => {
  const trend = {
    entityRef: 'group:default/payments',
    scopeAsOf: 'now' as const,
    points: [
      {
        date: '2026-07-31',
        components: 2,
        assessed: 1,
        dimensions: { [dimension.id]: 2 },
      },
    ],
  };

  it('asks for twelve months of the group with its sub-teams by default', async () => {
    const { app, scorecards } = setup();
    scorecards.groupTrend.mockResolvedValue(trend);
    const res = await get(app, '/scorecards/groups/default/payments/trend');
    expect(scorecards.groupTrend).toHaveBeenCalledWith(
      'group:default/payments',
      { ...allVisible, months: 12, direct: false },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(trend);
  });

  it('asks for the months and the group’s own components as the query says', async () => {
    const { app, scorecards } = setup();
    scorecards.groupTrend.mockResolvedValue(trend);
    await get(
      app,
      '/scorecards/groups/default/payments/trend?months=3&direct=true',
    );
    expect(scorecards.groupTrend).toHaveBeenCalledWith(
      'group:default/payments',
      { ...allVisible, months: 3, direct: true },
    );
  });

  it.each(['months=0', 'months=25', 'months=x', 'asOf=2026-07-01'])(
    'answers 400 to %s',
    async query => {
      const { app, scorecards } = setup();
      const res = await get(
        app,
        `/scorecards/groups/default/payments/trend?${query}`,
      );
      expect(res.status).toBe(400);
      expect(scorecards.groupTrend).not.toHaveBeenCalled();
    },
  );
});
