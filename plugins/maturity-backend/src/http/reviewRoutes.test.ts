import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  AS_USER,
  createRouterFakes,
  createTestApp,
  storedAssessment,
  userCredentials,
} from './__testUtils__/routerHarness';

const REF = 'component:default/ledger';
const REVIEW_PATH = '/entities/component/default/ledger/assessments/3/review';

function setup() {
  const fakes = createRouterFakes();
  // As the service does: the body is read when it asks for the decision.
  fakes.reviews.decide.mockImplementation(async ({ decision }) => {
    const body = await decision();
    return {
      ...storedAssessment(REF, 3),
      review: {
        status: body.decision === 'approve' ? 'approved' : 'returned',
      },
    };
  });
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('POST /entities/:kind/:namespace/:name/assessments/:revision/review', () => {
  it('decides the revision of the entity in the path as the caller', async () => {
    const { app, reviews } = setup();
    const res = await request(app)
      .post(REVIEW_PATH)
      .set('Authorization', AS_USER)
      .send({ decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 3, review: { status: 'approved' } });
    expect(reviews.decide).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: REF,
        revision: 3,
        credentials: userCredentials,
      }),
    );
  });

  it.each([
    ['a return without a comment', { decision: 'return' }, /comment/],
    ['a return with a blank comment', { decision: 'return', comment: ' ' }, /comment/],
    ['an unknown decision', { decision: 'maybe' }, /decision/],
  ])('answers 400 to %s', async (_, body, message) => {
    const { app } = setup();
    const res = await request(app)
      .post(REVIEW_PATH)
      .set('Authorization', AS_USER)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 400 to a revision that is not a positive integer, deciding nothing', async () => {
    const { app, reviews } = setup();
    const res = await request(app)
      .post('/entities/component/default/ledger/assessments/latest/review')
      .set('Authorization', AS_USER)
      .send({ decision: 'approve' });
    expect(res.status).toBe(400);
    expect(reviews.decide).not.toHaveBeenCalled();
  });

  it('answers 401 without a user', async () => {
    const { app, reviews } = setup();
    const res = await request(app)
      .post(REVIEW_PATH)
      .set('Authorization', mockCredentials.none.header())
      .send({ decision: 'approve' });
    expect(res.status).toBe(401);
    expect(reviews.decide).not.toHaveBeenCalled();
  });

  it.each([
    [new NotAllowedError('You wrote this assessment'), 403],
    [new ConflictError('not waiting for review'), 409],
    [new NotFoundError('no such revision'), 404],
  ])('answers %s as %d', async (error, status) => {
    const { app, reviews } = setup();
    reviews.decide.mockRejectedValue(error);
    const res = await request(app)
      .post(REVIEW_PATH)
      .set('Authorization', AS_USER)
      .send({ decision: 'approve' });
    expect(res.status).toBe(status);
  });
});

describe('GET /reviews', () => {
  it('answers the page the service reads for the caller', async () => {
    const { app, reviews } = setup();
    reviews.queue.mockResolvedValue({ items: [], nextCursor: 'next' });
    const res = await request(app)
      .get('/reviews?limit=10&cursor=abc')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: 'next' });
    expect(reviews.queue).toHaveBeenCalledWith(userCredentials, {
      limit: 10,
      cursor: 'abc',
    });
  });

  it('answers 400 to a limit out of bounds', async () => {
    const { app, reviews } = setup();
    const res = await request(app)
      .get('/reviews?limit=0')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(reviews.queue).not.toHaveBeenCalled();
  });
});
