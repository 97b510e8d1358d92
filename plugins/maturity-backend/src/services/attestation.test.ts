import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import {
  AssessmentSubmission,
  defaultMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ScoringSettings } from '../config';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import { recordingAuditor } from '../__testUtils__/fixtures';
import { at, fakeClock } from '../__testUtils__/fakeClock';
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
import { ScorecardService } from './ScorecardService';
import { Summaries } from './Summaries';

// Attestation and exemptions end to end over the services and a real
// database, the clock faked: a topic older than its dimension's days turns
// unrated, first in the snapshot read, then, after the expiry task, in the
// summaries that scorecards and the overview read; confirming renews it;
// an exemption needs a reason and ends.

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = defaultMaturityModel;
const ANN = 'user:default/ann';
const BOB = 'user:default/bob';
const TEAM = 'group:default/team';
const all = {
  credentials: mockCredentials.user(ANN),
  visibility: { type: 'all' as const },
};
const SCORING: ScoringSettings = {
  strict: false,
  staleAfterDays: 365,
  targets: {},
  attestation: { maxAgeDays: 180, dimensions: { process: 90 } },
  exemptions: { enabled: true, maxDays: 120 },
};
const NAMES = ['expiring', 'confirmed', 'exempt', 'refused', 'first', 'second'];

const fully2 = { '1': 'fully', '2': 'fully' } as const;
const RATED = { 'process.security': fully2, 'people.culture': fully2 };
const NA = { '1': 'not-applicable', '2': 'not-applicable' } as const;

/** Each component in a system of its own, so that scorecards are one entity's. */
function entityOf(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'team', system: name, lifecycle: 'production' },
    relations: [
      { type: 'ownedBy', targetRef: TEAM },
      { type: 'partOf', targetRef: `system:default/${name}` },
    ],
  };
}

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

describe.each(databases.eachSupportedId())('attestation on %p', id => {
  fakeClock();
  let knex: Knex;
  let store: DatabaseAssessmentStore;
  let services: ReturnType<typeof open>;

  function open() {
    const index = new MaturityIndex(knex);
    const refs = NAMES.flatMap(n => [
      `component:default/${n}`,
      `system:default/${n}`,
    ]);
    const entities = new EntityLookup({
      index,
      catalog: catalogOf([...refs, TEAM]),
      trust: trustedIndex,
    });
    const summaries = new Summaries(model, SCORING);
    const rows = new EntityRows(model, summaries);
    const indexer = { ready: async () => new Date() };
    return {
      index,
      summaries,
      assessments: new AssessmentService({
        model,
        store,
        entities,
        indexer: { refresh: async () => {} },
        summaries,
        scoring: SCORING,
      }),
      scorecards: new ScorecardService({ model, indexer, entities, rows }),
      overview: new OverviewService({ model, indexer, entities, rows }),
      exemptions: new ExemptionService({
        model,
        indexer,
        entities,
        store,
        scoring: SCORING,
      }),
      updater: new SummaryUpdater({ store, index, summaries }),
    };
  }

  beforeAll(async () => {
    knex = await databases.init(id);
    store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    services = open();
    await services.index.upsert(
      NAMES.flatMap(name => [
        indexRecord('component', name, {
          ownerRef: TEAM,
          systemRef: `system:default/${name}`,
        }),
        indexRecord('system', name, { ownerRef: TEAM }),
      ]),
    );
  });

  const submit = (
    name: string,
    submission: AssessmentSubmission,
    user: string = ANN,
  ) => services.assessments.submit(entityOf(name), submission, user);
  const latest = (name: string) =>
    services.assessments.getLatest(`component:default/${name}`, all);
  const scorecard = (name: string) =>
    services.scorecards.systemScorecard(`system:default/${name}`, all);
  const overviewRow = async (name: string, expiresWithinDays?: number) => {
    const page = await services.overview.overview(
      {
        system: `system:default/${name}`,
        expiresWithinDays,
        sortBy: 'name',
        order: 'asc',
        limit: 10,
      },
      all,
    );
    return page.items[0];
  };
  const expire = (now: Date, maxPerRun?: number) =>
    recomputeExpired({
      store,
      updater: services.updater,
      logger: mockServices.logger.mock(),
      auditor: recordingAuditor().auditor,
      now,
      maxPerRun,
    });

  it('turns a topic past its dimension’s days into unrated: the snapshot at once, scorecard and overview after the task', async () => {
    jest.setSystemTime(at(0));
    await submit('expiring', { baseRevision: 0, ratings: RATED });

    jest.setSystemTime(at(80));
    expect((await overviewRow('expiring', 10))?.name).toBe('expiring');
    expect(await overviewRow('expiring', 9)).toBeUndefined();
    const fresh = await latest('expiring');
    expect(fresh.result.topics['process.security']).toMatchObject({
      level: 2,
      attestedAt: at(0).toISOString(),
      expiresAt: at(90).toISOString(),
      expired: false,
    });

    jest.setSystemTime(at(91));
    const read = await latest('expiring');
    expect(read.result.topics['process.security']).toMatchObject({
      level: null,
      expired: true,
    });
    expect(read.result.dimensions.process.median).toBeNull();
    // Summaries are read in SQL: they change when the task recomputes them.
    expect((await scorecard('expiring')).dimensions.process.median).toBe(2);
    expect(await expire(at(91))).toEqual({ recomputed: 1, braked: false });
    expect((await scorecard('expiring')).dimensions.process.median).toBeNull();
    expect((await scorecard('expiring')).dimensions.people.median).toBe(2);
    const row = await overviewRow('expiring');
    expect(row.dimensions).toMatchObject({ process: null, people: 2 });
    // The next end is people's, at 180 days: nothing more to do until then.
    expect(await expire(at(92))).toEqual({ recomputed: 0, braked: false });
    expect((await overviewRow('expiring', 89))?.name).toBe('expiring');
  });

  it('confirms a topic unchanged: its attestedAt renewed, ratings and the other topics as they were', async () => {
    jest.setSystemTime(at(0));
    const first = await submit('confirmed', {
      baseRevision: 0,
      ratings: RATED,
    });
    jest.setSystemTime(at(60));
    const confirmed = await submit('confirmed', {
      baseRevision: 1,
      ratings: RATED,
      confirmed: ['process.security'],
    });
    expect(confirmed.ratings).toEqual(first.ratings);
    expect(confirmed.attestedAt).toEqual({
      'process.security': at(60).toISOString(),
      'people.culture': at(0).toISOString(),
    });
    expect(confirmed.result.dimensions).toEqual(first.result.dimensions);

    jest.setSystemTime(at(100));
    expect(
      (await latest('confirmed')).result.topics['process.security'],
    ).toMatchObject({
      level: 2,
      expired: false,
      expiresAt: at(150).toISOString(),
    });
    // Saved again without confirming: the attestation is carried over.
    const carried = await submit('confirmed', {
      baseRevision: 2,
      ratings: RATED,
    });
    expect(carried.attestedAt?.['process.security']).toBe(at(60).toISOString());
  });

  it('refuses an exemption without a reason, naming the topic, and stores nothing', async () => {
    jest.setSystemTime(at(0));
    const refused = submit('refused', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA },
      exemptions: { 'policy.ai': '  ' },
    });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(/exemptions\.policy\.ai/);
    await expect(
      submit('refused', {
        baseRevision: 0,
        ratings: { 'people.culture': fully2 },
        exemptions: { 'people.culture': 'not a reason' },
      }),
    ).rejects.toThrow(InputError);
    expect(await store.getLatest(['component:default/refused'])).toEqual(
      new Map(),
    );
  });

  it('lists an exemption with its reason and end until it ends, then counts it unrated', async () => {
    jest.setSystemTime(at(0));
    await submit('exempt', {
      baseRevision: 0,
      ratings: { 'policy.ai': NA, 'people.culture': fully2 },
      exemptions: { 'policy.ai': 'No AI in this service' },
    });
    // Another author saves it again: the exemption keeps its author.
    jest.setSystemTime(at(10));
    await submit(
      'exempt',
      {
        baseRevision: 1,
        ratings: { 'policy.ai': NA, 'people.culture': fully2 },
      },
      BOB,
    );
    const row = {
      entityRef: 'component:default/exempt',
      title: null,
      ownerRef: TEAM,
      topicId: 'policy.ai',
      reason: 'No AI in this service',
      author: ANN,
      approver: null,
      grantedAt: at(0).toISOString(),
      endsAt: at(120).toISOString(),
    };
    jest.setSystemTime(at(119));
    expect(
      await services.exemptions.page(
        { filter: { owner: TEAM }, limit: 10 },
        all,
      ),
    ).toEqual({ items: [row] });
    expect((await latest('exempt')).result.topics['policy.ai']).toMatchObject({
      notApplicable: true,
      expiresAt: at(120).toISOString(),
    });

    jest.setSystemTime(at(120));
    expect((await latest('exempt')).result.topics['policy.ai']).toMatchObject({
      level: null,
      notApplicable: false,
      expired: true,
    });
    expect(
      await services.exemptions.page({ filter: {}, limit: 10 }, all),
    ).toEqual({ items: [] });
    // Confirmed again, it is granted anew for maxDays.
    const renewed = await submit('exempt', {
      baseRevision: 2,
      ratings: { 'policy.ai': NA, 'people.culture': fully2 },
      confirmed: ['policy.ai'],
    });
    expect(renewed.exemptions).toEqual({
      'policy.ai': { reason: 'No AI in this service', author: ANN },
    });
    expect(renewed.result.topics['policy.ai'].expiresAt).toBe(
      at(240).toISOString(),
    );
  });

  it('recomputes passed summaries in batches up to its brake, the rest next run', async () => {
    jest.setSystemTime(at(0));
    await submit('first', { baseRevision: 0, ratings: RATED });
    await submit('second', { baseRevision: 0, ratings: RATED });
    // The 'expiring' and 'confirmed' components pass too by day 400.
    const first = await expire(at(400), 2);
    expect(first).toEqual({ recomputed: 2, braked: true });
    const rest = await expire(at(400), 100);
    expect(rest.braked).toBe(false);
    expect(rest.recomputed).toBeGreaterThan(0);
    expect((await scorecard('second')).dimensions.people.median).toBeNull();
    expect(await expire(at(400))).toEqual({ recomputed: 0, braked: false });
  });

  it('keeps the history as written when everything is recomputed: expiry moves the present only', async () => {
    jest.setSystemTime(at(400));
    await services.updater.recompute(['component:default/second']);
    const past = await services.overview.overview(
      {
        system: 'system:default/second',
        sortBy: 'name',
        order: 'asc',
        limit: 10,
      },
      { ...all, asOf: at(50) },
    );
    expect(past.items[0].dimensions).toMatchObject({ process: 2, people: 2 });
    expect((await overviewRow('second')).dimensions).toMatchObject({
      process: null,
      people: null,
    });
  });
});
