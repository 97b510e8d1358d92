import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultMaturityModel,
  EntityMaturityRow,
  RollUpAccumulator,
  Scorecard,
  summarizeResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { AssessmentRecord } from '../database/AssessmentStore';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { ScorecardService } from './ScorecardService';
import { Summaries } from './Summaries';
import { indexRecord } from '../__testUtils__/indexRecord';
import { trustedIndex } from '../__testUtils__/trustedIndex';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = defaultMaturityModel;
const TOPICS = model.dimensions.flatMap(d => d.topics);
const credentials = mockCredentials.user('user:default/sam');
const NOW = new Date('2026-07-01T00:00:00.000Z');
const INDEXED_AT = new Date('2026-06-30T23:50:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const summaries = new Summaries(model, {
  strict: false,
  staleAfterDays: 180,
  targets: {},
});
const entityRows = new EntityRows(model, summaries);

const group = (name: string) => `group:default/${name}`;
const component = (name: string) => `component:default/${name}`;

const record = indexRecord;

/**
 * root has sub-teams t1 (with t1a below it) and t2; o1 belongs to a team
 * outside. p2 is unassessed, q1's snapshot is stale.
 */
const ORGANISATION = [
  record('group', 'root', { title: 'Root' }),
  record('group', 't1', { parentRef: group('root'), title: 'Team one' }),
  record('group', 't1a', { parentRef: group('t1') }),
  record('group', 't2', { parentRef: group('root'), title: 'Team two' }),
  record('group', 'outside'),
  record('domain', 'commerce'),
  record('system', 'shop', { domainRef: 'domain:default/commerce' }),
  record('system', 'ops', { domainRef: 'domain:default/commerce' }),
  record('component', 'r1', { ownerRef: group('root') }),
  record('component', 'p1', {
    ownerRef: group('t1'),
    systemRef: 'system:default/shop',
  }),
  record('component', 'p2', { ownerRef: group('t1') }),
  record('component', 'q1', {
    ownerRef: group('t1a'),
    systemRef: 'system:default/shop',
  }),
  record('component', 's1', {
    ownerRef: group('t2'),
    systemRef: 'system:default/ops',
  }),
  record('component', 'o1', { ownerRef: group('outside') }),
];

/** Different levels per component and topic, some unrated; one target. */
function snapshot(name: string, n: number, ageDays: number): AssessmentRecord {
  const ratings = Object.fromEntries(
    TOPICS.flatMap((t, i) => {
      const level = (n * 3 + i) % (t.maxLevel + 1);
      const levels = Array.from({ length: level }, (_, l) => [
        String(l + 1),
        'fully' as const,
      ]);
      return level ? [[t.id, Object.fromEntries(levels)]] : [];
    }),
  );
  return {
    entityRef: component(name),
    revision: 1,
    modelId: model.id,
    modelVersion: model.version,
    createdAt: new Date(NOW.getTime() - ageDays * DAY).toISOString(),
    createdBy: 'user:default/sam',
    ownerRef: null,
    systemRef: null,
    lifecycle: null,
    entityUid: null,
    ratings,
    targets: { [TOPICS[n].id]: 3 },
    notes: {},
    evidence: {},
    comment: null,
  };
}

const SNAPSHOTS = new Map([
  [component('r1'), snapshot('r1', 1, 10)],
  [component('p1'), snapshot('p1', 2, 20)],
  [component('q1'), snapshot('q1', 3, 400)],
  [component('s1'), snapshot('s1', 4, 30)],
  [component('o1'), snapshot('o1', 5, 30)],
]);

/** The roll-up -common's accumulator gives for the same snapshots. */
function expectedRollUp(refs: string[]) {
  const accumulator = new RollUpAccumulator(model);
  for (const ref of refs) {
    const snap = SNAPSHOTS.get(ref);
    const result = snap && summaries.resultOf(snap, null);
    accumulator.add(
      result
        ? {
            ...summarizeResult(result),
            stale: NOW.getTime() - Date.parse(snap.createdAt) > 180 * DAY,
          }
        : null,
    );
  }
  return accumulator.result();
}

const rollUpOf = ({
  components,
  topics,
  dimensions,
  percentToTarget,
}: Scorecard) => ({
  components,
  topics,
  dimensions,
  percentToTarget,
});

/** A catalog that returns to the caller only the refs in `visible`. */
function catalogOf(visible: string[]) {
  const stub = (ref: string) => {
    if (!visible.includes(ref)) return undefined;
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

describe.each(databases.eachSupportedId())('ScorecardService on %p', id => {
  let index: MaturityIndex;

  beforeAll(async () => {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    index = new MaturityIndex(knex);
    await index.upsert(ORGANISATION);
    await store.replaceSummaries(
      [...SNAPSHOTS.values()].map(s => summaries.summaryOf(s, null)),
    );
  });

  function setup(catalog = catalogOf(ORGANISATION.map(e => e.entityRef))) {
    const indexer = { ready: jest.fn(async () => INDEXED_AT) };
    const service = new ScorecardService({
      model,
      indexer,
      entities: new EntityLookup({ index, catalog, trust: trustedIndex }),
      rows: entityRows,
      now: () => NOW,
    });
    return { service, indexer };
  }

  const all: { credentials: typeof credentials; visibility: Visibility } = {
    credentials,
    visibility: { type: 'all' },
  };
  const subtree = ['r1', 'p1', 'p2', 'q1', 's1'].map(component);

  describe('groupScorecard', () => {
    it('rolls a group up with its sub-teams as the accumulator does', async () => {
      const { service } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
      });
      expect(card.entityRef).toBe(group('root'));
      expect(rollUpOf(card)).toEqual(expectedRollUp(subtree));
      // Not vacuous: stale, unassessed and a target are all in there.
      expect(card.components).toEqual({ total: 5, assessed: 4, stale: 1 });
      expect(card.percentToTarget).not.toBeNull();
    });

    it('gives each sub-team the share of its subtree', async () => {
      const { service } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
      });
      const child = (title: string, refs: string[]) => {
        const rolled = expectedRollUp(refs.map(component));
        return {
          title,
          components: rolled.components,
          dimensions: Object.fromEntries(
            Object.entries(rolled.dimensions).map(([d, s]) => [d, s.median]),
          ),
          percentToTarget: rolled.percentToTarget,
        };
      };
      expect(card.children).toEqual([
        { entityRef: group('t1'), ...child('Team one', ['p1', 'p2', 'q1']) },
        { entityRef: group('t2'), ...child('Team two', ['s1']) },
      ]);
    });

    it('rolls up only the group’s own components when direct', async () => {
      const { service } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: true,
      });
      expect(rollUpOf(card)).toEqual(expectedRollUp([component('r1')]));
      expect(card.children).toEqual([]);
    });

    it('answers the same roll-up whether entities are collected, left out or streamed', async () => {
      const { service } = setup();
      const options = { ...all, direct: false };
      const collected = await service.groupScorecard(
        'group:default/root',
        options,
      );
      const none = await service.groupScorecard('group:default/root', {
        ...options,
        entities: 'none',
      });
      const streamed = await service.groupScorecard('group:default/root', {
        ...options,
        entities: async () => {},
      });
      const withoutRows = (card: Scorecard) => ({ ...card, entities: [] });
      expect(withoutRows(none)).toEqual(withoutRows(collected));
      expect(withoutRows(streamed)).toEqual(withoutRows(collected));
    });

    it('collects a row for every entity of the subtree', async () => {
      const { service } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
      });
      expect(card.entities.map(e => e.entityRef).sort()).toEqual(
        [...subtree].sort(),
      );
      const q1 = card.entities.find(e => e.entityRef === component('q1'));
      expect(q1).toMatchObject({
        ownerRef: group('t1a'),
        stale: true,
        revision: 1,
      });
    });

    it('answers no rows when entities are left out', async () => {
      const { service } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
        entities: 'none',
      });
      expect(card.entities).toEqual([]);
    });

    it('hands a streamed sink every row, and answers none itself', async () => {
      const { service } = setup();
      const received: EntityMaturityRow[] = [];
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
        entities: async rows => {
          received.push(...rows);
        },
      });
      const collected = await service.groupScorecard('group:default/root', {
        ...all,
        direct: false,
      });
      const byRef = (rows: EntityMaturityRow[]) =>
        [...rows].sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      expect(byRef(received)).toEqual(byRef(collected.entities));
      expect(card.entities).toEqual([]);
    });

    it('counts only what the catalog lets the caller see', async () => {
      const visible = ORGANISATION.map(e => e.entityRef).filter(
        r => r !== component('q1'),
      );
      const { service } = setup(catalogOf(visible));
      const card = await service.groupScorecard('group:default/root', {
        credentials,
        visibility: { type: 'catalog' },
        direct: false,
        entities: 'none',
      });
      expect(rollUpOf(card)).toEqual(
        expectedRollUp(subtree.filter(r => r !== component('q1'))),
      );
      expect(card.children.map(c => c.components.total)).toEqual([2, 1]);
    });

    it('walks no sub-team the catalog hides from the caller, nor anything below it', async () => {
      // t1 is hidden: its components p1 and p2, and t1a's q1 below it, too.
      const visible = ORGANISATION.map(e => e.entityRef).filter(
        r => r !== group('t1'),
      );
      const { service } = setup(catalogOf(visible));
      const card = await service.groupScorecard('group:default/root', {
        credentials,
        visibility: { type: 'catalog' },
        direct: false,
      });
      expect(card.children.map(c => c.entityRef)).toEqual([group('t2')]);
      expect(card.entities.map(e => e.entityRef).sort()).toEqual(
        ['r1', 's1'].map(component),
      );
    });

    it('answers NotFoundError for a group neither the index nor the catalog knows', async () => {
      const { service } = setup();
      await expect(
        service.groupScorecard('group:default/nobody', {
          ...all,
          direct: false,
        }),
      ).rejects.toThrow(NotFoundError);
    });

    it('answers when the index last caught up with the catalog', async () => {
      const { service, indexer } = setup();
      const card = await service.groupScorecard('group:default/root', {
        ...all,
        direct: true,
      });
      expect(card.indexedAt).toBe(INDEXED_AT.toISOString());
      expect(indexer.ready).toHaveBeenCalled();
    });
  });

  describe('systemScorecard', () => {
    it('rolls up the components of a system', async () => {
      const { service } = setup();
      const card = await service.systemScorecard('system:default/shop', all);
      expect(rollUpOf(card)).toEqual(
        expectedRollUp(['p1', 'q1'].map(component)),
      );
      expect(card.children).toEqual([]);
    });
  });

  describe('domainScorecard', () => {
    it('rolls up the components of the domain’s systems', async () => {
      const { service } = setup();
      const card = await service.domainScorecard(
        'domain:default/commerce',
        all,
      );
      expect(rollUpOf(card)).toEqual(
        expectedRollUp(['p1', 'q1', 's1'].map(component)),
      );
    });

    it('counts no system the catalog hides from the caller', async () => {
      const visible = ORGANISATION.map(e => e.entityRef).filter(
        r => r !== 'system:default/shop',
      );
      const { service } = setup(catalogOf(visible));
      const card = await service.domainScorecard('domain:default/commerce', {
        credentials,
        visibility: { type: 'catalog' },
      });
      expect(card.children.map(c => c.entityRef)).toEqual([
        'system:default/ops',
      ]);
      expect(card.entities.map(e => e.entityRef)).toEqual([component('s1')]);
    });

    it('gives each system the share of its components', async () => {
      const { service } = setup();
      const card = await service.domainScorecard(
        'domain:default/commerce',
        all,
      );
      expect(card.children.map(c => [c.entityRef, c.components.total])).toEqual(
        [
          ['system:default/ops', 1],
          ['system:default/shop', 2],
        ],
      );
    });
  });
});
