import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { SnapshotSummary } from '../database/AssessmentStore';
import { criteriaToSql } from '../database/criteriaToSql';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { IndexedEntity, MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { VisibleIndex } from './VisibleIndex';
import { indexRecord } from '../__testUtils__/indexRecord';
import { trustedIndex } from '../__testUtils__/trustedIndex';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/sam');
const NOW = new Date('2026-07-01T00:00:00.000Z');
const DIMENSIONS = defaultMaturityModel.dimensions.map(d => d.id);

const ref = (kind: string, name: string) => `${kind}:default/${name}`;
const component = (name: string) => ref('component', name);
const group = (name: string) => ref('group', name);

const record = indexRecord;

function snapshot(entityRef: string, level: number, staleAt: string) {
  return {
    entityRef,
    revision: 1,
    assessedAt: '2026-01-01T00:00:00.000Z',
    staleAt,
    percentToTarget: 0.5,
    targetSum: 2,
    gapSum: 1,
    lowestMedian: level,
    dimensionMedians: Object.fromEntries(DIMENSIONS.map(d => [d, level])),
    levels: {
      topicLevels: [level],
      dimensionMedians: DIMENSIONS.map(() => level),
      notApplicable: [],
    },
    entityUid: null,
  } satisfies SnapshotSummary;
}

const CURRENT = '2026-12-01T00:00:00.000Z';
const STALE = '2026-03-01T00:00:00.000Z';

/** b is below a. a1 (2, current), b1 (1, stale), c1 (3, current) are assessed. */
const ORGANISATION = [
  record('group', 'a'),
  record('group', 'b', { parentRef: group('a') }),
  record('group', 'c'),
  record('system', 'shop'),
  record('component', 'a1', { ownerRef: group('a') }),
  record('component', 'a2', { ownerRef: group('a') }),
  record('component', 'b1', { ownerRef: group('b') }),
  record('component', 'c1', { ownerRef: group('c') }),
  record('component', 'x1'),
];
const COMPONENTS = ['a1', 'a2', 'b1', 'c1', 'x1'].map(component);

/** A catalog that returns to the caller only the refs in `visible`. */
function catalogOf(visible: Iterable<string>) {
  const seen = new Set(visible);
  return catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
      items: request.entityRefs.map(r => {
        if (!seen.has(r)) return undefined;
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

const ownerA = criteriaToSql({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims: ['group:default/a'] },
})!;

const refsOf = (rows: IndexedEntity[]) => rows.map(r => r.entityRef);

async function drain(batches: AsyncIterable<IndexedEntity[]>) {
  const rows: IndexedEntity[] = [];
  for await (const batch of batches) rows.push(...batch);
  return refsOf(rows).sort();
}

describe.each(databases.eachSupportedId())('VisibleIndex on %p', id => {
  let index: MaturityIndex;
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    index = new MaturityIndex(knex);
    await index.upsert(ORGANISATION);
    await store.replaceSummaries([
      snapshot(component('a1'), 2, CURRENT),
      snapshot(component('b1'), 1, STALE),
      snapshot(component('c1'), 3, CURRENT),
    ]);
  });

  afterEach(() => jest.restoreAllMocks());

  const visibleIndex = (
    visibility: Visibility,
    catalog = catalogOf(ORGANISATION.map(e => e.entityRef)),
  ) =>
    new VisibleIndex(index, catalog, { credentials, visibility }, trustedIndex);

  describe('none', () => {
    const scope = { kind: 'component' };
    it.each<[string, (v: VisibleIndex) => Promise<unknown>, unknown]>([
      ['find', v => v.find(component('a1')), undefined],
      ['rows', v => v.rows(scope), []],
      ['filterRefs', v => v.filterRefs(COMPONENTS), []],
      ['summariesOf', v => v.summariesOf(COMPONENTS), new Map()],
      ['assessedRefs', v => v.assessedRefs({ now: NOW }), []],
      [
        'page',
        v => v.page(scope, { by: 'name', order: 'asc' }, 10),
        { rows: [], totalCount: 0 },
      ],
      [
        'batches',
        v => drain(v.batches({ ...scope, ownerSubtreeOf: group('a') })),
        [],
      ],
    ])('answers %s with nothing and asks no one', async (_, read, empty) => {
      const catalog = catalogOf(COMPONENTS);
      const queries = jest.fn();
      knex.on('query', queries);
      try {
        await expect(
          read(visibleIndex({ type: 'none' }, catalog)),
        ).resolves.toEqual(empty);
      } finally {
        knex.removeListener('query', queries);
      }
      expect(queries).not.toHaveBeenCalled();
      expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
    });
  });

  const NEW = component('new');
  // The catalog knows an entity not indexed yet, and under a catalog
  // decision hides a2 and b1 from the caller.
  const shown = [...ORGANISATION.map(e => e.entityRef), NEW].filter(
    r => r !== component('a2') && r !== component('b1'),
  );
  const kinds = {
    all: () => visibleIndex({ type: 'all' }, catalogOf([...COMPONENTS, NEW])),
    sql: () =>
      visibleIndex(
        { type: 'sql', condition: ownerA },
        catalogOf([component('a1'), component('a2'), NEW]),
      ),
    catalog: () => visibleIndex({ type: 'catalog' }, catalogOf(shown)),
  };
  type Kind = keyof typeof kinds;
  const names = (...n: string[]) => n.map(component);

  it.each<[Kind, string[]]>([
    ['all', COMPONENTS],
    ['sql', names('a1', 'a2')],
    ['catalog', names('a1', 'c1', 'x1')],
  ])(
    'reads the visible rows of a scope in ref order (%s)',
    async (kind, expected) => {
      expect(refsOf(await kinds[kind]().rows({ kind: 'component' }))).toEqual(
        expected,
      );
    },
  );

  it.each<[Kind, string[]]>([
    ['all', names('x1', 'nope', 'a2', 'a1')],
    ['sql', names('a2', 'a1')],
    ['catalog', names('x1', 'a1')],
  ])(
    'keeps the visible refs in the order asked (%s)',
    async (kind, expected) => {
      expect(
        await kinds[kind]().filterRefs(names('x1', 'nope', 'a2', 'a1')),
      ).toEqual(expected);
    },
  );

  it.each<[Kind, string[]]>([
    ['all', names('a1', 'a2', 'b1', 'new')],
    ['sql', names('a1', 'a2', 'new')],
    ['catalog', names('a1', 'new')],
  ])(
    'answers summaries of the visible refs, indexed or not (%s)',
    async (kind, expected) => {
      const visible = await kinds[kind]().summariesOf(
        names('a1', 'a2', 'b1', 'new', 'gone'),
      );
      expect([...visible.keys()]).toEqual(expected);
      expect(visible.get(component('a1'))?.summary?.lowestMedian).toBe(2);
      expect(visible.get(NEW)).toBeUndefined();
    },
  );

  it('answers an indexed entity without a snapshot with a null summary', async () => {
    const visible = await kinds.all().summariesOf(names('a2'));
    expect(visible.get(component('a2'))?.summary).toBeNull();
  });

  it('asks the catalog only about refs the index does not hold (all)', async () => {
    const catalog = catalogOf([NEW]);
    await visibleIndex({ type: 'all' }, catalog).summariesOf(
      names('a1', 'new', 'gone'),
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs.mock.calls[0][0].entityRefs).toEqual(
      names('new', 'gone'),
    );
  });

  it.each<[Kind, string[]]>([
    ['all', names('a1', 'b1', 'c1')],
    ['sql', names('a1')],
    ['catalog', names('a1', 'c1')],
  ])('answers the visible assessed refs (%s)', async (kind, expected) => {
    expect(await kinds[kind]().assessedRefs({ now: NOW })).toEqual(expected);
  });

  it('answers assessed refs by staleness and level at the time given', async () => {
    const v = kinds.all();
    expect(await v.assessedRefs({ now: NOW, stale: true })).toEqual(
      names('b1'),
    );
    expect(await v.assessedRefs({ now: NOW, minLevel: 2 })).toEqual(
      names('a1', 'c1'),
    );
  });

  it.each<[Kind, string[], number]>([
    ['all', names('a1', 'a2'), 5],
    ['sql', names('a1', 'a2'), 2],
    ['catalog', names('a1', 'c1'), 3],
  ])(
    'pages the visible rows with their count (%s)',
    async (kind, expected, count) => {
      const page = await kinds[kind]().page(
        { kind: 'component' },
        { by: 'name', order: 'asc' },
        2,
      );
      expect(refsOf(page.rows).slice(0, 2)).toEqual(expected);
      expect(page.totalCount).toBe(count);
    },
  );

  it.each<[Kind, string[]]>([
    ['all', names('a2', 'b1', 'c1', 'x1')],
    ['sql', names('a2')],
    ['catalog', names('c1', 'x1')],
  ])('pages on after a keyset (%s)', async (kind, expected) => {
    const after = { value: null, ref: component('a1') };
    const page = await kinds[kind]().page(
      { kind: 'component' },
      { by: 'name', order: 'asc' },
      9,
      after,
    );
    expect(refsOf(page.rows)).toEqual(expected);
  });

  it.each<[Kind, boolean, string[]]>([
    ['all', true, names('a1', 'a2', 'b1')],
    ['all', false, names('a1', 'a2', 'b1')],
    ['sql', true, names('a1', 'a2')],
    ['sql', false, names('a1', 'a2')],
    ['catalog', true, names('a1')],
    ['catalog', false, names('a1')],
  ])(
    'hands over the visible rows of a subtree in batches (%s, fast: %p)',
    async (kind, fast, expected) => {
      const scope = { kind: 'component', ownerSubtreeOf: group('a') };
      expect(await drain(kinds[kind]().batches(scope, { fast }))).toEqual(
        expected,
      );
    },
  );

  it('finds an indexed entity, not an unknown one (all)', async () => {
    expect((await kinds.all().find(component('b1')))?.ownerRef).toBe(
      group('b'),
    );
    expect(await kinds.all().find(component('nope'))).toBeUndefined();
  });

  it('finds an entity that meets the condition, not one that does not (sql)', async () => {
    expect((await kinds.sql().find(component('a1')))?.entityRef).toBe(
      component('a1'),
    );
    expect(await kinds.sql().find(component('c1'))).toBeUndefined();
  });

  it('leaves find to the catalog, reading nothing (catalog)', async () => {
    const find = jest.spyOn(index, 'find');
    expect(await kinds.catalog().find(component('a1'))).toBeUndefined();
    expect(find).not.toHaveBeenCalled();
  });

  it('never asks the catalog about rows the index can decide (sql)', async () => {
    const catalog = catalogOf([]);
    const v = visibleIndex({ type: 'sql', condition: ownerA }, catalog);
    await v.rows({ kind: 'component' });
    await v.page({ kind: 'component' }, { by: 'name', order: 'asc' }, 5);
    await drain(v.batches({ kind: 'component' }));
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('asks the catalog with the caller’s credentials for kind and name only', async () => {
    const catalog = catalogOf(shown);
    await visibleIndex({ type: 'catalog' }, catalog).rows({
      kind: 'component',
    });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: COMPONENTS, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
  });
});

describe.each(databases.eachSupportedId())(
  'VisibleIndex at scale on %p',
  id => {
    // 1,201 components of one big team, 3 of a small one below it.
    const BIG = 1201;
    const names = Array.from(
      { length: BIG },
      (_, i) => `s${String(i).padStart(4, '0')}`,
    );
    let index: MaturityIndex;

    beforeAll(async () => {
      const knex = await databases.init(id);
      await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      index = new MaturityIndex(knex);
      await index.upsert([
        record('group', 'big'),
        record('group', 'small', { parentRef: group('big') }),
        ...names.map(n => record('component', n, { ownerRef: group('big') })),
        ...['t1', 't2', 't3'].map(n =>
          record('component', n, { ownerRef: group('small') }),
        ),
      ]);
    });

    const hidden = (r: string) => Number(r.slice(-4)) % 3 === 0;
    const catalog = () =>
      catalogOf(names.map(component).filter(r => !hidden(r)));

    it('asks the catalog in batches of 500 refs', async () => {
      const fake = catalog();
      const v = new VisibleIndex(
        index,
        fake,
        {
          credentials,
          visibility: { type: 'catalog' },
        },
        trustedIndex,
      );
      const rows = await v.rows({ kind: 'component', owner: group('big') });
      expect(
        fake.getEntitiesByRefs.mock.calls.map(([r]) => r.entityRefs.length),
      ).toEqual([500, 500, 201]);
      expect(rows).toHaveLength(
        names.filter(n => !hidden(component(n))).length,
      );
    });

    it.each<Visibility['type']>(['all', 'catalog'])(
      'hands over a subtree larger than a batch each row once (%s)',
      async type => {
        const v = new VisibleIndex(
          index,
          catalogOf([
            ...[...names, 't1', 't2', 't3'].map(component),
            ...['big', 'small'].map(group),
          ]),
          {
            credentials,
            visibility: type === 'all' ? { type } : { type: 'catalog' },
          },
          trustedIndex,
        );
        const seen = await drain(
          v.batches({ kind: 'component', ownerSubtreeOf: group('big') }),
        );
        expect(seen).toEqual(
          [...names, 't1', 't2', 't3'].map(component).sort(),
        );
      },
    );

    it('reads on past a whole batch of hidden rows to fill a catalog page', async () => {
      // The first 1,100 components by name are hidden: more than one batch.
      const v = new VisibleIndex(
        index,
        catalogOf(names.slice(1100).map(component)),
        {
          credentials,
          visibility: { type: 'catalog' },
        },
        trustedIndex,
      );
      const page = await v.page(
        { kind: 'component', owner: group('big') },
        { by: 'name', order: 'asc' },
        3,
      );
      expect(refsOf(page.rows).slice(0, 3)).toEqual(
        ['s1100', 's1101', 's1102'].map(component),
      );
      expect(page.totalCount).toBe(BIG - 1100);
    });
  },
);
