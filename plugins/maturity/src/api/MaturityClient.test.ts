import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeAssessment, model } from '../__testUtils__/fixtures';
import { MaturityClient } from './MaturityClient';

const baseUrl = 'http://localhost:7007';
const api = `${baseUrl}/api/maturity`;

describe('MaturityClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const createClient = () =>
    new MaturityClient({
      discoveryApi: mockApis.discovery({ baseUrl }),
      fetchApi: { fetch: (...args) => fetch(...args) },
    });

  it('fetches the model once and reuses it', async () => {
    const handler = jest.fn(() => HttpResponse.json(model));
    server.use(http.get(`${api}/model`, handler));
    const client = createClient();

    await expect(client.getModel()).resolves.toEqual(model);
    await expect(client.getModel()).resolves.toEqual(model);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('lower-cases and encodes the entity path, and maps 404 to no assessment', async () => {
    let path = '';
    server.use(
      http.get(`${api}/entities/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'none' } },
          { status: 404 },
        );
      }),
    );

    await expect(
      createClient().getAssessment('Component:Default/My Service'),
    ).resolves.toBeUndefined();
    expect(path).toBe('/api/maturity/entities/component/default/my%20service');
  });

  it("asks for an entity's catalog evidence at its lower-cased path, and fails on a 404", async () => {
    const evidence = {
      entityRef: 'component:default/payments',
      topics: {
        'process.security': [
          { ruleId: 'snyk', label: 'Scanned', value: 'acme', level: 2 },
        ],
      },
    };
    server.use(
      http.get(`${api}/entities/component/default/payments/evidence`, () =>
        HttpResponse.json(evidence),
      ),
      http.get(`${api}/entities/component/default/hidden/evidence`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'none' } },
          { status: 404 },
        ),
      ),
    );
    const client = createClient();
    await expect(
      client.getEntityEvidence('Component:default/Payments'),
    ).resolves.toEqual(evidence);
    await expect(
      client.getEntityEvidence('component:default/hidden'),
    ).rejects.toMatchObject({ name: 'ResponseError' });
  });

  it('posts a submission and returns the stored snapshot', async () => {
    const stored = makeAssessment({ revision: 3 });
    let body: unknown;
    server.use(
      http.post(
        `${api}/entities/component/default/payments/assessments`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(stored, { status: 201 });
        },
      ),
    );

    const submission = {
      baseRevision: 2,
      ratings: { 'process.security': { '1': 'fully' as const } },
    };
    await expect(
      createClient().submitAssessment('component:default/payments', submission),
    ).resolves.toEqual(stored);
    expect(body).toEqual(submission);
  });

  it('posts a CNMM 3.x file to the import route', async () => {
    const answer = {
      assessment: makeAssessment({ revision: 4 }),
      mapping: { dropped: [], shifted: [] },
    };
    let body: unknown;
    server.use(
      http.post(
        `${api}/entities/component/default/payments/imports/v3`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(answer, { status: 201 });
        },
      ),
    );
    const upload = {
      baseRevision: 3,
      assessment: {
        cnmmVersion: '3.1',
        ratings: { 'process.ci-cd': { '1': 'fully' as const } },
      },
    };
    await expect(
      createClient().importV3Assessment('component:default/payments', upload),
    ).resolves.toEqual(answer);
    expect(body).toEqual(upload);
  });

  it('throws a ResponseError carrying the status and server message', async () => {
    server.use(
      http.post(`${api}/entities/component/default/payments/assessments`, () =>
        HttpResponse.json(
          {
            error: { name: 'ConflictError', message: 'stale revision' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );

    await expect(
      createClient().submitAssessment('component:default/payments', {
        baseRevision: 0,
        ratings: {},
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      body: { error: { message: 'stale revision' } },
    });
  });

  it.each([
    ['system:default/shop', '/scorecards/systems/default/shop'],
    ['group:default/team-a', '/scorecards/groups/default/team-a'],
    ['domain:default/commerce', '/scorecards/domains/default/commerce'],
  ])('reads the scorecard of %s', async (ref, expected) => {
    const urls: URL[] = [];
    server.use(
      http.get(`${api}/scorecards/*`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ entityRef: ref });
      }),
    );
    await createClient().getScorecard(ref);
    await createClient().getScorecard(ref, { entities: 'none' });
    await createClient().getScorecard(ref, { asOf: '2026-07-01' });
    expect(urls.map(u => u.pathname)).toEqual([
      `/api/maturity${expected}`,
      `/api/maturity${expected}`,
      `/api/maturity${expected}`,
    ]);
    expect(urls.map(u => u.search)).toEqual([
      '',
      '?entities=none',
      '?asOf=2026-07-01',
    ]);
  });

  it('asks for an assessment, an overview page and an export as of a date', async () => {
    const searches: Record<string, string | null> = {};
    const record =
      (name: string, answer: () => Response) =>
      ({ request }: { request: Request }) => {
        searches[name] = new URL(request.url).searchParams.get('asOf');
        return answer();
      };
    server.use(
      http.get(
        `${api}/entities/component/default/payments`,
        record('assessment', () => HttpResponse.json(makeAssessment())),
      ),
      http.get(
        `${api}/overview`,
        record('overview', () =>
          HttpResponse.json({ items: [], totalCount: 0, nextCursor: null }),
        ),
      ),
      http.get(
        `${api}/export`,
        record('export', () => new HttpResponse('entityRef\n')),
      ),
    );
    const client = createClient();
    const asOf = '2026-07-01T12:00:00Z';
    await client.getAssessment('component:default/payments', { asOf });
    await client.getOverview({ owner: 'team-a', asOf });
    const file = await client.exportOverview({ owner: 'team-a' }, 'csv', {
      asOf,
    });
    expect(searches).toEqual({
      assessment: asOf,
      overview: asOf,
      export: asOf,
    });
    expect(file.filename).toBe('maturity.csv');
  });

  it('posts asOf in the body of a catalog rows request', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${api}/entities/by-refs`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ items: [null] });
      }),
    );
    const client = createClient();
    await client.getCatalogRows(['component:default/a'], {
      asOf: '2026-07-01',
    });
    await client.getCatalogRows(['component:default/a']);
    expect(bodies).toEqual([
      { entityRefs: ['component:default/a'], asOf: '2026-07-01' },
      { entityRefs: ['component:default/a'] },
    ]);
  });

  it('reads a page of changes with its dates, filters and cursor', async () => {
    let search: URLSearchParams | undefined;
    const page = {
      from: '2026-07-01T23:59:59.999Z',
      to: '2026-10-01T23:59:59.999Z',
      scopeAsOf: 'now',
      indexedAt: '2026-10-02T08:00:00.000Z',
      totals: { improved: 1, regressed: 0, newlyAssessed: 0, unchanged: 0 },
      teams: [],
      items: [],
      nextCursor: null,
    };
    server.use(
      http.get(`${api}/changes`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json(page);
      }),
    );
    await expect(
      createClient().getChanges({
        from: '2026-07-01',
        to: '2026-10-01',
        group: 'group:default/payments',
        movement: 'regressed',
        limit: 25,
        cursor: 'next',
      }),
    ).resolves.toEqual(page);
    expect(Object.fromEntries(search!)).toEqual({
      from: '2026-07-01',
      to: '2026-10-01',
      group: 'group:default/payments',
      movement: 'regressed',
      limit: '25',
      cursor: 'next',
    });
  });

  it('downloads the changes as CSV with the file name the server chose', async () => {
    let search: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/changes`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return new HttpResponse('entityRef,movement\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="changes.csv"',
          },
        });
      }),
    );
    const file = await createClient().exportChanges({
      from: '2026-07-01',
      system: 'system:default/shop',
    });
    expect(Object.fromEntries(search!)).toEqual({
      from: '2026-07-01',
      system: 'system:default/shop',
      format: 'csv',
    });
    expect(file.filename).toBe('changes.csv');
    expect(await file.blob.text()).toBe('entityRef,movement\n');
  });

  it("reads a group's trend, and refuses one for other kinds", async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${api}/scorecards/groups/*`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          entityRef: 'group:default/team-a',
          scopeAsOf: 'now',
          points: [],
        });
      }),
    );
    await createClient().getGroupTrend('Group:default/Team-A', { months: 6 });
    expect(url?.pathname).toBe(
      '/api/maturity/scorecards/groups/default/team-a/trend',
    );
    expect(url?.search).toBe('?months=6');
    await expect(
      createClient().getGroupTrend('system:default/shop'),
    ).rejects.toThrow(/no maturity trend for entities of kind system/);
  });

  it('refuses a scorecard for other kinds', async () => {
    await expect(
      createClient().getScorecard('component:default/payments'),
    ).rejects.toThrow(/no maturity scorecard/);
  });

  it('sends overview filters, sorting and the cursor as query parameters', async () => {
    let search: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/overview`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          nextCursor: null,
        });
      }),
    );

    await createClient().getOverview({
      owner: 'team-a',
      lifecycle: 'production',
      minLevel: 2,
      sortBy: 'percentToTarget',
      order: 'desc',
      limit: 25,
      cursor: 'abc',
      system: undefined,
    });
    expect(Object.fromEntries(search!)).toEqual({
      owner: 'team-a',
      lifecycle: 'production',
      minLevel: '2',
      sortBy: 'percentToTarget',
      order: 'desc',
      limit: '25',
      cursor: 'abc',
    });
  });

  it('posts catalog refs in one request per 500, answering in the order asked', async () => {
    const bodies: string[][] = [];
    server.use(
      http.post(`${api}/entities/by-refs`, async ({ request }) => {
        const { entityRefs } = (await request.json()) as {
          entityRefs: string[];
        };
        bodies.push(entityRefs);
        return HttpResponse.json({
          items: entityRefs.map(entityRef =>
            entityRef.endsWith('-7')
              ? null
              : { entityRef, assessed: false, level: null, stale: false },
          ),
        });
      }),
    );
    const refs = Array.from(
      { length: 1001 },
      (_, i) => `component:default/c-${i}`,
    );

    const items = await createClient().getCatalogRows(refs);
    expect(bodies.map(b => b.length)).toEqual([500, 500, 1]);
    expect(bodies.flat()).toEqual(refs);
    expect(items).toHaveLength(1001);
    expect(items[7]).toBeNull();
    expect(items[1000]).toEqual({
      entityRef: 'component:default/c-1000',
      assessed: false,
      level: null,
      stale: false,
    });
  });

  it('asks for the assessed refs with the filter as query parameters', async () => {
    let search: URLSearchParams | undefined;
    server.use(
      http.get(`${api}/entities/assessed`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json({ entityRefs: ['component:default/a'] });
      }),
    );

    await expect(
      createClient().getAssessedRefs({ minLevel: 3, stale: 'true' }),
    ).resolves.toEqual(['component:default/a']);
    expect(Object.fromEntries(search!)).toEqual({
      minLevel: '3',
      stale: 'true',
    });
  });

  it('downloads an export with the file name the server chose', async () => {
    server.use(
      http.get(`${api}/export`, ({ request }) => {
        const search = new URL(request.url).searchParams;
        expect(search.get('format')).toBe('csv');
        expect(search.get('owner')).toBe('team-a');
        return new HttpResponse('entityRef\ncomponent:default/a\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition':
              'attachment; filename="maturity-2025-01-01.csv"',
          },
        });
      }),
    );

    const file = await createClient().exportOverview(
      { owner: 'team-a' },
      'csv',
    );
    expect(file.filename).toBe('maturity-2025-01-01.csv');
    expect(await file.blob.text()).toContain('component:default/a');
  });
});
