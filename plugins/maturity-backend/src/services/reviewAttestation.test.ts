import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AssessmentSubmission,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ScoringSettings } from '../config';
import { createMaturityDatabase } from '../database/createMaturityDatabase';
import { at, fakeClock } from '../__testUtils__/fakeClock';
import { recordingAuditor } from '../__testUtils__/fixtures';
import { indexRecord } from '../__testUtils__/indexRecord';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { trustedIndex } from '../__testUtils__/trustedIndex';
import { recomputeExpired } from '../jobs/recomputeExpired';
import { SummaryUpdater } from '../jobs/SummaryUpdater';
import { AssessmentService } from './AssessmentService';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { ExemptionService } from './ExemptionService';
import { OverviewService } from './OverviewService';
import { ReviewService } from './ReviewService';
import { Summaries } from './Summaries';

// Review and attestation together, over the services and a real database,
// the clock faked: what counts is the latest approved snapshot, so its
// attestations and exemptions are the ones that expire; a confirmation waits
// for review like any save; an exemption is granted by its approval; and
// neither the expiry task nor a recompute lets a pending snapshot count.

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = defaultMaturityModel;
const AUTHOR = 'user:default/sam';
const REVIEWER = 'user:default/ada';
const TEAM = 'group:default/payments';
const A = 'component:default/a';
const SCORING: ScoringSettings = {
  strict: false,
  staleAfterDays: 365,
  targets: {},
  attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
  exemptions: { enabled: true, maxDays: 120 },
};
const all = {
  credentials: mockCredentials.user(AUTHOR),
  visibility: { type: 'all' as const },
};

type Filter = { review?: 'pending'; expiresWithinDays?: number };

const fully2 = { '1': 'fully', '2': 'fully' } as const;
const NA = { '1': 'not-applicable', '2': 'not-applicable' } as const;
const RATED = {
  'process.security': fully2,
  'people.culture': fully2,
  'policy.ai': NA,
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'a', namespace: 'default', uid: 'uid-a' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  relations: [{ type: 'ownedBy', targetRef: TEAM }],
};

function catalogOf(refs: string[]) {
  const stub = (ref: string) => {
    if (!refs.includes(ref)) return undefined;
    const { kind, name } = parseEntityRef(ref);
    return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name } };
  };
  return catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref: string | CompoundEntityRef) =>
      stub(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
    ),
    getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
      items: request.entityRefs.map(stub),
    })),
  });
}

describe.each(databases.eachSupportedId())(
  'review with attestation and exemptions on %p',
  id => {
    fakeClock();

    async function setup() {
      const knex = await databases.init(id);
      const db = await createMaturityDatabase({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        cacheMaxBytes: 2 ** 20,
      });
      await db.index.upsert([
        indexRecord('component', 'a', {
          ownerRef: TEAM,
          lifecycle: 'production',
        }),
      ]);
      const summaries = new Summaries(model, SCORING);
      const lookup = {
        getEntity: jest.fn(async () => entity),
        confirmEntity: jest.fn(async (ref: string) => ({
          ref,
          lifecycle: 'production',
          uid: 'uid-a',
        })),
      };
      const assessments = new AssessmentService({
        model,
        store: db.assessments,
        entities: lookup,
        indexer: { refresh: async () => {} },
        summaries,
        scoring: SCORING,
        reviewRequired: true,
      });
      const reviews = new ReviewService({
        reviews: db.reviews,
        store: db.assessments,
        assessments,
        entities: lookup,
        summaries,
        permissions: mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }),
        auditor: recordingAuditor().auditor,
        notifications: { send: jest.fn(async () => {}) },
        logger: mockServices.logger.mock(),
      });
      const entities = new EntityLookup({
        index: db.index,
        catalog: catalogOf([A, TEAM]),
        trust: trustedIndex,
      });
      const indexer = { ready: async () => new Date() };
      const rows = new EntityRows(model, summaries);
      const overviewService = new OverviewService({
        model,
        indexer,
        entities,
        rows,
      });
      const overview = async (filter: Filter) =>
        (
          await overviewService.overview(
            { ...filter, sortBy: 'name', order: 'asc', limit: 10 },
            all,
          )
        ).items;
      const updater = new SummaryUpdater({
        store: db.assessments,
        index: db.index,
        summaries,
      });
      return {
        submit: (submission: AssessmentSubmission) =>
          assessments.submit(entity, submission, AUTHOR),
        approve: (revision: number) =>
          reviews.decide({
            entityRef: A,
            revision,
            credentials: mockCredentials.user(REVIEWER),
            decision: async () => ({ decision: 'approve' }),
          }),
        latest: () => assessments.getLatest(A, all),
        expire: (now: Date) =>
          recomputeExpired({
            store: db.assessments,
            updater,
            logger: mockServices.logger.mock(),
            auditor: recordingAuditor().auditor,
            now,
          }),
        recompute: () => updater.recompute(),
        overview,
        overviewNames: async (filter: Filter) =>
          (await overview(filter)).map(i => i.name),
        /** What the scorecards count of the entity: its summary row. */
        counted: async () => (await overview({}))[0],
        exemptions: (filter: Filter) =>
          new ExemptionService({
            model,
            indexer,
            entities,
            store: db.assessments,
            scoring: SCORING,
          }).page({ filter, limit: 10 }, all),
      };
    }

    it('grants an exemption from its approval, by the reviewer, and scores the approval with its expiries', async () => {
      const t = await setup();
      jest.setSystemTime(at(0));
      await t.submit({
        baseRevision: 0,
        ratings: RATED,
        exemptions: { 'policy.ai': 'No AI in payments' },
      });
      // Pending, it lists no exemption: none is granted yet.
      expect(await t.exemptions({})).toEqual({ items: [] });

      jest.setSystemTime(at(5));
      await t.approve(1);

      expect(await t.exemptions({})).toEqual({
        items: [
          {
            entityRef: A,
            title: null,
            ownerRef: TEAM,
            topicId: 'policy.ai',
            reason: 'No AI in payments',
            author: AUTHOR,
            approver: REVIEWER,
            grantedAt: at(5).toISOString(),
            endsAt: at(125).toISOString(),
          },
        ],
      });
      expect((await t.latest()).result.topics['policy.ai']).toMatchObject({
        notApplicable: true,
        expiresAt: at(125).toISOString(),
      });
      // The summary written by the approval knows its next change: process,
      // attested on day 0, ends on day 90.
      expect(await t.overviewNames({ expiresWithinDays: 85 })).toEqual(['a']);
      expect(await t.overviewNames({ expiresWithinDays: 84 })).toEqual([]);
    });

    it('keeps a confirmation pending like any save: the approved snapshot counts, and expires, until it is approved', async () => {
      const t = await setup();
      jest.setSystemTime(at(0));
      await t.submit({
        baseRevision: 0,
        ratings: RATED,
        exemptions: { 'policy.ai': 'No AI in payments' },
      });
      jest.setSystemTime(at(5));
      await t.approve(1);

      jest.setSystemTime(at(95));
      const confirmed = await t.submit({
        baseRevision: 1,
        ratings: RATED,
        confirmed: Object.keys(RATED),
      });
      expect(confirmed.review).toEqual({ status: 'pending' });
      expect(confirmed.attestedAt?.['process.security']).toBe(
        at(95).toISOString(),
      );
      // Process expired on day 90 in what counts: the task scores the
      // approved snapshot, never the pending confirmation.
      expect(await t.expire(at(95))).toEqual({ recomputed: 1, braked: false });
      expect(await t.counted()).toMatchObject({
        revision: 1,
        dimensions: expect.objectContaining({ process: null, people: 2 }),
      });
      expect((await t.latest()).counted?.revision).toBe(1);
      // Both filters together: pending, and the counted exemption ends on
      // day 125.
      expect(
        await t.overviewNames({ review: 'pending', expiresWithinDays: 30 }),
      ).toEqual(['a']);
      expect(
        await t.overviewNames({ review: 'pending', expiresWithinDays: 29 }),
      ).toEqual([]);
      expect(
        (await t.exemptions({ review: 'pending', expiresWithinDays: 30 }))
          .items,
      ).toEqual([
        expect.objectContaining({
          topicId: 'policy.ai',
          approver: REVIEWER,
          endsAt: at(125).toISOString(),
        }),
      ]);

      // The exemption ends on day 125; the recompute at start-up and the
      // task both keep the approved snapshot counted.
      jest.setSystemTime(at(126));
      expect(await t.expire(at(126))).toEqual({
        recomputed: 1,
        braked: false,
      });
      await t.recompute();
      expect((await t.counted())?.revision).toBe(1);
      expect(await t.exemptions({})).toEqual({ items: [] });

      jest.setSystemTime(at(127));
      await t.approve(2);

      // Approved, the confirmation counts: every topic attested on day 95,
      // the exemption granted on day 127 by the reviewer.
      expect(await t.counted()).toMatchObject({
        revision: 2,
        dimensions: expect.objectContaining({ process: 2, people: 2 }),
      });
      const read = await t.latest();
      expect(read.counted).toBeUndefined();
      expect(read.result.topics['process.security']).toMatchObject({
        level: 2,
        expired: false,
        attestedAt: at(95).toISOString(),
        expiresAt: at(185).toISOString(),
      });
      // Read pending before, scored anew now approved: granted from day 127.
      expect(read.result.topics['policy.ai'].expiresAt).toBe(
        at(247).toISOString(),
      );
      expect((await t.exemptions({})).items).toEqual([
        expect.objectContaining({
          approver: REVIEWER,
          grantedAt: at(127).toISOString(),
          endsAt: at(247).toISOString(),
        }),
      ]);
      // Its summary's next change is process's end, on day 185.
      expect(await t.overviewNames({ expiresWithinDays: 58 })).toEqual(['a']);
      expect(await t.overviewNames({ expiresWithinDays: 57 })).toEqual([]);
      expect(await t.expire(at(128))).toEqual({
        recomputed: 0,
        braked: false,
      });
    });
  },
);
