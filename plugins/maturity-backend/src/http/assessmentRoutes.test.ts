import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defaultMaturityModel,
  maturityAssessmentCreatePermission,
} from '@cnmm/backstage-plugin-maturity-common';
import type { Express } from 'express';
import request from 'supertest';
import { fullyTo, validSubmission } from '../__testUtils__/fixtures';
import {
  AS_USER,
  componentEntity,
  createRouterFakes,
  createTestApp,
  storedAssessment,
  USER,
  userCredentials,
} from './__testUtils__/routerHarness';

const REF = 'component:default/ledger';
const ENTITY_PATH = '/entities/component/default/ledger';
const pathMeta = { kind: 'component', namespace: 'default', name: 'ledger' };
const target = { ref: REF, lifecycle: 'production', uid: null };
const now = { atMs: Date.now(), answer: {} };

function setup(options: { writesPerMinute?: number } = {}) {
  const fakes = createRouterFakes(options);
  fakes.entities.getEntity.mockResolvedValue(componentEntity('ledger'));
  fakes.assessments.submit.mockImplementation(async () =>
    storedAssessment(REF, 4),
  );
  fakes.assessments.latest.mockResolvedValue({ entity: target, moment: now });
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('GET /model', () => {
  it('answers the model in force', async () => {
    const { app } = setup();
    const res = await request(app).get('/model').set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(defaultMaturityModel)));
  });

  it('answers 401 to a caller whose token is not valid', async () => {
    const { app } = setup();
    const res = await request(app)
      .get('/model')
      .set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});

describe('GET /entities/:kind/:namespace/:name', () => {
  it('answers the latest snapshot of the entity as the caller may see it', async () => {
    const { app, assessments } = setup();
    assessments.getLatest.mockResolvedValue(storedAssessment(REF, 3));
    const res = await request(app)
      .get(ENTITY_PATH)
      .set('Authorization', AS_USER);
    expect(assessments.getLatest).toHaveBeenCalledWith(REF, {
      credentials: userCredentials,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(storedAssessment(REF, 3));
  });

  it('answers 400 to a path that cannot name an entity', async () => {
    const { app, assessments } = setup();
    const res = await request(app)
      .get('/entities/component/default/led%20ger')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid entity path: name:/);
    expect(assessments.getLatest).not.toHaveBeenCalled();
  });

  it('passes a 404 of the service on', async () => {
    const { app, assessments } = setup();
    assessments.getLatest.mockRejectedValue(new NotFoundError('no snapshot'));
    const res = await request(app)
      .get(ENTITY_PATH)
      .set('Authorization', AS_USER);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'no snapshot',
    });
  });
});

describe('GET /entities/:kind/:namespace/:name/history', () => {
  it('asks for the page in the query', async () => {
    const { app, assessments } = setup();
    const page = { items: [storedAssessment(REF, 2)], nextCursor: 'next' };
    assessments.getHistory.mockResolvedValue(page);
    const res = await request(app)
      .get(`${ENTITY_PATH}/history?limit=5&cursor=abc`)
      .set('Authorization', AS_USER);
    expect(assessments.getHistory).toHaveBeenCalledWith(
      REF,
      { credentials: userCredentials },
      { limit: 5, cursor: 'abc' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(page);
  });

  it('asks for 20 snapshots without a query', async () => {
    const { app, assessments } = setup();
    assessments.getHistory.mockResolvedValue({ items: [], nextCursor: null });
    await request(app)
      .get(`${ENTITY_PATH}/history`)
      .set('Authorization', AS_USER);
    expect(assessments.getHistory).toHaveBeenCalledWith(
      REF,
      { credentials: userCredentials },
      { limit: 20 },
    );
  });

  it.each(['limit=0', 'limit=101', 'page=2'])(
    'answers 400 to the query %s',
    async query => {
      const { app, assessments } = setup();
      const res = await request(app)
        .get(`${ENTITY_PATH}/history?${query}`)
        .set('Authorization', AS_USER);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid query: /);
      expect(assessments.getHistory).not.toHaveBeenCalled();
    },
  );
});

describe('POST /entities/:kind/:namespace/:name/assessments', () => {
  const submit = (app: Express, body: unknown, auth = AS_USER) =>
    request(app)
      .post(`${ENTITY_PATH}/assessments`)
      .set('Authorization', auth)
      .send(body as object);

  it('stores the validated submission for the entity as the caller, and answers 201', async () => {
    const { app, entities, assessments } = setup();
    const res = await submit(app, validSubmission(3));
    expect(entities.getEntity).toHaveBeenCalledWith(REF, {
      credentials: userCredentials,
    });
    expect(assessments.submit).toHaveBeenCalledWith(
      componentEntity('ledger'),
      validSubmission(3),
      USER,
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual(storedAssessment(REF, 4));
  });

  it('asks the permission framework about that entity', async () => {
    const { app, permissions } = setup();
    await submit(app, validSubmission(3));
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: maturityAssessmentCreatePermission, resourceRef: REF }],
      { credentials: userCredentials },
    );
  });

  it('audits the write with its path, entity and revision', async () => {
    const { app, events } = setup();
    await submit(app, validSubmission(3));
    expect(events).toEqual([
      {
        eventId: 'assessment-create',
        status: 'succeeded',
        meta: { path: pathMeta, entityRef: REF, revision: 4 },
      },
    ]);
  });

  it('answers 400 to an invalid submission, audited, and stores nothing', async () => {
    const { app, assessments, events } = setup();
    const res = await submit(app, { ...validSubmission(3), baseRevision: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid assessment: baseRevision/);
    expect(assessments.submit).not.toHaveBeenCalled();
    expect(events).toEqual([
      {
        eventId: 'assessment-create',
        status: 'failed',
        meta: { path: pathMeta },
        error: 'InputError',
      },
    ]);
  });

  it('answers 400 to a path that cannot name an entity', async () => {
    const { app, assessments } = setup();
    const res = await request(app)
      .post('/entities/component/default/a:b/assessments')
      .set('Authorization', AS_USER)
      .send(validSubmission(3));
    expect(res.status).toBe(400);
    expect(assessments.submit).not.toHaveBeenCalled();
  });

  it('answers 403 when the policy says no, audited, and stores nothing', async () => {
    const { app, assessments, permissions, events } = setup();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const res = await submit(app, validSubmission(3));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `You may not record a maturity assessment for ${REF}`,
    );
    expect(assessments.submit).not.toHaveBeenCalled();
    expect(events).toMatchObject([
      { status: 'failed', error: 'NotAllowedError' },
    ]);
  });

  it('passes a 409 of the service on, audited', async () => {
    const { app, assessments, events } = setup();
    assessments.submit.mockRejectedValue(
      new ConflictError('revision 4 is taken'),
    );
    const res = await submit(app, validSubmission(3));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('revision 4 is taken');
    expect(events).toMatchObject([
      { status: 'failed', error: 'ConflictError' },
    ]);
  });

  it('answers 429 with Retry-After past the writes a minute, and stores nothing more', async () => {
    const { app, assessments, events } = setup({ writesPerMinute: 1 });
    expect((await submit(app, validSubmission(0))).status).toBe(201);
    const res = await submit(app, validSubmission(1));
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(assessments.submit).toHaveBeenCalledTimes(1);
    expect(events[1]).toMatchObject({
      status: 'failed',
      error: 'TooManyRequestsError',
    });
  });

  it('answers 401 to a caller without credentials, audited with the address', async () => {
    const { app, assessments, events } = setup();
    const res = await submit(
      app,
      validSubmission(3),
      mockCredentials.none.header(),
    );
    expect(res.status).toBe(401);
    expect(assessments.submit).not.toHaveBeenCalled();
    expect(events).toEqual([
      {
        eventId: 'assessment-create',
        status: 'failed',
        meta: { path: `${ENTITY_PATH}/assessments`, ip: expect.any(String) },
        error: 'AuthenticationError',
      },
    ]);
  });

  it('audits a flood of refusals without credentials at most 5 times a minute from one address, with the path cut to 256 characters', async () => {
    const { app, events } = setup();
    const long = `/entities/component/default/${'x'.repeat(
      16_000,
    )}/assessments`;
    for (let i = 0; i < 20; i++) {
      const res = await request(app)
        .post(long)
        .set('Authorization', mockCredentials.none.header())
        .send({});
      expect(res.status).toBe(401);
    }
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(event.meta.path).toHaveLength(256);
      expect(event.meta.path).toMatch(/^\/entities\/component\/default\/x+…$/);
    }
  });

  it('answers 413 to a body above the limit, audited', async () => {
    const { app, assessments, events } = setup();
    const res = await submit(app, {
      ...validSubmission(3),
      comment: 'x'.repeat(600 * 1024),
    });
    expect(res.status).toBe(413);
    expect(assessments.submit).not.toHaveBeenCalled();
    expect(events).toMatchObject([{ status: 'failed' }]);
  });
});

describe('POST /entities/:kind/:namespace/:name/imports/v3', () => {
  const assessment = {
    cnmmVersion: '3.2',
    ratings: { 'process.audit-and-logs': fullyTo(2) },
  };
  const importV3 = (app: Express, body: unknown) =>
    request(app)
      .post(`${ENTITY_PATH}/imports/v3`)
      .set('Authorization', AS_USER)
      .send(body as object);

  /** Revision 3, with a note, a target and a topic the file does not map. */
  const latest = () => ({
    ...storedAssessment(REF, 3),
    ratings: {
      'process.audit-and-logs': fullyTo(4),
      'people.ai': fullyTo(2),
    },
    targets: { 'people.ai': 3 },
    notes: { 'people.ai': 'Pilots only' },
    evidence: { 'people.ai': ['https://example.com/ai'] },
  });
  // 3.x Audit L1 and L2 ask only part of the 4.0 levels: capped.
  const mapped = {
    'process.audit-and-logs': { 1: 'partially', 2: 'partially' },
  };
  const importComment = expect.stringMatching(
    /^Imported from a CNMM 3\.2 assessment\..*Approximate, capped at partially/,
  );

  it('merges the mapped ratings into the latest snapshot by default, keeping the other topics, notes, evidence and targets', async () => {
    const { app, assessments } = setup();
    assessments.latest.mockResolvedValue({
      entity: target,
      moment: now,
      assessment: latest(),
    });
    const res = await importV3(app, { baseRevision: 3, assessment });
    expect(assessments.latest).toHaveBeenCalledWith(REF, {
      credentials: userCredentials,
    });
    expect(assessments.submit).toHaveBeenCalledWith(
      componentEntity('ledger'),
      {
        baseRevision: 3,
        ratings: { ...mapped, 'people.ai': fullyTo(2) },
        targets: { 'people.ai': 3 },
        notes: { 'people.ai': 'Pilots only' },
        evidence: { 'people.ai': ['https://example.com/ai'] },
        comment: importComment,
      },
      USER,
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      assessment: storedAssessment(REF, 4),
      mapping: {
        dropped: [],
        shifted: [],
        approximate: [
          { to: 'process.audit-and-logs', toLevel: 1 },
          { to: 'process.audit-and-logs', toLevel: 2 },
        ],
      },
      mode: 'merge',
      replacedTopics: ['process.audit-and-logs'],
      keptTopics: ['people.ai'],
    });
  });

  it('records the mapped ratings alone when asked to replace', async () => {
    const { app, assessments } = setup();
    assessments.latest.mockResolvedValue({
      entity: target,
      moment: now,
      assessment: latest(),
    });
    const res = await importV3(app, {
      baseRevision: 3,
      assessment,
      mode: 'replace',
    });
    expect(assessments.submit).toHaveBeenCalledWith(
      componentEntity('ledger'),
      {
        baseRevision: 3,
        ratings: mapped,
        targets: {},
        notes: {},
        evidence: {},
        comment: importComment,
      },
      USER,
    );
    expect(res.body).toMatchObject({
      mode: 'replace',
      replacedTopics: ['people.ai', 'process.audit-and-logs'],
      keptTopics: [],
    });
  });

  it('answers 400 to an unknown mode, and stores nothing', async () => {
    const { app, assessments } = setup();
    const res = await importV3(app, {
      baseRevision: 3,
      assessment,
      mode: 'overwrite',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid import: mode/);
    expect(assessments.submit).not.toHaveBeenCalled();
  });

  it('audits the import as assessment-import', async () => {
    const { app, events } = setup();
    await importV3(app, { baseRevision: 3, assessment });
    expect(events).toEqual([
      {
        eventId: 'assessment-import',
        status: 'succeeded',
        meta: { path: pathMeta, entityRef: REF, revision: 4 },
      },
    ]);
  });

  it('answers 400 naming cnmmVersion to an assessment not of 3.x, audited', async () => {
    const { app, assessments, events } = setup();
    const res = await importV3(app, {
      baseRevision: 3,
      assessment: { ...assessment, cnmmVersion: '4.0' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid import: .*cnmmVersion/);
    expect(assessments.submit).not.toHaveBeenCalled();
    expect(events).toMatchObject([
      { eventId: 'assessment-import', status: 'failed', error: 'InputError' },
    ]);
  });

  it('answers 403 when the policy says no, and stores nothing', async () => {
    const { app, assessments, permissions } = setup();
    permissions.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
    const res = await importV3(app, { baseRevision: 3, assessment });
    expect(res.status).toBe(403);
    expect(assessments.submit).not.toHaveBeenCalled();
  });
});
