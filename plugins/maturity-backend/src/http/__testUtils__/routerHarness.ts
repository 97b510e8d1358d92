import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Campaign,
  defaultMaturityModel,
  StoredAssessment,
} from '@cnmm/backstage-plugin-maturity-common';
import express from 'express';
import { recordingAuditor } from '../../__testUtils__/fixtures';
import { AssessmentService } from '../../services/AssessmentService';
import { AssessmentWriter } from '../../services/AssessmentWriter';
import { CampaignService } from '../../services/CampaignService';
import { ChangesService } from '../../services/ChangesService';
import { EntityLookup } from '../../services/EntityLookup';
import { EvidenceService } from '../../services/EvidenceService';
import { OverviewService } from '../../services/OverviewService';
import { ReviewService } from '../../services/ReviewService';
import { ScorecardService } from '../../services/ScorecardService';
import { SnapshotQuota, WriteRateLimiter } from '../../services/writeRateLimit';
import { memoryWriteLimits } from '../../__testUtils__/writeLimits';
import { createRouter, RouterDeps } from '../createRouter';
import { ExemptionService } from '../../services/ExemptionService';

/** The methods of a service that the routes call, each a jest.fn. */
export type Fake<T, K extends keyof T> = jest.Mocked<Pick<T, K>>;

/**
 * A fake passed where the routes take the service class: the routes call no
 * other method (a call to one would fail the test with a TypeError).
 */
export function asService<T>(fake: Partial<T>): T {
  return fake as T;
}

/** The user the tests sign in as, and the header that says so. */
export const USER = 'user:default/sam';
export const AS_USER = mockCredentials.user.header(USER);
export const userCredentials = mockCredentials.user(USER);

/** A service fake per dependency of the router, and the deps made of them. */
export function createRouterFakes(options: { writesPerMinute?: number } = {}) {
  const entities: Fake<EntityLookup, 'getEntity' | 'findEntity'> = {
    getEntity: jest.fn(),
    findEntity: jest.fn(),
  };
  const assessments: Fake<
    AssessmentService,
    'getLatest' | 'getHistory' | 'submit' | 'latest'
  > = {
    getLatest: jest.fn(),
    getHistory: jest.fn(),
    submit: jest.fn(),
    latest: jest.fn(),
  };
  const scorecards: Fake<
    ScorecardService,
    'systemScorecard' | 'domainScorecard' | 'groupScorecard' | 'groupTrend'
  > = {
    systemScorecard: jest.fn(),
    domainScorecard: jest.fn(),
    groupScorecard: jest.fn(),
    groupTrend: jest.fn(),
  };
  const changes: Fake<ChangesService, 'page' | 'rows'> = {
    page: jest.fn(),
    rows: jest.fn(),
  };
  const overview: Fake<
    OverviewService,
    'catalogRows' | 'assessedRefs' | 'overview' | 'exportRows' | 'indexedAt'
  > = {
    catalogRows: jest.fn(),
    assessedRefs: jest.fn(),
    overview: jest.fn(),
    exportRows: jest.fn(),
    indexedAt: jest.fn(),
  };
  const reviews: Fake<ReviewService, 'decide' | 'queue'> = {
    decide: jest.fn(),
    queue: jest.fn(),
  };
  const campaigns: Fake<
    CampaignService,
    | 'list'
    | 'create'
    | 'summary'
    | 'update'
    | 'versions'
    | 'progress'
    | 'forEntity'
    | 'limits'
  > = {
    limits: { maxDays: 366 },
    list: jest.fn(),
    create: jest.fn(),
    summary: jest.fn(),
    update: jest.fn(),
    versions: jest.fn(),
    progress: jest.fn(),
    forEntity: jest.fn(),
  };
  const exemptions: Fake<ExemptionService, 'page' | 'all'> = {
    page: jest.fn(),
    all: jest.fn(),
  };
  const evidence: Fake<EvidenceService, 'forEntity'> = {
    forEntity: jest.fn(),
  };
  // Everything is allowed, and the whole catalog readable, unless a test
  // says otherwise.
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  });
  const { auditor, events } = recordingAuditor();
  const writeLimits = memoryWriteLimits();
  const writer = new AssessmentWriter({
    permissions,
    auditor,
    entities: asService<EntityLookup>(entities),
    assessments: asService<AssessmentService>(assessments),
    limiter: new WriteRateLimiter({
      store: writeLimits,
      perMinute: options.writesPerMinute ?? 100,
    }),
    quota: new SnapshotQuota({ store: writeLimits, perDay: 50 }),
  });
  const deps: RouterDeps = {
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    model: defaultMaturityModel,
    entities: asService<EntityLookup>(entities),
    assessments: asService<AssessmentService>(assessments),
    scorecards: asService<ScorecardService>(scorecards),
    overview: asService<OverviewService>(overview),
    changes: asService<ChangesService>(changes),
    campaigns: asService<CampaignService>(campaigns),
    evidence: asService<EvidenceService>(evidence),
    writer,
    reviews: asService<ReviewService>(reviews),
    settings: {
      staleAfterDays: 180,
      attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
      exemptions: { enabled: true, maxDays: 365 },
      review: { required: false },
    },
    exemptions: asService<ExemptionService>(exemptions),
  };
  return {
    deps,
    reviews,
    entities,
    assessments,
    scorecards,
    overview,
    changes,
    campaigns,
    exemptions,
    evidence,
    permissions,
    auditor,
    events,
  };
}

/** The router in an app with Backstage's error middleware behind it. */
export function createTestApp(deps: RouterDeps): express.Express {
  const app = express();
  app.use(createRouter(deps));
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}

/** The caller the routes read for the default test user. */
export const allVisible = {
  credentials: userCredentials,
  visibility: { type: 'all' as const },
};

export function componentEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  };
}

export function storedAssessment(
  entityRef: string,
  revision: number,
): StoredAssessment {
  return {
    entityRef,
    revision,
    modelId: defaultMaturityModel.id,
    modelVersion: defaultMaturityModel.version,
    createdAt: '2026-01-02T03:04:05.000Z',
    createdBy: USER,
    ownerRef: 'group:default/payments',
    systemRef: null,
    ratings: {},
    targets: {},
    notes: {},
    evidence: {},
    comment: null,
    result: { topics: {}, dimensions: {}, percentToTarget: null, stale: false },
  };
}

export function campaign(id: string, version = 1): Campaign {
  return {
    id,
    version,
    source: 'database',
    title: 'Production readiness',
    description: '',
    scope: {},
    goals: { topics: { 'process.audit-and-logs': 2 } },
    startsOn: '2026-01-01',
    deadline: '2026-03-31',
    status: 'open',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: USER,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: USER,
  };
}
