import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultMaturityModel,
  EntityMaturityExportRow,
} from '@cnmm/backstage-plugin-maturity-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { criteriaToSql } from '../database/criteriaToSql';
import type { SnapshotSummary } from '../database/AssessmentStore';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { CatalogEntityRecord, MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { OverviewQuery, OverviewService } from './OverviewService';
import { Summaries } from './Summaries';
import { trustedIndex } from '../__testUtils__/trustedIndex';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = defaultMaturityModel;
const DIMENSIONS = model.dimensions.map(d => d.id);
const TOPIC_COUNT = model.dimensions.flatMap(d => d.topics).length;
const credentials = mockCredentials.user('user:default/sam');
const NOW = new Date('2026-07-01T00:00:00.000Z');
const INDEXED_AT = new Date('2026-06-30T23:50:00.000Z');
const rows = new EntityRows(
  model,
  new Summaries(model, { strict: false, staleAfterDays: 180, targets: {} }),
);

const component = (i: number) =>
  `component:default/c${String(i).padStart(2, '0')}`;
const COUNT = 13;
const REFS = Array.from({ length: COUNT }, (_, i) => component(i));

function record(entityRef: string, ownerRef: string): CatalogEntityRecord {
  const { kind, name } = parseEntityRef(entityRef);
  return {
    entityRef,
    kind,
    namespace: 'default',
    name,
    title: null,
    ownerRef,
    systemRef: null,
    domainRef: null,
    lifecycle: null,
    parentRef: null,
    etag: null,
  };
}

/** Every third unassessed; percents and levels repeat, so that sorts tie. */
function snapshot(i: number): SnapshotSummary | undefined {
  if (i % 3 === 2) return undefined;
  const level = i % 4;
  return {
    entityRef: component(i),
    revision: 1 + (i % 2),
    entityUid: null,
    assessedAt: '2026-06-01T00:00:00.000Z',
    staleAt:
      i % 5 === 0 ? '2026-06-02T00:00:00.000Z' : '2026-12-01T00:00:00.000Z',
    percentToTarget: [null, 0.5, 0.25][i % 3],
    targetSum: 4,
    gapSum: 2,
    lowestMedian: level,
    dimensionMedians: Object.fromEntries(DIMENSIONS.map(d => [d, level])),
    levels: {
      topicLevels: Array.from({ length: TOPIC_COUNT }, () => level),
      dimensionMedians: DIMENSIONS.map(() => level),
      notApplicable: [],
    },
  };
}

/** A catalog that returns to the caller only the refs in `visible`. */
function catalogOf(visible: string[]) {
  return catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
      items: request.entityRefs.map(r => {
        if (!visible.includes(r)) return undefined;
        const { kind, name } = parseEntityRef(r);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind,
          metadata: { name },
        };
      }),
    })),
  });
}

describe.each(databases.eachSupportedId())('OverviewService on %p', id => {
  let index: MaturityIndex;

  beforeAll(async () => {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    index = new MaturityIndex(knex);
    await index.upsert([
      ...REFS.map((ref, i) => record(ref, `group:default/team-${i % 2}`)),
      record('system:default/shop', 'group:default/team-0'),
    ]);
    await store.replaceSummaries(REFS.flatMap((_, i) => snapshot(i) ?? []));
  });

  function setup(catalog = catalogOf(REFS)) {
    const indexer = { ready: jest.fn(async () => INDEXED_AT) };
    const service = new OverviewService({
      model,
      indexer,
      entities: new EntityLookup({ index, catalog, trust: trustedIndex }),
      rows,
      now: () => NOW,
    });
    return { service, indexer, catalog };
  }

  const caller = (visibility: Visibility) => ({ credentials, visibility });
  const all = caller({ type: 'all' });

  async function walk(
    service: OverviewService,
    query: Omit<OverviewQuery, 'cursor'>,
    visibility: Visibility = { type: 'all' },
  ) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await service.overview(
        { ...query, cursor },
        caller(visibility),
      );
      expect(page.items.length).toBeLessThanOrEqual(query.limit);
      seen.push(...page.items.map(r => r.entityRef));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
    }
    throw new Error('paging did not end');
  }

  describe('overview', () => {
    it.each([
      ['name', 'asc'],
      ['percentToTarget', 'desc'],
      ['revision', 'asc'],
      [DIMENSIONS[0], 'desc'],
    ] as const)('pages by %s %s, each row once', async (sortBy, order) => {
      const { service } = setup();
      for (const limit of [1, 2, 5, COUNT]) {
        const seen = await walk(service, { sortBy, order, limit });
        expect([...seen].sort()).toEqual(REFS);
      }
    });

    it('keeps nulls last and ties in ref order', async () => {
      const { service } = setup();
      const seen = await walk(service, {
        sortBy: 'percentToTarget',
        order: 'desc',
        limit: 4,
      });
      const percent = (ref: string) =>
        snapshot(REFS.indexOf(ref))?.percentToTarget ?? null;
      const halves = seen.filter(r => percent(r) === 0.5);
      expect(halves).toEqual([...halves].sort());
      expect(seen.slice(0, halves.length)).toEqual(halves);
      expect(percent(seen[seen.length - 1])).toBeNull();
    });

    it('pages each visible row once under a catalog decision', async () => {
      const visible = REFS.filter((_, i) => i % 4 !== 1);
      const { service } = setup(catalogOf(visible));
      const seen = await walk(
        service,
        { sortBy: 'percentToTarget', order: 'asc', limit: 2 },
        { type: 'catalog' },
      );
      expect([...seen].sort()).toEqual(visible);
    });

    it('answers the count of the whole filtered scope and when it was indexed', async () => {
      const { service } = setup();
      const page = await service.overview(
        { owner: 'team-1', sortBy: 'name', order: 'asc', limit: 2 },
        all,
      );
      expect(page.totalCount).toBe(6);
      expect(page.items.map(r => r.ownerRef)).toEqual([
        'group:default/team-1',
        'group:default/team-1',
      ]);
      expect(page.indexedAt).toBe(INDEXED_AT.toISOString());
    });

    it('answers no cursor on the last page', async () => {
      const { service } = setup();
      const page = await service.overview(
        { sortBy: 'name', order: 'asc', limit: COUNT },
        all,
      );
      expect(page.items).toHaveLength(COUNT);
      expect(page.nextCursor).toBeNull();
    });

    it('answers InputError for a sortBy that is no field or dimension, reading nothing', async () => {
      const { service, indexer } = setup();
      await expect(
        service.overview({ sortBy: 'owner', order: 'asc', limit: 2 }, all),
      ).rejects.toThrow(InputError);
      expect(indexer.ready).not.toHaveBeenCalled();
    });

    it('answers InputError for a malformed cursor', async () => {
      const { service } = setup();
      await expect(
        service.overview(
          { sortBy: 'name', order: 'asc', limit: 2, cursor: 'x' },
          all,
        ),
      ).rejects.toThrow(InputError);
    });

    it('answers an empty page to a caller who may see nothing', async () => {
      const { service } = setup();
      const page = await service.overview(
        { sortBy: 'name', order: 'asc', limit: 2 },
        caller({ type: 'none' }),
      );
      expect(page).toMatchObject({
        items: [],
        totalCount: 0,
        nextCursor: null,
      });
    });
  });

  describe('catalogRows', () => {
    it('answers in the order asked, null for the hidden and the unknown', async () => {
      const { service } = setup(
        catalogOf(REFS.filter(r => r !== component(3))),
      );
      const { items: answer } = await service.catalogRows(
        [
          component(4),
          'Component:Default/C03',
          'component:default/nope',
          component(0),
          component(2),
          component(4),
        ],
        caller({ type: 'catalog' }),
      );
      expect(answer.map(r => r && [r.entityRef, r.assessed])).toEqual([
        [component(4), true],
        null,
        null,
        [component(0), true],
        [component(2), false],
        [component(4), true],
      ]);
    });

    it('answers a row with the level and staleness of the latest snapshot', async () => {
      const { service } = setup();
      const {
        items: [row],
      } = await service.catalogRows([component(10)], all);
      expect(row).toEqual({
        entityRef: component(10),
        assessed: true,
        level: 2,
        stale: true,
        assessedAt: '2026-06-01T00:00:00.000Z',
        revision: 1,
      });
    });

    it('answers only nulls to a caller who may see nothing, reading nothing', async () => {
      const { service, indexer } = setup();
      await expect(
        service.catalogRows(
          [component(0), component(1)],
          caller({ type: 'none' }),
        ),
      ).resolves.toEqual({ items: [null, null] });
      expect(indexer.ready).not.toHaveBeenCalled();
    });
  });

  describe('assessedRefs', () => {
    it('answers the assessed refs at the service’s clock', async () => {
      const { service } = setup();
      const stale = await service.assessedRefs({ stale: true }, all);
      // c05 would be stale too, but has no snapshot.
      expect(stale).toEqual([0, 10].map(component));
    });

    it('answers nothing to a caller who may see nothing', async () => {
      const { service } = setup();
      await expect(
        service.assessedRefs({}, caller({ type: 'none' })),
      ).resolves.toEqual([]);
    });
  });

  describe('exportRows', () => {
    it('yields every filtered row with its topic levels', async () => {
      const { service } = setup();
      const exported: EntityMaturityExportRow[] = [];
      const exports = service.exportRows(
        { owner: 'group:default/team-0' },
        all,
      );
      for await (const batch of exports.rows) {
        exported.push(...batch);
      }
      expect(exported.map(r => r.entityRef)).toEqual(
        REFS.filter((_, i) => i % 2 === 0),
      );
      const c04 = exported.find(r => r.entityRef === component(4))!;
      expect(Object.values(c04.topics).every(level => level === 0)).toBe(true);
    });

    it('answers InputError for a malformed filter ref', async () => {
      const { service } = setup();
      const exports = service.exportRows({ owner: 'group:' }, all);
      await expect(exports.rows.next()).rejects.toThrow(InputError);
    });
  });

  describe('filters on groups, systems and domains', () => {
    // Components only: the system shop and every group are hidden.
    const componentsOnly = caller({
      type: 'sql',
      condition: criteriaToSql({
        rule: 'IS_ENTITY_KIND',
        resourceType: 'catalog-entity',
        params: { kinds: ['component'] },
      })!,
    });
    const page = { sortBy: 'name', order: 'asc', limit: 5 } as const;

    it.each([
      ['a system', { system: 'shop' }],
      ['a group', { group: 'team-0' }],
      ['a domain', { domain: 'commerce' }],
    ])(
      'answers 404 to %s the caller cannot see, in pages, exports and below target',
      async (_, filter) => {
        const { service } = setup();
        await expect(
          service.overview({ ...page, ...filter }, componentsOnly),
        ).rejects.toThrow(NotFoundError);
        await expect(
          service.exportRows(filter, componentsOnly).rows.next(),
        ).rejects.toThrow(NotFoundError);
        await expect(
          service.belowTarget(filter, { limit: 5 }, componentsOnly),
        ).rejects.toThrow(NotFoundError);
      },
    );

    it('answers a visible system’s page', async () => {
      const { service } = setup();
      await expect(
        service.overview({ ...page, system: 'shop' }, all),
      ).resolves.toMatchObject({ totalCount: 0 });
    });
  });
});
