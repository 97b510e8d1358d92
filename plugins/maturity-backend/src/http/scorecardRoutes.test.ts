import { NotFoundError } from '@backstage/errors';
import {
  EntityMaturityRow,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import request from 'supertest';
import type { ScorecardOptions } from '../services/ScorecardService';
import {
  allVisible,
  AS_USER,
  createRouterFakes,
  createTestApp,
} from './__testUtils__/routerHarness';

function row(name: string): EntityMaturityRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    title: null,
    ownerRef: 'group:default/payments',
    systemRef: 'system:default/shop',
    lifecycle: 'production',
    revision: 1,
    assessedAt: '2026-01-02T03:04:05.000Z',
    stale: false,
    percentToTarget: null,
    dimensions: { process: 1 },
  };
}

const batches = [[row('a'), row('b')], [], [row('c')]];

/** The roll-up of a scorecard whose rows went to a sink: entities empty. */
function card(entityRef: string): Scorecard {
  return {
    entityRef,
    components: { total: 3, assessed: 3, stale: 0 },
    dimensions: {},
    topics: {},
    percentToTarget: null,
    entities: [],
    children: [{ entityRef: 'group:default/team', title: null, ...rollUp() }],
    indexedAt: '2026-02-03T04:05:06.000Z',
  };
}

function rollUp() {
  return {
    components: { total: 1, assessed: 0, stale: 0 },
    dimensions: {},
    percentToTarget: null,
  };
}

/** A scorecard service method: hands its rows to a sink when given one. */
function computing(entityRef: string) {
  return async (_ref: string, options: ScorecardOptions) => {
    const sink = options.entities;
    if (typeof sink !== 'function') return card(entityRef);
    for (const batch of batches) await sink(batch);
    return card(entityRef);
  };
}

function setup() {
  const fakes = createRouterFakes();
  fakes.scorecards.systemScorecard.mockImplementation(
    computing('system:default/shop'),
  );
  fakes.scorecards.domainScorecard.mockImplementation(
    computing('domain:default/commerce'),
  );
  fakes.scorecards.groupScorecard.mockImplementation(
    computing('group:default/payments'),
  );
  return { ...fakes, app: createTestApp(fakes.deps) };
}

/** What a collected scorecard would be: the rows first, then the roll-up. */
function collected(entityRef: string): string {
  const { entities: _none, ...rest } = card(entityRef);
  return JSON.stringify({ entities: batches.flat(), ...rest });
}

describe('GET /scorecards/systems/:namespace/:name', () => {
  it('streams the rows then the roll-up, the same JSON as collected', async () => {
    const { app } = setup();
    const res = await request(app)
      .get('/scorecards/systems/default/shop')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe(collected('system:default/shop'));
  });

  it('asks for the system of the path, for the caller, with a sink for the rows', async () => {
    const { app, scorecards } = setup();
    await request(app)
      .get('/scorecards/systems/default/shop')
      .set('Authorization', AS_USER);
    expect(scorecards.systemScorecard).toHaveBeenCalledWith(
      'system:default/shop',
      { ...allVisible, entities: expect.any(Function) },
    );
  });

  it('answers the roll-up only with entities=none', async () => {
    const { app, scorecards } = setup();
    const res = await request(app)
      .get('/scorecards/systems/default/shop?entities=none')
      .set('Authorization', AS_USER);
    expect(scorecards.systemScorecard).toHaveBeenCalledWith(
      'system:default/shop',
      { ...allVisible, entities: 'none' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(card('system:default/shop'));
  });

  it('answers the scorecard as one JSON when no row was streamed', async () => {
    const { app, scorecards } = setup();
    scorecards.systemScorecard.mockResolvedValue(card('system:default/shop'));
    const res = await request(app)
      .get('/scorecards/systems/default/shop')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(card('system:default/shop'));
  });

  it('passes a 404 of the service on', async () => {
    const { app, scorecards } = setup();
    scorecards.systemScorecard.mockRejectedValue(new NotFoundError('no shop'));
    const res = await request(app)
      .get('/scorecards/systems/default/shop')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('no shop');
  });

  it.each([
    [
      'the query entities=some',
      '/scorecards/systems/default/shop?entities=some',
    ],
    ['the query direct=true', '/scorecards/systems/default/shop?direct=true'],
    ['a name with a space', '/scorecards/systems/default/sh%20op'],
  ])('answers 400 to %s', async (_, url) => {
    const { app, scorecards } = setup();
    const res = await request(app).get(url).set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(scorecards.systemScorecard).not.toHaveBeenCalled();
  });
});

describe('GET /scorecards/domains/:namespace/:name', () => {
  it('streams the domain of the path, the same JSON as collected', async () => {
    const { app, scorecards } = setup();
    const res = await request(app)
      .get('/scorecards/domains/default/commerce')
      .set('Authorization', AS_USER);
    expect(scorecards.domainScorecard).toHaveBeenCalledWith(
      'domain:default/commerce',
      { ...allVisible, entities: expect.any(Function) },
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(collected('domain:default/commerce'));
  });

  it('answers 400 to an unknown query parameter', async () => {
    const { app, scorecards } = setup();
    const res = await request(app)
      .get('/scorecards/domains/default/commerce?owner=x')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(scorecards.domainScorecard).not.toHaveBeenCalled();
  });
});

describe('GET /scorecards/groups/:namespace/:name', () => {
  it('streams the group with its sub-teams by default, the same JSON as collected', async () => {
    const { app, scorecards } = setup();
    const res = await request(app)
      .get('/scorecards/groups/default/payments')
      .set('Authorization', AS_USER);
    expect(scorecards.groupScorecard).toHaveBeenCalledWith(
      'group:default/payments',
      { ...allVisible, entities: expect.any(Function), direct: false },
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(collected('group:default/payments'));
  });

  it('asks for the group own components only with direct=true', async () => {
    const { app, scorecards } = setup();
    await request(app)
      .get('/scorecards/groups/default/payments?direct=true&entities=none')
      .set('Authorization', AS_USER);
    expect(scorecards.groupScorecard).toHaveBeenCalledWith(
      'group:default/payments',
      { ...allVisible, entities: 'none', direct: true },
    );
  });

  it('answers 400 to direct=yes', async () => {
    const { app, scorecards } = setup();
    const res = await request(app)
      .get('/scorecards/groups/default/payments?direct=yes')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(scorecards.groupScorecard).not.toHaveBeenCalled();
  });
});
