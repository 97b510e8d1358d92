import { Entity } from '@backstage/catalog-model';
import { ApiRef, identityApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  computeAssessmentResult,
  defaultMaturityModel,
  ExemptionRecord,
  MaturitySettings,
  NO_EXPIRY,
  Scorecard,
  SnapshotReview,
  StoredAssessment,
  TopicMap,
  TopicRatings,
} from '@cnmm/backstage-plugin-maturity-common';
import { ReactElement } from 'react';
import { MaturityApi, maturityApiRef } from '../api/MaturityApi';

export const model = defaultMaturityModel;

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

export function entityOfKind(kind: string, name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

/**
 * The backend's settings: attestation and exemptions off unless given, as
 * an install without their keys answers.
 */
export function settingsWith(
  options: {
    maxAgeDays?: number;
    dimensions?: Record<string, number>;
    exemptions?: boolean;
    exemptionDays?: number;
    reviewRequired?: boolean;
  } = {},
): MaturitySettings {
  return {
    staleAfterDays: 180,
    attestation: {
      maxAgeDays: options.maxAgeDays ?? null,
      dimensions: options.dimensions ?? {},
    },
    exemptions: {
      enabled: options.exemptions ?? false,
      maxDays: options.exemptionDays ?? NO_EXPIRY.exemptions.maxDays,
    },
    review: { required: options.reviewRequired ?? false },
  };
}

/** A stored snapshot whose result is computed by the real scoring engine. */
export function makeAssessment(
  options: {
    revision?: number;
    ratings?: TopicMap<TopicRatings>;
    targets?: TopicMap<number>;
    createdAt?: string;
    createdBy?: string;
    comment?: string | null;
    review?: SnapshotReview;
    notes?: TopicMap<string>;
    evidence?: TopicMap<string[]>;
    attestedAt?: TopicMap<string>;
    exemptions?: TopicMap<ExemptionRecord>;
    /** Scored with these settings' attestation and exemptions, at `now`. */
    settings?: MaturitySettings;
    now?: Date;
  } = {},
): StoredAssessment {
  const ratings = options.ratings ?? {
    'process.audit-and-logs': { '1': 'fully', '2': 'fully', '3': 'not-yet' },
  };
  const targets = options.targets ?? { 'process.audit-and-logs': 4 };
  const createdAt = options.createdAt ?? new Date().toISOString();
  return {
    entityRef: 'component:default/payments',
    revision: options.revision ?? 1,
    modelId: model.id,
    modelVersion: model.version,
    createdAt,
    createdBy: options.createdBy ?? 'user:default/jane',
    ownerRef: 'group:default/team-a',
    systemRef: null,
    ratings,
    targets,
    notes: options.notes ?? {},
    evidence: options.evidence ?? {},
    comment: options.comment ?? null,
    ...(options.review ? { review: options.review } : {}),
    ...(options.attestedAt && { attestedAt: options.attestedAt }),
    ...(options.exemptions && { exemptions: options.exemptions }),
    result: computeAssessmentResult(
      model,
      {
        ratings,
        targets,
        createdAt,
        attestedAt: options.attestedAt,
        exemptions: options.exemptions,
      },
      {
        now: options.now,
        attestation: options.settings?.attestation,
        exemptions: options.settings?.exemptions,
      },
    ),
  };
}

export type MockMaturityApi = jest.Mocked<MaturityApi>;

export function mockMaturityApi(
  overrides: Partial<MockMaturityApi> = {},
): MockMaturityApi {
  return {
    getModel: jest.fn().mockResolvedValue(model),
    getSettings: jest.fn().mockResolvedValue(settingsWith()),
    getAssessment: jest.fn().mockResolvedValue(undefined),
    getHistory: jest.fn().mockResolvedValue({ items: [], nextCursor: null }),
    submitAssessment: jest.fn(),
    // What a backend with catalog evidence switched off answers.
    getEntityEvidence: jest.fn(async ref => ({
      entityRef: String(ref),
      topics: {},
    })),
    importV3Assessment: jest.fn(),
    reviewAssessment: jest.fn(),
    getReviews: jest.fn().mockResolvedValue({ items: [] }),
    getScorecard: jest.fn(),
    getOverview: jest.fn(),
    getCatalogRows: jest.fn(async (refs: string[]) => refs.map(() => null)),
    getAssessedRefs: jest.fn().mockResolvedValue([]),
    exportOverview: jest.fn(),
    getChanges: jest.fn(),
    exportChanges: jest.fn(),
    getGroupTrend: jest.fn(async groupRef => ({
      entityRef: String(groupRef),
      scopeAsOf: 'now' as const,
      points: [],
    })),
    getExemptions: jest.fn().mockResolvedValue({ items: [] }),
    exportExemptions: jest.fn(),
    listCampaigns: jest.fn().mockResolvedValue([]),
    getCampaignProgress: jest.fn(),
    createCampaign: jest.fn(),
    updateCampaign: jest.fn(),
    getEntityCampaigns: jest.fn().mockResolvedValue({ items: [] }),
    ...overrides,
  };
}

/** Renders a legacy component with the maturity API, permissions and an entity. */
export function renderWithEntity(
  element: ReactElement,
  options: {
    api: MaturityApi;
    entity?: Entity;
    /** Every permission, or per permission name. */
    allowed?: boolean | ((permission: string) => boolean);
    /** The signed-in user. */
    userRef?: string;
    extraApis?: Array<readonly [ApiRef<any>, any]>;
    /** The address the app opens at, e.g. with a query string. */
    routeEntries?: string[];
  },
) {
  const { allowed = true } = options;
  const permission = mockApis.permission({
    authorize: request =>
      (
        typeof allowed === 'function'
          ? allowed(request.permission.name)
          : allowed
      )
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  const apis: Array<readonly [ApiRef<any>, any]> = [
    [maturityApiRef, options.api],
    [permissionApiRef, permission],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: options.userRef ?? 'user:default/ada',
      }),
    ],
    ...(options.extraApis ?? []),
  ];
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider apis={apis}>{content}</TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: options.routeEntries,
    },
  );
}

const emptyStats = (median: number | null) => ({
  median,
  min: median,
  max: median,
  distribution: [0, 0, 0, 0, 0, 0],
  rated: median === null ? 0 : 1,
});

/** A scorecard with one assessed and one unassessed component. */
export function makeScorecard(
  entityRef: string,
  children: Scorecard['children'] = [],
): Scorecard {
  const dimensions = Object.fromEntries(
    model.dimensions.map((d, i) => [d.id, emptyStats(i % 4)]),
  );
  const topics = Object.fromEntries(
    model.dimensions.flatMap(d => d.topics.map(t => [t.id, emptyStats(3)])),
  );
  topics['policy.ai'] = { ...emptyStats(0), max: 2 };
  topics['people.culture'] = emptyStats(1);
  return {
    entityRef,
    components: { total: 3, assessed: 2, stale: 1 },
    dimensions,
    topics,
    percentToTarget: 0.6,
    indexedAt: '2026-11-22T08:00:00.000Z',
    entities: [
      {
        entityRef: 'component:default/payments',
        kind: 'component',
        namespace: 'default',
        name: 'payments',
        title: null,
        ownerRef: 'group:default/team-a',
        systemRef: 'system:default/shop',
        lifecycle: 'production',
        revision: 2,
        assessedAt: '2025-01-15T00:00:00Z',
        stale: false,
        percentToTarget: 0.75,
        dimensions: Object.fromEntries(model.dimensions.map(d => [d.id, 3])),
      },
      {
        entityRef: 'component:default/checkout',
        kind: 'component',
        namespace: 'default',
        name: 'checkout',
        title: null,
        ownerRef: 'group:default/team-b',
        systemRef: 'system:default/shop',
        lifecycle: 'experimental',
        revision: null,
        assessedAt: null,
        stale: false,
        percentToTarget: null,
        dimensions: Object.fromEntries(model.dimensions.map(d => [d.id, null])),
      },
    ],
    children,
  };
}
