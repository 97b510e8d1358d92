import request from 'supertest';
import { fullyTo, OWNER, STRANGER } from '../__testUtils__/fixtures';
import {
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// Writing snapshots, reading the latest and the history, and conflicts
// between writers. Refused writes are in assessmentRefusals.test.ts.

jest.setTimeout(60_000);

type Revisioned = { revision: number };
type Response = request.Response;

describe('a first snapshot of a production component', () => {
  let backend: MaturityBackend;
  let before: Response;
  let first: Response;

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: { maturity: { targets: { byLifecycle: { production: 3 } } } },
    });
    before = await backend.get('/entities/component/default/payments-api');
    first = await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: {
        'process.audit-and-logs': fullyTo(2),
        'process.security': { '1': 'largely', '2': 'not-yet', '3': 'fully' },
        // Entirely not applicable: out of the median (scored as 5 it would lift it to 2).
        'process.software-integration-and-release': {
          '1': 'not-applicable',
          '2': 'not-applicable',
        },
      },
      notes: { 'process.security': '<script>alert(1)</script>' },
      evidence: { 'process.security': ['https://example.com/sec'] },
      comment: 'first',
    });
  });

  it('is preceded by a 404: nothing assessed yet', () => {
    expect(before.status).toBe(404);
  });

  it('is stored as revision 1 with its author, owner, system, comment and notes as given', () => {
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      revision: 1,
      modelId: 'cnmm',
      modelVersion: '4.0 (Beta)',
      createdBy: OWNER,
      ownerRef: 'group:default/payments',
      systemRef: 'system:default/shop',
      comment: 'first',
      notes: { 'process.security': '<script>alert(1)</script>' },
    });
  });

  it("scores a topic against its lifecycle's target", () => {
    expect(first.body.result.topics['process.audit-and-logs']).toEqual({
      level: 2,
      target: 3,
      gap: 1,
      nextLevel: 3,
      inconsistent: false,
      incomplete: false,
      notApplicable: false,
    });
  });

  it('marks a topic fully met above a level not yet met inconsistent', () => {
    expect(first.body.result.topics['process.security']).toMatchObject({
      level: 1,
      inconsistent: true,
    });
  });

  it('leaves a topic rated entirely not applicable out of the dimension median', () => {
    expect(first.body.result.dimensions.process).toMatchObject({
      median: 1,
      min: 1,
      max: 2,
      rated: 2,
    });
    expect(
      first.body.result.topics['process.software-integration-and-release'],
    ).toMatchObject({ level: null, notApplicable: true });
  });

  it('is authorized with the create permission on the entity', () => {
    expect(backend.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          resourceRef: 'component:default/payments-api',
          permission: expect.objectContaining({
            name: 'maturity.assessment.create',
          }),
        }),
      ],
      expect.anything(),
    );
  });

  it('is audited', () => {
    expect(backend.auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'assessment-create' }),
    );
  });

  describe('then a second on revision 1', () => {
    let second: Response;

    beforeAll(async () => {
      second = await backend.assess('payments-api', {
        baseRevision: 1,
        ratings: { 'process.audit-and-logs': fullyTo(3) },
      });
    });

    it('is stored as revision 2', () => {
      expect(second.status).toBe(201);
      expect(second.body.revision).toBe(2);
    });

    it('is the latest, with its result, for anyone who can see the entity', async () => {
      const latest = await backend.get(
        '/entities/component/default/payments-api',
        STRANGER,
      );
      expect(latest.status).toBe(200);
      expect(latest.body.revision).toBe(2);
      expect(latest.body.result.topics['process.audit-and-logs'].level).toBe(3);
    });

    it('pages the history newest first', async () => {
      const history = '/entities/component/default/payments-api/history';
      const page1 = await backend.get(`${history}?limit=1`);
      expect(page1.body.items.map((i: Revisioned) => i.revision)).toEqual([2]);
      const page2 = await backend.get(
        `${history}?limit=1&cursor=${page1.body.nextCursor}`,
      );
      expect(page2.body.items.map((i: Revisioned) => i.revision)).toEqual([1]);
      expect(page2.body.nextCursor).toBeNull();
    });
  });
});

describe('writers on one revision', () => {
  const body = { baseRevision: 0, ratings: { 'people.ai': fullyTo(1) } };

  it('answers 409 to a stale base revision and stores nothing', async () => {
    const { assess, get } = await startMaturityBackend();
    expect((await assess('ledger', body)).status).toBe(201);
    const conflict = await assess('ledger', body);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.name).toBe('ConflictError');
    const history = await get('/entities/component/default/ledger/history');
    expect(history.body.items).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent writers through', async () => {
    const { assess, get } = await startMaturityBackend();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => assess('payments-api', body)),
    );
    const statuses = answers.map(a => a.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const history = await get(
      '/entities/component/default/payments-api/history',
    );
    expect(history.body.items.map((i: Revisioned) => i.revision)).toEqual([1]);
  });
});

describe('the history cursor', () => {
  it('answers 400 to a cursor beyond a 32-bit revision', async () => {
    const { get } = await startMaturityBackend();
    const cursor = (n: number) =>
      Buffer.from(JSON.stringify({ beforeRevision: n })).toString('base64url');
    const history = (n: number) =>
      get(`/entities/component/default/web/history?cursor=${cursor(n)}`);
    expect((await history(2 ** 31 - 1)).status).toBe(200);
    expect((await history(2 ** 31)).status).toBe(400);
    expect((await history(2 ** 53)).status).toBe(400);
  });
});
