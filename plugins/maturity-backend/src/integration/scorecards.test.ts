import request from 'supertest';
import { ADMIN, fullyTo } from '../__testUtils__/fixtures';
import {
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// Group, domain and system scorecards: the roll-up and its entities.

jest.setTimeout(60_000);

type Response = request.Response;
type Named = { name: string };
type Referenced = { entityRef: string };
type Child = Referenced & { components: { total: number } };

describe('scorecards over two assessed components', () => {
  let backend: MaturityBackend;
  let card: Response;

  beforeAll(async () => {
    backend = await startMaturityBackend();
    await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(3), 'people.culture': fullyTo(1) },
    });
    await backend.assess(
      'web',
      { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } },
      ADMIN,
    );
    card = await backend.get('/scorecards/groups/default/engineering');
  });

  it('counts the components of a group and its descendant teams', () => {
    expect(card.status).toBe(200);
    expect(card.body.components).toEqual({ total: 5, assessed: 2, stale: 0 });
  });

  it('takes the median of the components’ dimension medians', () => {
    // people medians: payments-api [1, 3] → 1, web [1] → 1
    expect(card.body.dimensions.people).toMatchObject({
      median: 1,
      min: 1,
      max: 1,
    });
  });

  it('rolls up each topic with its distribution over the levels', () => {
    expect(card.body.topics['people.ai']).toMatchObject({
      median: 1,
      min: 1,
      max: 3,
    });
    expect(card.body.topics['people.ai'].distribution).toEqual([
      0, 1, 0, 1, 0, 0,
    ]);
  });

  it('lists the child teams with their own counts', () => {
    expect(
      card.body.children.map((c: Child) => [c.entityRef, c.components.total]),
    ).toEqual([
      ['group:default/platform', 1],
      ['group:default/product', 4],
    ]);
  });

  it('keeps to the components a group owns itself with direct=true', async () => {
    const direct = await backend.get(
      '/scorecards/groups/default/payments?direct=true',
    );
    expect(direct.body.entities.map((e: Named) => e.name).sort()).toEqual([
      'ledger',
      'payments-api',
      'secret',
    ]);
  });

  it('rolls up a domain over its systems', async () => {
    const domain = await backend.get('/scorecards/domains/default/commerce');
    expect(domain.body.components.total).toBe(5);
    expect(domain.body.children.map((c: Referenced) => c.entityRef)).toEqual([
      'system:default/shop',
    ]);
  });
});

describe('a scorecard without its entities', () => {
  let backend: MaturityBackend;

  beforeAll(async () => {
    backend = await startMaturityBackend();
    await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'people.ai': fullyTo(3) },
    });
  });

  it.each([
    {
      scope: 'group',
      card: '/scorecards/groups/default/engineering',
      filter: 'group=engineering',
    },
    {
      scope: 'domain',
      card: '/scorecards/domains/default/commerce',
      filter: 'domain=commerce',
    },
  ])(
    'answers the $scope roll-up alone with entities=none, its entities paged through the overview',
    async scope => {
      const { get } = backend;
      const streamed = await get(scope.card);
      const rollUpOnly = await get(`${scope.card}?entities=none`);
      expect(streamed.status).toBe(200);
      expect(streamed.headers['content-type']).toMatch(/application\/json/);
      expect(rollUpOnly.status).toBe(200);
      const { entities: streamedEntities, ...rolledUp } = streamed.body;
      expect(streamedEntities.length).toBeGreaterThan(1);
      expect(rollUpOnly.body).toEqual({ ...rolledUp, entities: [] });
      // The same components, a page at a time, as the scorecard view shows them.
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(
          `/overview?${scope.filter}&limit=2${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(streamedEntities.length);
        paged.push(...page.body.items.map((e: Referenced) => e.entityRef));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      expect(paged.sort()).toEqual(
        streamedEntities.map((e: Referenced) => e.entityRef).sort(),
      );
    },
  );

  it('answers 400 to any other entities value', async () => {
    const bad = await backend.get(
      '/scorecards/systems/default/shop?entities=some',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/entities/);
  });
});
