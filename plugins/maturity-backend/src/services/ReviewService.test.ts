import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  AssessmentSubmission,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { createMaturityDatabase } from '../database/createMaturityDatabase';
import { at, fakeClock } from '../__testUtils__/fakeClock';
import { recordingAuditor } from '../__testUtils__/fixtures';
import { indexRecord } from '../__testUtils__/indexRecord';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SummaryUpdater } from '../jobs/SummaryUpdater';
import { AssessmentService } from './AssessmentService';
import { ReviewService } from './ReviewService';
import { Summaries } from './Summaries';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const AUTHOR = 'user:default/sam';
const REVIEWER = 'user:default/ada';
/** May review what the payments team owns, in a condition SQL can answer. */
const PAYMENTS_REVIEWER = 'user:default/pat';
const STRANGER = 'user:default/stranger';
const A = 'component:default/a';
const B = 'component:default/b';

const credentialsOf = (user: string) => mockCredentials.user(user);
const userOf = (options?: { credentials?: unknown }) =>
  (options?.credentials as { principal?: { userEntityRef?: string } })
    ?.principal?.userEntityRef;

function entity(ref: string): Entity {
  const { name } = parseEntityRef(ref);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  };
}

/** Level `level` in people.ai, the only rated topic. */
const submission = (
  baseRevision: number,
  level: number,
): AssessmentSubmission => ({
  baseRevision,
  ratings: {
    'people.ai': Object.fromEntries(
      Array.from({ length: level }, (_, i) => [String(i + 1), 'fully']),
    ),
  },
});

describe.each(databases.eachSupportedId())('ReviewService on %p', id => {
  fakeClock();

  async function setup() {
    const knex = await databases.init(id);
    const db = await createMaturityDatabase({
      database: mockServices.database({ knex, migrations: { skip: false } }),
      cacheMaxBytes: 2 ** 20,
    });
    await db.index.upsert([
      indexRecord('component', 'a', {
        title: 'A',
        ownerRef: 'group:default/payments',
        lifecycle: 'production',
      }),
      indexRecord('component', 'b', {
        ownerRef: 'group:default/platform',
        lifecycle: 'production',
      }),
    ]);
    const summaries = new Summaries(defaultMaturityModel, {
      strict: false,
      staleAfterDays: 180,
      targets: {},
    });
    const entities = {
      getEntity: jest.fn(async (ref: string) => entity(ref)),
      confirmEntity: jest.fn(async (ref: string) => ({
        ref,
        lifecycle: 'production',
        uid: `uid-${parseEntityRef(ref).name}`,
      })),
    };
    const assessmentsWith = (reviewRequired: boolean) =>
      new AssessmentService({
        model: defaultMaturityModel,
        store: db.assessments,
        entities,
        indexer: { refresh: async () => {} },
        summaries,
        scoring: { staleAfterDays: 180 },
        reviewRequired,
        now: () => new Date(),
      });
    const assessments = assessmentsWith(true);
    // The stranger may review nothing; the payments reviewer what the
    // payments team owns; everyone else anything.
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            userOf(options) === STRANGER
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      authorizeConditional: async (requests, options) =>
        requests.map((request): PolicyDecision => {
          const user = userOf(options);
          if (user === STRANGER) return { result: AuthorizeResult.DENY };
          if (
            user === PAYMENTS_REVIEWER &&
            request.permission.name === 'maturity.assessment.review'
          ) {
            return {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/payments'] },
              },
            };
          }
          return { result: AuthorizeResult.ALLOW };
        }),
    });
    const notifications = { send: jest.fn(async () => {}) };
    const { auditor, events } = recordingAuditor();
    const reviews = new ReviewService({
      reviews: db.reviews,
      store: db.assessments,
      assessments,
      entities,
      summaries,
      permissions,
      auditor,
      notifications,
      logger: mockServices.logger.mock(),
      now: () => new Date(),
    });
    const submit = (
      ref: string,
      body: AssessmentSubmission,
      service = assessments,
    ) => service.submit(entity(ref), body, AUTHOR);
    const decide = (
      ref: string,
      revision: number,
      decision: 'approve' | 'return',
      user = REVIEWER,
      comment?: string,
    ) =>
      reviews.decide({
        entityRef: ref,
        revision,
        credentials: credentialsOf(user),
        decision: async () => ({ decision, comment }),
      });
    const countedRevision = async (ref: string) =>
      (await db.index.summariesOf([ref])).get(ref)?.summary?.revision;
    const latest = (ref: string) =>
      assessments.getLatest(ref, { credentials: credentialsOf(AUTHOR) });
    return {
      db,
      summaries,
      assessmentsWith,
      reviews,
      notifications,
      events,
      submit,
      decide,
      countedRevision,
      latest,
    };
  }

  it('keeps counting a snapshot written before review was required, and the earlier levels while a new one waits', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(A, submission(0, 2), t.assessmentsWith(false));
    jest.setSystemTime(at(3));
    const pending = await t.submit(A, submission(1, 4));

    expect(pending.review).toEqual({ status: 'pending' });
    expect(await t.countedRevision(A)).toBe(1);
    const read = await t.latest(A);
    expect(read.revision).toBe(2);
    expect(read.review).toEqual({ status: 'pending' });
    expect(read.counted?.revision).toBe(1);
    expect(read.counted?.review).toBeUndefined();
    expect(read.counted?.result.topics['people.ai'].level).toBe(2);
    // The overview's filter finds it; the re-score at start-up keeps the
    // earlier snapshot counted.
    const pendingRows = await t.db.index.rows({
      kind: 'component',
      reviewPending: true,
    });
    expect(pendingRows.map(r => r.entityRef)).toEqual([A]);
    expect(pendingRows[0].summary?.revision).toBe(1);
    await new SummaryUpdater({
      store: t.db.assessments,
      index: t.db.index,
      summaries: t.summaries,
    }).recompute();
    expect(await t.countedRevision(A)).toBe(1);
  });

  it('makes an approved snapshot count, in the history from its decision, and tells its author', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(A, submission(0, 2), t.assessmentsWith(false));
    jest.setSystemTime(at(3));
    await t.submit(A, submission(1, 4));
    jest.setSystemTime(at(10));

    const approved = await t.decide(A, 2, 'approve');

    expect(approved.review).toEqual({
      status: 'approved',
      reviewer: REVIEWER,
      decidedAt: at(10).toISOString(),
    });
    expect(await t.countedRevision(A)).toBe(2);
    const read = await t.latest(A);
    expect(read.review?.status).toBe('approved');
    expect(read.counted).toBeUndefined();
    const history = await t.db.index.historyAt([A], [at(5), at(11)]);
    // The pending snapshot written on day 3 had no period of its own.
    expect(
      history.map(h => [h.summary.revision, h.validFromMs, h.validToMs]),
    ).toEqual([
      [1, at(1).getTime(), at(10).getTime()],
      [2, at(10).getTime(), null],
    ]);
    expect(t.notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: AUTHOR },
      payload: expect.objectContaining({
        title: 'Your maturity assessment of a was approved',
        link: '/catalog/default/component/a/maturity',
      }),
    });
    expect(t.events).toContainEqual({
      eventId: 'assessment-review',
      status: 'succeeded',
      meta: expect.objectContaining({
        entityRef: A,
        revision: 2,
        decision: 'approved',
      }),
    });
    expect(await t.db.reviews.waiting()).toEqual({ count: 0 });
  });

  it('keeps a returned snapshot out of the counts with its comment, until the next one is approved', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(A, submission(0, 1));
    jest.setSystemTime(at(2));
    const returned = await t.decide(A, 1, 'return', REVIEWER, ' No evidence ');

    expect(returned.review).toEqual({
      status: 'returned',
      reviewer: REVIEWER,
      decidedAt: at(2).toISOString(),
      comment: 'No evidence',
    });
    // Nothing counted yet: the entity reads as unassessed in the lists.
    expect(await t.countedRevision(A)).toBeUndefined();
    expect((await t.latest(A)).counted).toBeUndefined();
    expect(t.notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          description: 'Revision 1 was returned by user:ada: No evidence',
          severity: 'high',
        }),
      }),
    );

    jest.setSystemTime(at(3));
    await t.submit(A, submission(1, 3));
    await t.decide(A, 2, 'approve');
    expect(await t.countedRevision(A)).toBe(2);
    const history = await t.db.assessments.getHistory(A, { limit: 5 });
    expect(history.map(h => h.review?.status)).toEqual([
      'approved',
      'returned',
    ]);
  });

  it('refuses the author, a caller without the permission, and decides nothing', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(A, submission(0, 1));

    await expect(t.decide(A, 1, 'approve', AUTHOR)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(t.decide(A, 1, 'approve', STRANGER)).rejects.toThrow(
      NotAllowedError,
    );
    expect((await t.latest(A)).review).toEqual({ status: 'pending' });
    expect(await t.db.reviews.waiting()).toMatchObject({ count: 1 });
    expect(t.events.map(e => e.status)).toEqual(['failed', 'failed']);
    expect(t.notifications.send).not.toHaveBeenCalled();
  });

  it('refuses a stale decision: superseded, decided already, or written without review', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(B, submission(0, 1), t.assessmentsWith(false));
    await t.submit(A, submission(0, 1));
    await t.submit(A, submission(1, 2));

    await expect(t.decide(A, 1, 'approve')).rejects.toThrow(ConflictError);
    await t.decide(A, 2, 'approve');
    await expect(
      t.decide(A, 2, 'return', 'user:default/other', 'late'),
    ).rejects.toThrow(ConflictError);
    await expect(t.decide(B, 1, 'approve')).rejects.toThrow(ConflictError);
    await expect(t.decide(A, 9, 'approve')).rejects.toThrow(NotFoundError);
    expect((await t.latest(A)).review?.status).toBe('approved');
  });

  it('lists what a caller may decide, oldest first, without their own, page by page', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(B, submission(0, 1));
    jest.setSystemTime(at(2));
    await t.submit(A, submission(0, 1));
    jest.setSystemTime(at(5.5));
    const queue = (user: string, cursor?: string) =>
      t.reviews.queue(credentialsOf(user), { limit: 1, cursor });

    const first = await queue(REVIEWER);
    expect(first.items).toEqual([
      {
        entityRef: B,
        title: null,
        ownerRef: 'group:default/platform',
        revision: 1,
        createdBy: AUTHOR,
        createdAt: at(1).toISOString(),
        ageDays: 4,
      },
    ]);
    const second = await queue(REVIEWER, first.nextCursor);
    expect(second.items.map(i => [i.entityRef, i.title, i.ageDays])).toEqual([
      [A, 'A', 3],
    ]);
    expect(second.nextCursor).toBeUndefined();
    // Conditional on ownership, in SQL: the payments team's only.
    expect(
      (await queue(PAYMENTS_REVIEWER)).items.map(i => i.entityRef),
    ).toEqual([A]);
    expect((await queue(AUTHOR)).items).toEqual([]);
    expect((await queue(STRANGER)).items).toEqual([]);
    expect(await t.db.reviews.waiting()).toEqual({
      count: 2,
      oldest: { createdAt: at(1).toISOString(), entityRef: B },
    });
  });

  it('keeps the counted, decided and waiting revisions from retention', async () => {
    const t = await setup();
    jest.setSystemTime(at(1));
    await t.submit(A, submission(0, 1), t.assessmentsWith(false));
    await t.submit(A, submission(1, 2));
    await t.submit(A, submission(2, 3));
    await t.decide(A, 3, 'return', REVIEWER, 'why');
    await t.submit(A, submission(3, 4));

    expect((await t.db.reviews.keptRevisions(A)).sort()).toEqual([1, 3, 4]);
    expect(await t.db.retention.deleteRevisions(A, [1, 2])).toBe(1);
    expect(await t.countedRevision(A)).toBe(1);
  });
});
