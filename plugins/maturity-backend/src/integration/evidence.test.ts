import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  component,
  HIDDEN_FROM,
  OWNER,
  STRANGER,
} from '../__testUtils__/fixtures';
import {
  MATURITY_ENTITIES,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const PORTAL = 'https://portal.example.com';

/** A component whose catalog entry records docs, on-call, its repository and an API. */
function documented(name: string, annotations: Record<string, string> = {}) {
  const entity: Entity = component(name, 'payments', 'shop', {
    annotations: {
      'backstage.io/techdocs-ref': 'dir:.',
      'pagerduty.com/service-id': 'PX1',
      'github.com/project-slug': `acme/${name}`,
      ...annotations,
    },
  });
  entity.relations!.push({
    type: 'providesApi',
    targetRef: `api:default/${name}`,
  });
  return entity;
}

const entities = [
  ...MATURITY_ENTITIES,
  documented('checkout'),
  documented('vault', { [HIDDEN_FROM]: STRANGER }),
];

describe.each(databases.eachSupportedId())('catalog evidence on %p', id => {
  let backend: MaturityBackend;

  beforeAll(async () => {
    const knex = await databases.init(id);
    backend = await startMaturityBackend({
      entities,
      config: {
        app: { baseUrl: PORTAL },
        maturity: { evidence: { enabled: true } },
      },
      features: [mockServices.database.factory({ knex })],
    });
  });

  it('offers per topic what the catalog records of the entity, with links', async () => {
    const res = await backend.get(
      '/entities/component/default/checkout/evidence',
    );
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/checkout');
    const { topics } = res.body;
    expect(topics['technology.application-release-and-operations']).toEqual([
      {
        ruleId: 'github-repository',
        label: 'Source and manifests in a GitHub repository',
        value: 'acme/checkout',
        level: 1,
        url: 'https://github.com/acme/checkout',
      },
    ]);
    expect(topics['technology.architecture-and-solution-design']).toEqual([
      expect.objectContaining({
        ruleId: 'techdocs',
        level: 2,
        url: `${PORTAL}/docs/default/component/checkout`,
      }),
      expect.objectContaining({
        ruleId: 'provides-api',
        value: 'api:default/checkout',
        level: 3,
        url: `${PORTAL}/catalog/default/api/checkout`,
      }),
    ]);
    // No link template: the fact is shown, not offered as a link.
    expect(topics['process.audit-and-logs']).toEqual([
      expect.not.objectContaining({ url: expect.anything() }),
    ]);
  });

  it('answers 404 for an entity the catalog hides from the caller, as for an unknown one', async () => {
    const path = '/entities/component/default/vault/evidence';
    expect((await backend.get(path, OWNER)).status).toBe(200);
    const hidden = await backend.get(path, STRANGER);
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('PX1');
    expect(
      (await backend.get('/entities/component/default/nope/evidence')).status,
    ).toBe(404);
  });

  it('says nothing while evidence is not switched on', async () => {
    const knex = await databases.init(id);
    const off = await startMaturityBackend({
      entities,
      features: [mockServices.database.factory({ knex })],
    });
    const res = await off.get('/entities/component/default/checkout/evidence');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/checkout',
      topics: {},
    });
  });
});

describe('a configured map of catalog facts', () => {
  it('replaces the default map', async () => {
    const backend = await startMaturityBackend({
      entities: [...MATURITY_ENTITIES, documented('checkout')],
      config: {
        maturity: {
          evidence: {
            enabled: true,
            catalogFacts: [
              {
                id: 'on-call',
                label: 'Someone is paged',
                annotation: 'pagerduty.com/service-id',
                topics: [{ topicId: 'people.culture', level: 2 }],
              },
            ],
          },
        },
      },
    });
    const res = await backend.get(
      '/entities/component/default/checkout/evidence',
    );
    expect(res.body.topics).toEqual({
      'people.culture': [
        {
          ruleId: 'on-call',
          label: 'Someone is paged',
          value: 'PX1',
          level: 2,
        },
      ],
    });
  });

  it('stops the start-up when it names a topic or level the model lacks', async () => {
    await expect(
      startMaturityBackend({
        config: {
          maturity: {
            evidence: {
              catalogFacts: [
                {
                  id: 'ai',
                  label: 'AI',
                  annotation: 'example.com/ai',
                  topics: [{ topicId: 'people.ai', level: 5 }],
                },
              ],
            },
          },
        },
      }),
    ).rejects.toThrow(
      'Invalid maturity.evidence.catalogFacts: 0.topics.0: topic "people.ai" has no level 5 (its highest is 4)',
    );
  });
});
