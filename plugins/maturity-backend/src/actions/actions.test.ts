import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { z } from 'zod/v3';
import { recordingAuditor } from '../__testUtils__/fixtures';
import {
  asService,
  storedAssessment,
} from '../http/__testUtils__/routerHarness';
import { AssessmentService } from '../services/AssessmentService';
import { AssessmentWriter } from '../services/AssessmentWriter';
import { BelowTarget } from '../services/BelowTarget';
import { CampaignService } from '../services/CampaignService';
import { EntityLookup } from '../services/EntityLookup';
import { ScorecardService } from '../services/ScorecardService';
import { SnapshotQuota, WriteRateLimiter } from '../services/writeRateLimit';
import { memoryWriteLimits } from '../__testUtils__/writeLimits';
import { entityRefOf } from './common';
import { registerMaturityActions } from './index';

const user = mockCredentials.user('user:default/sam');

function setup() {
  const registry = actionsRegistryServiceMock();
  const entities = { findEntity: jest.fn(), getEntity: jest.fn() };
  const belowTarget = { page: jest.fn() };
  const permissions = mockServices.permissions();
  const store = memoryWriteLimits();
  registerMaturityActions(registry, {
    permissions,
    model: defaultMaturityModel,
    entities: asService<EntityLookup>(entities),
    assessments: asService<AssessmentService>({}),
    scorecards: asService<ScorecardService>({}),
    belowTarget: asService<BelowTarget>(belowTarget),
    campaigns: asService<CampaignService>({}),
    writer: new AssessmentWriter({
      permissions,
      auditor: recordingAuditor().auditor,
      entities: asService<EntityLookup>(entities),
      assessments: asService<AssessmentService>({}),
      limiter: new WriteRateLimiter({ store, perMinute: 10 }),
      quota: new SnapshotQuota({ store, perDay: 50 }),
    }),
  });
  return { registry, entities, belowTarget };
}

describe('entityRefOf', () => {
  it('reads a bare name as a component in the default namespace', () => {
    expect(entityRefOf('payments-api', { defaultKind: 'component' })).toBe(
      'component:default/payments-api',
    );
  });

  it('refuses a ref of a kind the action does not take', () => {
    expect(() =>
      entityRefOf('component:default/web', { kinds: ['system', 'group'] }),
    ).toThrow('expected one of system, group');
  });

  it('refuses a ref without a kind where none is implied', () => {
    expect(() => entityRefOf('web')).toThrow('is not an entity ref');
  });
});

describe('the maturity actions', () => {
  it('registers the seven tools', () => {
    const { registry } = setup();
    expect([...registry.actions.keys()].sort()).toEqual(
      [
        'describe-topic',
        'get-campaign-progress',
        'get-entity-maturity',
        'get-scorecard',
        'list-below-target',
        'list-campaigns',
        'record-assessment',
      ].map(name => `test:${name}`),
    );
  });

  it('builds each schema once, however often the registry lists or calls', () => {
    const { registry } = setup();
    for (const action of registry.actions.values()) {
      expect(action.schema.input(z)).toBe(action.schema.input(z));
      expect(action.schema.output(z)).toBe(action.schema.output(z));
    }
  });

  it('describes a topic by its id', async () => {
    const { registry } = setup();
    const { output } = await registry.invoke({
      id: 'test:describe-topic',
      input: { topic: 'process.security' },
      credentials: user,
    });
    expect(output).toMatchObject({ id: 'process.security', maxLevel: 5 });
  });

  it('refuses an unknown dimension before reading anything', async () => {
    const { registry, belowTarget } = setup();
    await expect(
      registry.invoke({
        id: 'test:list-below-target',
        input: {
          scope: 'group',
          entityRef: 'group:default/payments',
          dimension: 'nope',
        },
        credentials: user,
      }),
    ).rejects.toThrow('No dimension "nope"');
    expect(belowTarget.page).not.toHaveBeenCalled();
  });

  it('coerces a limit sent as a string', async () => {
    const { registry, entities, belowTarget } = setup();
    entities.findEntity.mockResolvedValue({ ref: 'group:default/payments' });
    belowTarget.page.mockResolvedValue({
      items: [],
      totalCount: 0,
      nextCursor: null,
      indexedAt: '2026-01-01T00:00:00.000Z',
    });
    await registry.invoke({
      id: 'test:list-below-target',
      input: { scope: 'owner', entityRef: 'payments', limit: '5' },
      credentials: user,
    });
    expect(belowTarget.page).toHaveBeenCalledWith(
      expect.objectContaining({
        scope: { owner: 'group:default/payments' },
        limit: 5,
      }),
      expect.anything(),
    );
  });

  it('refuses record-assessment from a service principal', async () => {
    const { registry, entities } = setup();
    await expect(
      registry.invoke({
        id: 'test:record-assessment',
        input: { entityRef: 'web', baseRevision: 0, ratings: {} },
        credentials: mockCredentials.service(),
      }),
    ).rejects.toThrow('service token');
    expect(entities.getEntity).not.toHaveBeenCalled();
  });

  it('answers a snapshot recorded under review as pending', async () => {
    const registry = actionsRegistryServiceMock();
    const entities = {
      findEntity: jest.fn(),
      getEntity: jest.fn(async () => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'web', namespace: 'default' },
      })),
    };
    const submit = jest.fn(async () => ({
      ...storedAssessment('component:default/web', 1),
      review: { status: 'pending' as const },
    }));
    const permissions = mockServices.permissions();
    const store = memoryWriteLimits();
    registerMaturityActions(registry, {
      permissions,
      model: defaultMaturityModel,
      entities: asService<EntityLookup>(entities),
      assessments: asService<AssessmentService>({}),
      scorecards: asService<ScorecardService>({}),
      belowTarget: asService<BelowTarget>({}),
      campaigns: asService<CampaignService>({}),
      writer: new AssessmentWriter({
        permissions,
        auditor: recordingAuditor().auditor,
        entities: asService<EntityLookup>(entities),
        assessments: asService<AssessmentService>({ submit }),
        limiter: new WriteRateLimiter({ store, perMinute: 10 }),
        quota: new SnapshotQuota({ store, perDay: 50 }),
      }),
    });
    const { output } = await registry.invoke({
      id: 'test:record-assessment',
      input: { entityRef: 'web', baseRevision: 0, ratings: {} },
      credentials: user,
    });
    expect(output).toMatchObject({ revision: 1, review: 'pending' });
  });
});
