import { fullyTo, STRANGER } from '../__testUtils__/fixtures';
import {
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// Attestation and exemptions through the plugin as installed: its settings
// served, the reasons rule a 400 that stores nothing, exemptions listed.

jest.setTimeout(60_000);

const NA = { '1': 'not-applicable', '2': 'not-applicable' };

describe('attestation and exemptions switched on', () => {
  let backend: MaturityBackend;

  beforeAll(async () => {
    backend = await startMaturityBackend({
      config: {
        maturity: {
          attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
          exemptions: { enabled: true },
        },
      },
    });
  });

  it('serves the settings', async () => {
    const res = await backend.get('/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      staleAfterDays: 180,
      attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
      exemptions: { enabled: true, maxDays: 365 },
      review: { required: false },
    });
  });

  it('refuses a topic rated entirely not applicable without a reason: 400, nothing stored', async () => {
    const res = await backend.assess('ledger', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('exemptions.policy.ai');
    expect(
      (await backend.get('/entities/component/default/ledger')).status,
    ).toBe(404);
  });

  it('records an exemption with its reason and lists it until it ends', async () => {
    const res = await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA, 'process.security': fullyTo(2) },
      exemptions: { 'policy.ai': 'No AI in payments' },
    });
    expect(res.status).toBe(201);
    expect(res.body.exemptions['policy.ai']).toMatchObject({
      reason: 'No AI in payments',
    });
    expect(res.body.result.topics['process.security']).toMatchObject({
      level: 2,
      expired: false,
    });
    const list = await backend.get('/exemptions?owner=payments');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        topicId: 'policy.ai',
        reason: 'No AI in payments',
        endsAt: expect.any(String),
      }),
    ]);
    const soon = await backend.get('/overview?expiresWithinDays=91');
    expect(soon.body.items.map((i: { name: string }) => i.name)).toEqual([
      'payments-api',
    ]);
    expect(
      (await backend.get('/overview?expiresWithinDays=30&asOf=2026-01-01'))
        .status,
    ).toBe(400);
  });
});

describe('exemptions and catalog visibility', () => {
  it('lists only the exemptions of entities the caller may see', async () => {
    const backend = await startMaturityBackend({
      config: { maturity: { exemptions: { enabled: true } } },
    });
    for (const name of ['payments-api', 'secret']) {
      const saved = await backend.assess(name, {
        baseRevision: 0,
        ratings: { 'policy.ai': NA },
        exemptions: { 'policy.ai': 'No AI' },
      });
      expect(saved.status).toBe(201);
    }
    const names = async (user?: string) =>
      (await backend.get('/exemptions', user)).body.items.map(
        (i: { entityRef: string }) => i.entityRef,
      );
    expect(await names()).toEqual([
      'component:default/payments-api',
      'component:default/secret',
    ]);
    expect(await names(STRANGER)).toEqual(['component:default/payments-api']);
  });
});

describe('exemptions switched off, as by default', () => {
  it('answers the topic results as before and refuses reasons', async () => {
    const backend = await startMaturityBackend();
    const saved = await backend.assess('ledger', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.result.topics['policy.ai']).not.toHaveProperty('expired');
    const reason = await backend.assess('payments-api', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA },
      exemptions: { 'policy.ai': 'No AI' },
    });
    expect(reason.status).toBe(400);
    expect((await backend.get('/exemptions')).body).toEqual({ items: [] });
  });
});
