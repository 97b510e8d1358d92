import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import request from 'supertest';
import {
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
import { createTestDatabases } from '../__testUtils__/testDatabases';

// The maturity actions served as MCP tools by the MCP actions backend,
// driven by the official MCP client over Streamable HTTP, as an assistant
// would: every tool listed with its schema, each called, visibility and the
// write path's refusals as the HTTP API has them.

jest.setTimeout(120_000);

const databases = createTestDatabases();

const TOOLS = [
  'get-entity-maturity',
  'get-scorecard',
  'list-below-target',
  'describe-topic',
  'list-campaigns',
  'get-campaign-progress',
  'record-assessment',
];

type ToolResult = {
  isError?: boolean;
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
};

/** An MCP client of the dedicated maturity server, signed in as `header`. */
async function connect(backend: MaturityBackend, header: string) {
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = new Client({ name: 'maturity-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://localhost:${port}/api/mcp-actions/v1/maturity`),
      { requestInit: { headers: { Authorization: header } } },
    ),
  );
  return {
    client,
    call: async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({
        name: `maturity.${name}`,
        arguments: args,
      })) as ToolResult,
  };
}

const textOf = (result: ToolResult) =>
  (result.content ?? []).map(c => c.text ?? '').join('');

describe.each(databases.eachSupportedId())(
  'maturity tools over MCP on %p',
  id => {
    let backend: MaturityBackend;
    let owner: Awaited<ReturnType<typeof connect>>;
    let stranger: Awaited<ReturnType<typeof connect>>;

    beforeAll(async () => {
      const knex = await databases.init(id);
      backend = await startMaturityBackend({
        config: {
          backend: { actions: { pluginSources: ['maturity'] } },
          mcpActions: {
            servers: {
              maturity: {
                name: 'Maturity',
                filter: { include: [{ id: 'maturity:*' }] },
              },
            },
          },
          maturity: {
            targets: { byLifecycle: { production: 3 } },
            exemptions: { enabled: true },
            campaigns: [
              {
                id: 'security-baseline',
                title: 'Security baseline',
                goals: { topics: { 'process.security': 2 } },
                startsOn: '2026-01-01',
                deadline: '2026-12-31',
              },
            ],
          },
        },
        features: [
          mcpActionsPlugin,
          actionsRegistryServiceFactory,
          actionsServiceFactory,
          mockServices.database.factory({ knex }),
        ],
      });
      owner = await connect(backend, as(OWNER));
      stranger = await connect(backend, as(STRANGER));
    });

    afterAll(async () => {
      await owner?.client.close();
      await stranger?.client.close();
    });

    it('lists every maturity tool, each with an object input schema', async () => {
      const { tools } = await owner.client.listTools();
      expect(tools.map(t => t.name).sort()).toEqual(
        TOOLS.map(name => `maturity.${name}`).sort(),
      );
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.description?.length).toBeGreaterThan(80);
      }
    });

    it('marks record-assessment as a write and the others read-only', async () => {
      const { tools } = await owner.client.listTools();
      const readOnly = Object.fromEntries(
        tools.map(t => [t.name, t.annotations?.readOnlyHint]),
      );
      expect(readOnly['maturity.record-assessment']).toBe(false);
      expect(readOnly['maturity.get-scorecard']).toBe(true);
    });

    it('describes a topic by id with its levels and official link', async () => {
      const result = await owner.call('describe-topic', {
        topic: 'process.security',
      });
      expect(result.structuredContent).toMatchObject({
        title: 'Security',
        dimension: { id: 'process' },
        url: expect.stringMatching(/^https:\/\//),
      });
    });

    it('answers a name shared by several topics with the candidates', async () => {
      const result = await owner.call('describe-topic', { topic: 'Security' });
      expect(textOf(result)).toContain('people.security (Security)');
    });

    it('answers a visible, unassessed entity as not assessed', async () => {
      const result = await owner.call('get-entity-maturity', {
        entityRef: 'web',
      });
      expect(result.structuredContent).toMatchObject({
        entityRef: 'component:default/web',
        assessed: false,
      });
    });

    it('answers an entity hidden from the caller as not found', async () => {
      const result = await stranger.call('get-entity-maturity', {
        entityRef: 'component:default/secret',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^NotFoundError/);
    });

    it("refuses a non-owner's record-assessment", async () => {
      const result = await stranger.call('record-assessment', {
        entityRef: 'component:default/payments-api',
        baseRevision: 0,
        ratings: { 'process.security': fullyTo(1) },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^NotAllowedError/);
    });

    it('refuses record-assessment with a service token', async () => {
      const service = await connect(backend, mockCredentials.service.header());
      const result = await service.call('record-assessment', {
        entityRef: 'component:default/payments-api',
        baseRevision: 0,
        ratings: { 'process.security': fullyTo(1) },
      });
      await service.client.close();
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('service token');
    });

    describe("after the owner's record-assessment", () => {
      let recorded: ToolResult;

      beforeAll(async () => {
        recorded = await owner.call('record-assessment', {
          entityRef: 'component:default/payments-api',
          baseRevision: '0',
          ratings: { 'process.security': fullyTo(1) },
          comment: 'from an assistant',
        });
      });

      it('answers the new revision', () => {
        expect(recorded.isError).toBeFalsy();
        expect(recorded.structuredContent).toMatchObject({
          entityRef: 'component:default/payments-api',
          revision: 1,
          createdBy: OWNER,
        });
      });

      it('makes it visible through the HTTP API', async () => {
        const res = await request(backend.server)
          .get(`${BASE}/entities/component/default/payments-api`)
          .set('Authorization', as(OWNER));
        expect(res.body).toMatchObject({
          revision: 1,
          comment: 'from an assistant',
        });
      });

      it('answers a stale baseRevision as a conflict', async () => {
        const result = await owner.call('record-assessment', {
          entityRef: 'component:default/payments-api',
          baseRevision: 0,
          ratings: { 'process.security': fullyTo(2) },
        });
        expect(textOf(result)).toMatch(/^ConflictError/);
      });

      it('audits the write with its actor', () => {
        const writes = backend.events.filter(
          e => e.eventId === 'assessment-create' && e.status === 'succeeded',
        );
        expect(writes[writes.length - 1].meta).toMatchObject({
          actor: OWNER,
          via: 'action',
          revision: 1,
        });
      });

      it('answers its levels, gaps and next steps', async () => {
        const result = await owner.call('get-entity-maturity', {
          entityRef: 'payments-api',
        });
        expect(result.structuredContent).toMatchObject({
          assessed: true,
          revision: 1,
          stale: false,
          nextSteps: expect.arrayContaining([
            expect.objectContaining({ topicId: 'process.security', level: 2 }),
          ]),
        });
      });

      it("counts it in the department's scorecard", async () => {
        const result = await owner.call('get-scorecard', {
          entityRef: 'group:default/engineering',
        });
        expect(result.structuredContent).toMatchObject({
          entityRef: 'group:default/engineering',
          components: { total: 5, assessed: 1 },
        });
      });

      it('lists it below target in its topic', async () => {
        const result = await owner.call('list-below-target', {
          scope: 'group',
          entityRef: 'group:default/product',
          topic: 'process.security',
        });
        expect(result.structuredContent).toMatchObject({
          items: [
            {
              entityRef: 'component:default/payments-api',
              gaps: [
                { topicId: 'process.security', level: 1, target: 3, gap: 2 },
              ],
            },
          ],
          nextCursor: null,
        });
      });

      it('lists the campaigns with the caller’s progress', async () => {
        const result = await owner.call('list-campaigns', {});
        expect(result.structuredContent).toMatchObject({
          items: [{ id: 'security-baseline' }],
        });
      });

      it("answers a campaign's progress", async () => {
        const result = await owner.call('get-campaign-progress', {
          id: 'security-baseline',
          show: 'all',
        });
        expect(result.structuredContent).toMatchObject({
          campaign: { id: 'security-baseline' },
          entities: { totalCount: expect.any(Number) },
        });
      });
    });

    describe('an exemption and a confirmation through record-assessment', () => {
      const ledger = 'component:default/ledger';
      const ai = TOPICS.find(t => t.id === 'people.ai')!;
      const notApplicable = Object.fromEntries(
        Array.from({ length: ai.maxLevel }, (_, i) => [
          String(i + 1),
          'not-applicable' as const,
        ]),
      );
      const ratings = {
        'process.security': fullyTo(1),
        'people.ai': notApplicable,
      };
      const read = async () =>
        request(backend.server)
          .get(`${BASE}/entities/component/default/ledger`)
          .set('Authorization', as(OWNER));

      it('refuses an exemption without its reason and stores nothing', async () => {
        const result = await owner.call('record-assessment', {
          entityRef: ledger,
          baseRevision: 0,
          ratings,
        });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('give the reason of this exemption');
        expect((await read()).status).toBe(404);
      });

      it('records it with its reason, and re-attests a confirmed topic', async () => {
        const first = await owner.call('record-assessment', {
          entityRef: ledger,
          baseRevision: 0,
          ratings,
          exemptions: { 'people.ai': 'No AI in a ledger' },
        });
        expect(first.isError).toBeFalsy();
        const recorded = (await read()).body;
        expect(recorded.exemptions).toEqual({
          'people.ai': { reason: 'No AI in a ledger', author: OWNER },
        });
        expect(recorded.result.topics['people.ai']).toMatchObject({
          notApplicable: true,
          attestedAt: recorded.createdAt,
        });

        const second = await owner.call('record-assessment', {
          entityRef: ledger,
          baseRevision: 1,
          // The reason carries over from the base snapshot.
          ratings,
          confirmed: ['process.security'],
        });
        expect(second.isError).toBeFalsy();
        const confirmed = (await read()).body;
        expect(confirmed.revision).toBe(2);
        expect(confirmed.createdAt).not.toBe(recorded.createdAt);
        // Confirmed: attested again now; the exemption, not confirmed, keeps
        // the time it was set.
        expect(confirmed.result.topics['process.security'].attestedAt).toBe(
          confirmed.createdAt,
        );
        expect(confirmed.result.topics['people.ai'].attestedAt).toBe(
          recorded.createdAt,
        );
        expect(confirmed.exemptions['people.ai'].reason).toBe(
          'No AI in a ledger',
        );
      });
    });
  },
);
