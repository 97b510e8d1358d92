import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ADMIN,
  as,
  fullyTo,
  OWNER,
  STRANGER,
  TOPICS,
} from '../__testUtils__/fixtures';
import {
  BASE,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// The writes the plugin refuses: invalid input, oversized bodies, callers
// without the right, writers past the rate limit; and how it audits them.

jest.setTimeout(60_000);

type Response = request.Response;

const writePath = (name: string) =>
  `${BASE}/entities/component/default/${name}/assessments`;

describe('invalid input', () => {
  it.each([
    [
      'an unknown topic',
      { ratings: { 'people.nope': { '1': 'fully' } } },
      'people.nope',
    ],
    [
      'a level above maxLevel',
      { ratings: { 'people.ai': { '5': 'fully' } } },
      'people.ai',
    ],
    [
      'an unknown rating',
      { ratings: { 'people.ai': { '1': 'great' } } },
      'people.ai.1',
    ],
    [
      'a non-http(s) evidence URL',
      // eslint-disable-next-line no-script-url -- the payload under test
      { ratings: {}, evidence: { 'people.ai': ['javascript:alert(1)'] } },
      'evidence.people.ai.0',
    ],
    [
      'a missing baseRevision',
      { baseRevision: undefined, ratings: {} },
      'baseRevision',
    ],
    [
      'a target above maxLevel',
      { ratings: {}, targets: { 'people.ai': 5 } },
      'targets.people.ai',
    ],
  ])('answers 400 naming the field for %s', async (_, body, field) => {
    const { assess, get } = await startMaturityBackend();
    const res = await assess('payments-api', {
      baseRevision: 0,
      ...body,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(field);
    const latest = await get('/entities/component/default/payments-api');
    expect(latest.status).toBe(404);
  });

  it('answers 400 naming the field to a submission over the total text cap', async () => {
    const { assess } = await startMaturityBackend();
    // Each note within its own limit; all of them together are not.
    const notes = Object.fromEntries(TOPICS.map(t => [t.id, 'n'.repeat(4000)]));
    const res = await assess('payments-api', {
      baseRevision: 0,
      ratings: {},
      notes,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/notes\.[a-z.-]+: .*65536 bytes/);
  });

  it('answers 400 to malformed JSON', async () => {
    const { server } = await startMaturityBackend();
    const malformed = await request(server)
      .post(writePath('payments-api'))
      .set('Authorization', as(OWNER))
      .set('Content-Type', 'application/json')
      .send('{"baseRevision": 0,');
    expect(malformed.status).toBe(400);
  });

  it('answers 413 to an oversized body', async () => {
    const { assess } = await startMaturityBackend();
    const huge = await assess('payments-api', {
      baseRevision: 0,
      ratings: {},
      comment: 'x'.repeat(600 * 1024),
    });
    expect(huge.status).toBe(413);
  });
});

describe('callers', () => {
  const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };

  it('answers 401 without credentials', async () => {
    const { server } = await startMaturityBackend();
    const none = await request(server)
      .post(writePath('payments-api'))
      .set('Authorization', mockCredentials.none.header())
      .send(body);
    expect(none.status).toBe(401);
  });

  it('answers 403 to a user without the permission', async () => {
    const { assess } = await startMaturityBackend();
    expect((await assess('payments-api', body, STRANGER)).status).toBe(403);
  });

  it('answers 403 to a service write', async () => {
    const { server } = await startMaturityBackend();
    const service = await request(server)
      .post(writePath('payments-api'))
      .set('Authorization', mockCredentials.service.header())
      .send(body);
    expect(service.status).toBe(403);
  });

  it('lets the admin write and a service read', async () => {
    const { server, assess } = await startMaturityBackend();
    expect((await assess('payments-api', body, ADMIN)).status).toBe(201);
    const serviceRead = await request(server)
      .get(`${BASE}/entities/component/default/payments-api`)
      .set('Authorization', mockCredentials.service.header());
    expect(serviceRead.status).toBe(200);
  });
});

describe('writes refused in turn, two writes a minute allowed', () => {
  const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };
  let backend: MaturityBackend;
  let statuses: number[];
  let huge: Response;
  let limited: Response;

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: { maturity: { rateLimit: { writesPerMinute: 2 } } },
    });
    const { server, assess } = backend;
    statuses = [
      (
        await request(server)
          .post(writePath('web'))
          .set('Authorization', mockCredentials.none.header())
          .send(body)
      ).status,
      (await assess('bad:name', body)).status,
      (await assess('payments-api', body, STRANGER)).status,
      (await assess('payments-api', body)).status,
      (await assess('payments-api', body)).status,
    ];
    huge = await assess(
      'payments-api',
      { ...body, comment: 'x'.repeat(600 * 1024) },
      STRANGER,
    );
    limited = await assess('payments-api', body);
  });

  it('answers 401, 400, 403, 201, 409 and 413 before the limit', () => {
    expect(statuses).toEqual([401, 400, 403, 201, 409]);
    expect(huge.status).toBe(413);
  });

  it('answers 429 with Retry-After past the rate limit', () => {
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.message).toContain('2 a minute');
  });

  it('audits every write, refused or not, with its error and what it names', () => {
    const writes = backend.events.filter(
      e => e.eventId === 'assessment-create',
    );
    expect(writes.map(e => [e.status, e.error])).toEqual([
      ['failed', 'AuthenticationError'],
      ['failed', 'InputError'],
      ['failed', 'NotAllowedError'],
      ['succeeded', undefined],
      ['failed', 'ConflictError'],
      ['failed', 'PayloadTooLargeError'],
      ['failed', 'TooManyRequestsError'],
    ]);
    // Refused before authentication: the address and the path name it.
    expect(writes[0].meta).toMatchObject({
      path: '/api/maturity/entities/component/default/web/assessments',
      ip: expect.any(String),
    });
    expect(writes[3].meta).toMatchObject({
      entityRef: 'component:default/payments-api',
      revision: 1,
    });
  });
});
