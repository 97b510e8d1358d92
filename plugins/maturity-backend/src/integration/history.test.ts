import request from 'supertest';
import { fakeDate } from '../__testUtils__/fakeClock';
import { ADMIN, as, fullyTo, OWNER } from '../__testUtils__/fixtures';
import {
  BASE,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// The reads of the past through the whole plugin: assessments written at
// chosen dates, then read as of a date (each read that answers "now"), the
// changes between two dates, and a group's trend by month.

jest.setTimeout(60_000);

type Referenced = { entityRef: string; revision?: number | null };

const NOW = new Date('2026-07-15T12:00:00.000Z');
/** The end of the UTC day `date`, which an ISO date as asOf means. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999Z`).toISOString();

describe('as-of reads, changes and the trend over a written history', () => {
  let backend: MaturityBackend;
  const get = (path: string) => backend.get(path, ADMIN);

  beforeAll(async () => {
    fakeDate();
    backend = await startMaturityBackend();
    const assess = async (
      date: string,
      name: string,
      baseRevision: number,
      level: number,
    ) => {
      jest.setSystemTime(new Date(`${date}T10:00:00.000Z`));
      const written = await backend.assess(
        name,
        { baseRevision, ratings: { 'people.ai': fullyTo(level) } },
        ADMIN,
      );
      expect(written.status).toBe(201);
    };
    // payments-api: 1 in March, 3 from May; web: 2 from May, 1 from June
    // (owned by storefront); ledger: 2 from June (owned by payments).
    await assess('2026-03-10', 'payments-api', 0, 1);
    await assess('2026-05-10', 'payments-api', 1, 3);
    await assess('2026-05-10', 'web', 0, 2);
    await assess('2026-06-10', 'web', 1, 1);
    await assess('2026-06-10', 'ledger', 0, 2);
    jest.setSystemTime(NOW);
  });

  afterAll(() => {
    jest.useRealTimers();
  });

  describe('each read as of a date', () => {
    it('answers the snapshot of an entity that was its latest then', async () => {
      const april = await get(
        '/entities/component/default/payments-api?asOf=2026-04-01',
      );
      expect(april.status).toBe(200);
      expect(april.body).toMatchObject({
        revision: 1,
        asOf: endOf('2026-04-01'),
        scopeAsOf: 'now',
      });
      const now = await get('/entities/component/default/payments-api');
      expect(now.body.revision).toBe(2);
      expect(now.body.asOf).toBeUndefined();
    });

    it('answers 404 for an entity not assessed yet then', async () => {
      const res = await get('/entities/component/default/web?asOf=2026-04-01');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/has no maturity assessment at/);
    });

    it.each([
      ['groups/default/engineering', 5],
      ['systems/default/shop', 5],
      ['domains/default/commerce', 5],
    ])(
      'rolls up the scorecard of %s as it was, over today’s members',
      async (path, total) => {
        const april = await get(`/scorecards/${path}?asOf=2026-04-01`);
        expect(april.status).toBe(200);
        expect(april.body).toMatchObject({
          components: { total, assessed: 1 },
          asOf: endOf('2026-04-01'),
          scopeAsOf: 'now',
        });
        expect(april.body.topics['people.ai'].median).toBe(1);
        const may = await get(`/scorecards/${path}?asOf=2026-05-31`);
        expect(may.body.components.assessed).toBe(2);
        expect(may.body.topics['people.ai'].distribution).toEqual([
          0, 0, 1, 1, 0, 0,
        ]);
        const now = await get(`/scorecards/${path}`);
        expect(now.body.components.assessed).toBe(3);
        expect(now.body.asOf).toBeUndefined();
      },
    );

    it('pages the overview as it was', async () => {
      const res = await get('/overview?asOf=2026-05-31&minLevel=2');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        totalCount: 2,
        asOf: endOf('2026-05-31'),
        scopeAsOf: 'now',
      });
      expect(
        res.body.items.map((i: Referenced) => [i.entityRef, i.revision]),
      ).toEqual([
        ['component:default/payments-api', 2],
        ['component:default/web', 1],
      ]);
    });

    it('sorts the overview by a field as of a date, but not by a dimension', async () => {
      const sorted = await get(
        '/overview?asOf=2026-05-31&sortBy=percentToTarget&order=desc',
      );
      expect(sorted.status).toBe(200);
      const byDimension = await get('/overview?asOf=2026-05-31&sortBy=people');
      expect(byDimension.status).toBe(400);
      expect(byDimension.body.error.message).toBe(
        'sorting by a dimension is not available as of a date',
      );
      expect((await get('/overview?sortBy=people')).status).toBe(200);
    });

    it('exports the rows as they were, the moment in the file name and headers', async () => {
      const res = await get('/export?format=json&asOf=2026-04-01');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="maturity-2026-04-01.json"',
      );
      expect(res.headers['x-maturity-as-of']).toBe(endOf('2026-04-01'));
      expect(res.headers['x-maturity-scope-as-of']).toBe('now');
      const revisions = Object.fromEntries(
        JSON.parse(res.text).map((r: Referenced) => [r.entityRef, r.revision]),
      );
      expect(revisions).toMatchObject({
        'component:default/payments-api': 1,
        'component:default/web': null,
        'component:default/ledger': null,
      });
    });

    it('answers the catalog rows as they were', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/entities/by-refs`)
        .set('Authorization', as(ADMIN))
        .send({
          entityRefs: ['component:default/web', 'component:default/ledger'],
          asOf: '2026-05-31',
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        asOf: endOf('2026-05-31'),
        scopeAsOf: 'now',
        items: [
          { assessed: true, level: 2, revision: 1 },
          { assessed: false, level: null },
        ],
      });
    });

    it('reads today’s date as now', async () => {
      const res = await get('/entities/component/default/web?asOf=2026-07-15');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ revision: 2, asOf: NOW.toISOString() });
    });
  });

  describe('asOf refused', () => {
    const reads = [
      '/entities/component/default/payments-api',
      '/scorecards/groups/default/engineering',
      '/scorecards/systems/default/shop',
      '/scorecards/domains/default/commerce',
      '/overview',
      '/export',
    ];

    it.each(reads)(
      'answers 400 to a date to come on %s, and audits no read',
      async path => {
        const events = backend.events.length;
        const res = await get(`${path}?asOf=2026-07-16`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          `asOf ${endOf(
            '2026-07-16',
          )} is in the future (the server's time is ${NOW.toISOString()})`,
        );
        expect(
          backend.events.slice(events).filter(e => e.status === 'succeeded'),
        ).toEqual([]);
      },
    );

    it.each(reads)(
      'answers 400 to an asOf that is no date on %s',
      async path => {
        const res = await get(`${path}?asOf=2026-13-01`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^Invalid query: asOf: /);
      },
    );

    it('answers 400 to a date to come in the body of by-refs', async () => {
      const res = await request(backend.server)
        .post(`${BASE}/entities/by-refs`)
        .set('Authorization', as(OWNER))
        .send({ entityRefs: ['component:default/web'], asOf: '2027-01-01' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/is in the future/);
    });

    it('leaves what is stored as it was', async () => {
      const now = await get('/scorecards/groups/default/engineering');
      expect(now.body.components.assessed).toBe(3);
      const latest = await get('/entities/component/default/web');
      expect(latest.body.revision).toBe(2);
    });
  });

  describe('GET /changes', () => {
    const changes = (query: string) => get(`/changes?${query}`);

    it('lists how each entity moved since a date, with totals and teams', async () => {
      const res = await changes('from=2026-04-01');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        from: endOf('2026-04-01'),
        to: NOW.toISOString(),
        scopeAsOf: 'now',
        totals: { improved: 1, regressed: 0, newlyAssessed: 2, unchanged: 0 },
        teams: [
          {
            ownerRef: 'group:default/payments',
            improved: 1,
            newlyAssessed: 1,
          },
          { ownerRef: 'group:default/storefront', newlyAssessed: 1 },
        ],
        nextCursor: null,
      });
      expect(
        res.body.items.map(
          (i: { entityRef: string; movement: string; before: unknown }) => [
            i.entityRef,
            i.movement,
            i.before === null ? null : (i.before as Referenced).revision,
          ],
        ),
      ).toEqual([
        ['component:default/ledger', 'newly-assessed', null],
        ['component:default/payments-api', 'improved', 1],
        ['component:default/web', 'newly-assessed', null],
      ]);
    });

    it('compares two dates, a regression included', async () => {
      const res = await changes('from=2026-05-31&to=2026-06-30');
      expect(res.body.totals).toEqual({
        improved: 0,
        regressed: 1,
        newlyAssessed: 1,
        unchanged: 1,
      });
    });

    it('pages by the cursor, the totals of the whole scope on every page', async () => {
      const refs: string[] = [];
      const cursors: Array<string | null> = [];
      let cursor = '';
      for (let pages = 0; pages < 3; pages++) {
        const res = await changes(`from=2026-04-01&limit=1${cursor}`);
        expect(res.body.items).toHaveLength(1);
        expect(res.body.totals.newlyAssessed).toBe(2);
        refs.push(res.body.items[0].entityRef);
        cursors.push(res.body.nextCursor);
        cursor = `&cursor=${res.body.nextCursor}`;
      }
      expect(cursors).toEqual([expect.any(String), expect.any(String), null]);
      expect(refs).toEqual([
        'component:default/ledger',
        'component:default/payments-api',
        'component:default/web',
      ]);
    });

    it('lists one movement when asked, in a group’s scope', async () => {
      const res = await changes(
        'from=2026-04-01&group=payments&movement=newly-assessed',
      );
      expect(res.body.items.map((i: Referenced) => i.entityRef)).toEqual([
        'component:default/ledger',
      ]);
      expect(res.body.totals).toMatchObject({ improved: 1, newlyAssessed: 1 });
    });

    it('streams the changes as CSV', async () => {
      const res = await changes('from=2026-04-01&to=2026-06-30&format=csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="maturity-changes-2026-04-01-2026-06-30.csv"',
      );
      const lines = res.text.trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(
        /^component:default\/payments-api,[^,]*,group:default\/payments,improved,1,/,
      );
    });

    it('answers 400 to a date to come, and to from after to', async () => {
      const future = await changes('from=2026-04-01&to=2026-08-01');
      expect(future.status).toBe(400);
      expect(future.body.error.message).toMatch(/is in the future/);
      expect((await changes('from=2026-06-01&to=2026-05-01')).status).toBe(400);
    });
  });

  describe('GET /scorecards/groups/:namespace/:name/trend', () => {
    it('answers a point per month end, now last', async () => {
      const res = await get(
        '/scorecards/groups/default/engineering/trend?months=5',
      );
      expect(res.status).toBe(200);
      expect(
        res.body.points.map(
          (p: { date: string; assessed: number; dimensions: object }) => [
            p.date,
            p.assessed,
          ],
        ),
      ).toEqual([
        ['2026-03-31', 1],
        ['2026-04-30', 1],
        ['2026-05-31', 2],
        ['2026-06-30', 3],
        ['2026-07-15', 3],
      ]);
      expect(res.body.points[0].components).toBe(5);
    });

    it('keeps to a group’s own components with direct=true', async () => {
      const res = await get(
        '/scorecards/groups/default/payments/trend?months=2&direct=true',
      );
      expect(
        res.body.points.map((p: { assessed: number }) => p.assessed),
      ).toEqual([2, 2]);
    });
  });
});
