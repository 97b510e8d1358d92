import { NotFoundError } from '@backstage/errors';
import request from 'supertest';
import {
  AS_USER,
  createRouterFakes,
  createTestApp,
  userCredentials,
} from './__testUtils__/routerHarness';

const REF = 'component:default/ledger';
const PATH = '/entities/component/default/ledger/evidence';

const answer = {
  entityRef: REF,
  topics: {
    'process.security': [
      {
        ruleId: 'snyk',
        label: 'Dependencies and images scanned by Snyk',
        value: 'acme',
        level: 2,
      },
    ],
  },
};

function setup() {
  const fakes = createRouterFakes();
  fakes.evidence.forEntity.mockResolvedValue(answer);
  return { ...fakes, app: createTestApp(fakes.deps) };
}

describe('GET /entities/:kind/:namespace/:name/evidence', () => {
  it('answers the facts of the entity in the path, asked as the caller', async () => {
    const { app, evidence } = setup();
    const res = await request(app).get(PATH).set('Authorization', AS_USER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(answer);
    expect(evidence.forEntity).toHaveBeenCalledWith(REF, {
      credentials: userCredentials,
    });
  });

  it('answers 400 to a path that cannot name an entity, asking nobody', async () => {
    const { app, evidence } = setup();
    const res = await request(app)
      .get('/entities/component/default/led%20ger/evidence')
      .set('Authorization', AS_USER);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid entity path: name:/);
    expect(evidence.forEntity).not.toHaveBeenCalled();
  });

  it('answers 404 when the catalog does not show the caller the entity', async () => {
    const { app, evidence } = setup();
    evidence.forEntity.mockRejectedValue(new NotFoundError(`No entity ${REF}`));
    const res = await request(app).get(PATH).set('Authorization', AS_USER);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ name: 'NotFoundError' });
  });

  it('answers 401 to a caller whose token is not valid', async () => {
    const { app, evidence } = setup();
    const res = await request(app)
      .get(PATH)
      .set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
    expect(evidence.forEntity).not.toHaveBeenCalled();
  });
});
