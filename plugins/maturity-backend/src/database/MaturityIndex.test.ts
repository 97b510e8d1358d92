import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { group } from '../__testUtils__/fixtures';
import { defaultSummaries, insert } from '../__testUtils__/summaries';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { decodeKeyset, encodeKeyset } from '../services/cursor';
import { EntityLookup } from '../services/EntityLookup';
import { EntityRows } from '../services/EntityRows';
import { ScorecardService } from '../services/ScorecardService';
import type { SnapshotSummary } from './AssessmentStore';
import type { GoalEntity } from './indexTypes';
import { DatabaseAssessmentStore } from './DatabaseAssessmentStore';
import { toSummaryRows } from './mappers';
import {
  CatalogEntityRecord,
  IndexScope,
  MaturityIndex,
  Sort,
  SortColumn,
} from './MaturityIndex';
import { SUMMARIES } from './tables';
import { indexRecord } from '../__testUtils__/indexRecord';
import { trustedIndex } from '../__testUtils__/trustedIndex';

jest.setTimeout(180_000);

const databases = createTestDatabases();

const DIMENSIONS = defaultMaturityModel.dimensions.map(d => d.id);
const DAY = 24 * 60 * 60 * 1000;
const BASE = Date.UTC(2026, 0, 1);

const entity = indexRecord;

/** What a component's summary holds, chosen to repeat so that sorts tie. */
type Values = {
  ref: string;
  percent: number | null;
  revision: number;
  assessedAt: number;
  medians: Array<number | null>;
};

function summary(v: Values): SnapshotSummary {
  const rated = v.medians.filter((m): m is number => m !== null);
  return {
    entityRef: v.ref,
    revision: v.revision,
    entityUid: null,
    assessedAt: new Date(v.assessedAt).toISOString(),
    staleAt: new Date(v.assessedAt + 180 * DAY).toISOString(),
    percentToTarget: v.percent,
    targetSum: 0,
    gapSum: 0,
    lowestMedian: rated.length ? Math.min(...rated) : null,
    dimensionMedians: Object.fromEntries(
      DIMENSIONS.map((dimensionId, i) => [dimensionId, v.medians[i]]),
    ),
    levels: { topicLevels: [], dimensionMedians: v.medians, notApplicable: [] },
  };
}

describe.each(databases.eachSupportedId())('MaturityIndex on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store, index: new MaturityIndex(knex) };
  }

  describe('keyset paging', () => {
    // 37 components; every fourth is unassessed, the others share a few
    // values per column, so that each sort has long runs of ties.
    const COUNT = 37;
    const values = new Map<string, Values | undefined>();
    for (let i = 0; i < COUNT; i++) {
      const ref = `component:default/c-${String(i).padStart(3, '0')}`;
      values.set(
        ref,
        i % 4 === 3
          ? undefined
          : {
              ref,
              percent: [null, 0, 0.25, 0.5, 1][i % 5],
              revision: 1 + ((i * 7) % 3),
              assessedAt: BASE + ((i * 3) % 4) * DAY,
              medians: DIMENSIONS.map(
                (_, d) => [null, 0, 1, 2][(i + d * 3) % 4],
              ),
            },
      );
    }

    const valueOf = (ref: string, by: SortColumn): number | null => {
      const v = values.get(ref);
      if (!v) return null;
      if (typeof by === 'object')
        return v.medians[DIMENSIONS.indexOf(by.dimension)];
      if (by === 'percentToTarget') return v.percent;
      if (by === 'assessedAt') return v.assessedAt;
      if (by === 'revision') return v.revision;
      throw new Error(`no value for ${by}`);
    };

    /** The order the API promises: nulls last either way, ties by ref. */
    function expectedOrder(refs: string[], sort: Sort) {
      const sign = sort.order === 'asc' ? 1 : -1;
      if (sort.by === 'name') {
        return [...refs].sort((a, b) => (a < b ? -sign : sign));
      }
      return [...refs].sort((a, b) => {
        const va = valueOf(a, sort.by);
        const vb = valueOf(b, sort.by);
        if (va === null || vb === null) {
          if (va !== vb) return va === null ? 1 : -1;
        } else if (va !== vb) {
          return (va - vb) * sign;
        }
        return a < b ? -1 : 1;
      });
    }

    async function walk(
      index: MaturityIndex,
      scope: IndexScope,
      sort: Sort,
      limit: number,
    ) {
      const seen: string[] = [];
      let after;
      for (let pages = 0; pages < 100; pages++) {
        const page = await index.page(scope, undefined, sort, limit, after);
        seen.push(...page.map(r => r.entityRef));
        if (page.length < limit) return seen;
        const last = page[page.length - 1];
        // Through the cursor codec, as the keyset travels between requests.
        after = decodeKeyset(
          encodeKeyset({
            value: last.sortKey ?? null,
            ref: last.entityRef,
          }),
          sort,
        );
      }
      throw new Error('paging did not end');
    }

    const sorts: Sort[] = (
      [
        'name',
        'percentToTarget',
        'assessedAt',
        'revision',
        { dimension: DIMENSIONS[0] },
        { dimension: DIMENSIONS[3] },
      ] as SortColumn[]
    ).flatMap(by => [
      { by, order: 'asc' as const },
      { by, order: 'desc' as const },
    ]);

    // One organisation for every sort, loaded once.
    let loaded: Promise<MaturityIndex> | undefined;
    const organisation = () =>
      (loaded ??= (async () => {
        const { index, store } = await setup();
        await index.upsert([
          ...[...values.keys()].map((ref, i) =>
            entity('component', ref.split('/')[1], {
              ownerRef: `group:default/team-${i % 3}`,
            }),
          ),
          // Other kinds are not in a component scope.
          entity('system', 'c-000'),
          entity('group', 'team-0'),
        ]);
        await store.replaceSummaries(
          [...values.values()].flatMap(v => (v ? [summary(v)] : [])),
        );
        return index;
      })());

    it.each(sorts.map(s => [JSON.stringify(s), s] as const))(
      'walks every row exactly once in order, nulls last: %s',
      async (_, sort) => {
        const index = await organisation();
        const expected = expectedOrder([...values.keys()], sort);
        // The expectation itself has ties to break and nulls to put last.
        const last = expected[expected.length - 1];
        expect(sort.by === 'name' ? null : valueOf(last, sort.by)).toBeNull();
        for (const limit of [1, 4, 36, 37, 50]) {
          const walked = await walk(index, { kind: 'component' }, sort, limit);
          expect(walked).toEqual(expected);
        }
      },
    );

    it('pages within a scope and a visibility condition', async () => {
      const index = await organisation();
      const sort: Sort = { by: 'percentToTarget', order: 'desc' };
      const kept = [...values.keys()].filter((_, i) => i % 3 !== 2);
      const seen: string[] = [];
      let after;
      for (;;) {
        const page = await index.page(
          { kind: 'component' },
          q =>
            q.whereIn('e.owner_ref', [
              'group:default/team-0',
              'group:default/team-1',
            ]),
          sort,
          3,
          after,
        );
        seen.push(...page.map(r => r.entityRef));
        if (page.length < 3) break;
        const last = page[page.length - 1];
        after = { value: last.sortKey ?? null, ref: last.entityRef };
      }
      expect(seen).toEqual(expectedOrder(kept, sort));
    });
  });

  describe('group subtrees', () => {
    it('answers for a 3,000-group tree five levels deep', async () => {
      const { index } = await setup();
      // Breadth first, eight children a group: 1 + 8 + 64 + 512 + 2,415.
      const groups: CatalogEntityRecord[] = [entity('group', 'g0')];
      const depth = new Map([['group:default/g0', 0]]);
      for (let i = 1; i < 3000; i++) {
        const parent = groups[Math.floor((i - 1) / 8)];
        const row = entity('group', `g${i}`, { parentRef: parent.entityRef });
        depth.set(row.entityRef, depth.get(parent.entityRef)! + 1);
        groups.push(row);
      }
      expect(Math.max(...depth.values())).toBe(4);
      // One component per group, plus one owned by a group outside the tree.
      const components = groups.map((g, i) =>
        entity('component', `svc-${i}`, { ownerRef: g.entityRef }),
      );
      components.push(
        entity('component', 'outsider', { ownerRef: 'group:default/other' }),
      );
      await index.upsert([...groups, entity('group', 'other'), ...components]);

      const tree = await index.groupTree('group:default/g0');
      expect(tree).toHaveLength(3000);
      const all = await index.rows({
        kind: 'component',
        ownerSubtreeOf: 'group:default/g0',
      });
      expect(all).toHaveLength(3000);
      expect(
        await index.count({
          kind: 'component',
          ownerSubtreeOf: 'group:default/g0',
        }),
      ).toBe(3000);

      // The subtree of a second-level group: it, its 8 children, their 64.
      const parentOf = new Map(groups.map(g => [g.entityRef, g.parentRef]));
      const under = (ref: string, root: string): boolean =>
        ref === root ||
        (parentOf.get(ref) ? under(parentOf.get(ref)!, root) : false);
      const root = 'group:default/g3';
      const expected = groups
        .filter(g => under(g.entityRef, root))
        .map(g => g.entityRef)
        .sort();
      expect(expected.length).toBeGreaterThan(1 + 8 + 64);
      expect((await index.groupTree(root)).map(g => g.entityRef)).toEqual(
        expected,
      );
      expect(
        (await index.rows({ kind: 'component', ownerSubtreeOf: root }))
          .map(r => r.ownerRef)
          .sort(),
      ).toEqual(expected);

      // The scorecard over the whole tree answers with each top child's share.
      const catalog = catalogServiceMock({ entities: [group('g0')] });
      // Wired as in plugin.ts.
      const service = new ScorecardService({
        model: defaultMaturityModel,
        indexer: { ready: async () => new Date(BASE) },
        entities: new EntityLookup({ index, catalog, trust: trustedIndex }),
        rows: new EntityRows(defaultMaturityModel, defaultSummaries),
      });
      const card = await service.groupScorecard('group:default/g0', {
        credentials: mockCredentials.user(),
        visibility: { type: 'all' },
        direct: false,
      });
      expect(card.components.total).toBe(3000);
      expect(card.children).toHaveLength(8);
      const share = (child: string) =>
        groups.filter(g => under(g.entityRef, child)).length;
      for (const child of card.children) {
        expect(child.components.total).toBe(share(child.entityRef));
      }

      // Streamed to a client, owner by owner without holding a connection
      // between batches: the same answer.
      const streamed: string[] = [];
      const streamedCard = await service.groupScorecard('group:default/g0', {
        credentials: mockCredentials.user(),
        visibility: { type: 'all' },
        direct: false,
        entities: async rows => {
          streamed.push(...rows.map(r => r.entityRef));
        },
      });
      expect(streamed.sort()).toEqual(
        card.entities.map(e => e.entityRef).sort(),
      );
      expect({ ...streamedCard, entities: [] }).toEqual({
        ...card,
        entities: [],
      });
    });

    it('terminates on a cycle of parents, each group once', async () => {
      const { index } = await setup();
      await index.upsert([
        entity('group', 'a', { parentRef: 'group:default/c' }),
        entity('group', 'b', { parentRef: 'group:default/a' }),
        entity('group', 'c', { parentRef: 'group:default/b' }),
        entity('group', 'self', { parentRef: 'group:default/self' }),
        entity('group', 'd', { parentRef: 'group:default/self' }),
        entity('component', 'x', { ownerRef: 'group:default/a' }),
        entity('component', 'y', { ownerRef: 'group:default/c' }),
        entity('component', 'z', { ownerRef: 'group:default/d' }),
      ]);
      expect(
        (await index.groupTree('group:default/b')).map(g => g.entityRef),
      ).toEqual(['group:default/a', 'group:default/b', 'group:default/c']);
      expect(
        (
          await index.rows({
            kind: 'component',
            ownerSubtreeOf: 'group:default/b',
          })
        ).map(r => r.name),
      ).toEqual(['x', 'y']);
      expect(
        (
          await index.rows({
            kind: 'component',
            ownerSubtreeOf: 'group:default/self',
          })
        ).map(r => r.name),
      ).toEqual(['z']);
      expect(
        (await index.groupTree('group:default/self')).map(g => g.entityRef),
      ).toEqual(['group:default/d', 'group:default/self']);
    });
  });

  describe('scans', () => {
    async function withComponents(count: number, ownerCount = count) {
      const { knex, index } = await setup();
      const owners = Array.from(
        { length: ownerCount },
        (_, i) => `group:default/o${i}`,
      );
      const step = Math.floor(ownerCount / count);
      const components = Array.from({ length: count }, (_, i) =>
        entity('component', `c${i}`, { ownerRef: owners[i * step] }),
      );
      await index.upsert([
        ...components,
        entity('component', 'outsider', { ownerRef: 'group:default/other' }),
      ]);
      // Every third component assessed.
      await knex(SUMMARIES).insert(
        components
          .filter((_, i) => i % 3 === 0)
          .map(
            c =>
              toSummaryRows(
                summary({
                  ref: c.entityRef,
                  percent: 50,
                  revision: 1,
                  assessedAt: BASE,
                  medians: [1, 2, 3, null, 4],
                }),
              ).row,
          ),
      );
      return { knex, index, owners };
    }

    it('hands a scope over once, in batches, with its summaries', async () => {
      // More owners than SQLite binds (32,766): they travel as one value.
      const { index, owners } = await withComponents(450, 40_000);
      const batches = [];
      for await (const batch of index.scan(
        { kind: 'component', ownerIn: owners },
        undefined,
        100,
      )) {
        batches.push(batch);
      }
      expect(batches.map(b => b.length)).toEqual([100, 100, 100, 100, 50]);
      const rows = batches.flat();
      expect(new Set(rows.map(r => r.entityRef)).size).toBe(450);
      expect(rows.some(r => r.name === 'outsider')).toBe(false);
      const assessed = rows.filter(r => r.summary);
      expect(assessed.map(r => r.name).sort()).toEqual(
        Array.from({ length: 150 }, (_, i) => `c${i * 3}`).sort(),
      );
      expect(assessed[0].summary!.dimensionMedians).toEqual([1, 2, 3, null, 4]);
    });

    it('hands each entity of a scope to a visitor as the scan has it, with the visibility condition', async () => {
      const { index, owners } = await withComponents(450);
      const scope = { kind: 'component', ownerIn: owners };
      const scanned: GoalEntity[] = [];
      for await (const batch of index.scan(scope, undefined, 100, 'goals')) {
        scanned.push(...batch);
      }
      const visited: typeof scanned = [];
      await index.each(scope, undefined, 'goals', e => visited.push(e));
      const byRef = (a: { entityRef: string }, b: { entityRef: string }) =>
        a.entityRef < b.entityRef ? -1 : 1;
      expect(visited.sort(byRef)).toEqual(scanned.sort(byRef));
      expect(visited).toHaveLength(450);
      expect(visited.filter(e => e.summary)).toHaveLength(150);

      // A goals read of some levels: those, where the whole read has them.
      const levels = { topics: [0, 2], dimensions: [1, 4] };
      const some: typeof scanned = [];
      await index.each(scope, undefined, 'goals', e => some.push(e), levels);
      const at = (list: Array<number | null>, positions: number[]) =>
        positions.map(p => list[p] ?? null);
      const picked = (entities: typeof scanned) =>
        entities.sort(byRef).map(({ summary: read, ...rest }) => ({
          ...rest,
          summary: read && {
            assessedAtMs: read.assessedAtMs,
            topics: at(read.topicLevels, levels.topics),
            dimensions: at(read.dimensionMedians, levels.dimensions),
          },
        }));
      expect(picked(some)).toEqual(picked(scanned));
      expect(picked(some).flatMap(e => e.summary?.dimensions ?? [])).toContain(
        4,
      );
      expect(some.find(e => e.summary)!.summary!.dimensionMedians[0]).toBe(
        undefined,
      );

      const own: string[] = [];
      await index.each(
        scope,
        e => e.where('e.owner_ref', owners[4]),
        'entity',
        e => own.push(e.name),
      );
      expect(own).toEqual(['c4']);
    });

    it('keeps to the visibility condition', async () => {
      const { index, owners } = await withComponents(20);
      const rows = [];
      for await (const batch of index.scan(
        { kind: 'component', ownerIn: owners },
        e => e.where('e.owner_ref', owners[4]),
        100,
      )) {
        rows.push(...batch);
      }
      expect(rows.map(r => r.name)).toEqual(['c4']);
    });

    it('lets go of its connection when left after the first batch', async () => {
      const { knex, index } = await withComponents(50);
      for await (const batch of index.scan(
        { kind: 'component' },
        undefined,
        10,
      )) {
        expect(batch).toHaveLength(10);
        break;
      }
      // SQLite has one connection: a scan that kept it would stall this.
      expect(await index.count({ kind: 'component' })).toBe(51);
      // PostgreSQL has more: a scan that kept its cursor would be seen.
      const openTransactions =
        knex.client.dialect === 'postgresql'
          ? Number(
              (
                await knex.raw(
                  `SELECT count(*) AS n FROM pg_stat_activity
                   WHERE datname = current_database()
                   AND state LIKE 'idle in transaction%'`,
                )
              ).rows[0].n,
            )
          : 0;
      expect(openTransactions).toBe(0);
    });
  });

  describe('scopes', () => {
    let loaded: Promise<MaturityIndex> | undefined;
    const organisation = () => (loaded ??= load());
    async function load() {
      const { index, store } = await setup();
      await index.upsert([
        entity('domain', 'commerce'),
        entity('system', 'shop', { domainRef: 'domain:default/commerce' }),
        entity('system', 'ops', { domainRef: null }),
        entity('component', 'api', {
          ownerRef: 'group:default/payments',
          systemRef: 'system:default/shop',
          lifecycle: 'Production',
        }),
        entity('component', 'ledger', {
          ownerRef: 'group:default/payments',
          systemRef: 'system:default/shop',
          lifecycle: 'experimental',
        }),
        entity('component', 'web', {
          ownerRef: 'group:default/storefront',
          systemRef: 'system:default/shop',
          lifecycle: 'production',
        }),
        entity('component', 'infra', {
          ownerRef: 'group:default/platform',
          systemRef: 'system:default/ops',
          lifecycle: 'PRODUCTION',
        }),
        entity('component', 'bare'),
      ]);
      const base = {
        baseRevision: 0,
        modelId: 'cnmm',
        modelVersion: '4.0',
        createdBy: 'user:default/sam',
        ownerRef: null,
        systemRef: null,
        lifecycle: null,
        entityUid: null,
        targets: {},
        notes: {},
        evidence: {},
        comment: null,
      };
      const everywhere = (level: number) =>
        Object.fromEntries(
          defaultMaturityModel.dimensions.flatMap(d =>
            d.topics.map(t => [
              t.id,
              Object.fromEntries(
                Array.from({ length: level }, (_, i) => [
                  String(i + 1),
                  'fully' as const,
                ]),
              ),
            ]),
          ),
        );
      // Every dimension median: api 2, ledger 3, web 1; infra and bare are
      // unassessed.
      await insert(store, {
        ...base,
        entityRef: 'component:default/api',
        ratings: everywhere(2),
      });
      await insert(store, {
        ...base,
        entityRef: 'component:default/ledger',
        ratings: everywhere(3),
      });
      await insert(store, {
        ...base,
        entityRef: 'component:default/web',
        ratings: everywhere(1),
      });
      return index;
    }

    it.each<[string, IndexScope, string[]]>([
      [
        'kind only',
        { kind: 'component' },
        ['api', 'bare', 'infra', 'ledger', 'web'],
      ],
      ['kind system', { kind: 'system' }, ['ops', 'shop']],
      [
        'an owner',
        { kind: 'component', owner: 'group:default/payments' },
        ['api', 'ledger'],
      ],
      [
        'a system',
        { kind: 'component', system: 'system:default/ops' },
        ['infra'],
      ],
      [
        'a domain (systems)',
        { kind: 'system', domain: 'domain:default/commerce' },
        ['shop'],
      ],
      [
        'a domain (components of its systems)',
        { kind: 'component', systemInDomain: 'domain:default/commerce' },
        ['api', 'ledger', 'web'],
      ],
      [
        'a lifecycle in any case',
        { kind: 'component', lifecycle: 'production' },
        ['api', 'infra', 'web'],
      ],
      [
        'a lifecycle spelled otherwise',
        { kind: 'component', lifecycle: 'ProDuction' },
        ['api', 'infra', 'web'],
      ],
      [
        'minLevel 1',
        { kind: 'component', minLevel: 1 },
        ['api', 'ledger', 'web'],
      ],
      ['minLevel 2', { kind: 'component', minLevel: 2 }, ['api', 'ledger']],
      ['minLevel 3', { kind: 'component', minLevel: 3 }, ['ledger']],
      ['minLevel 4', { kind: 'component', minLevel: 4 }, []],
      [
        'owner, lifecycle and minLevel together',
        {
          kind: 'component',
          owner: 'group:default/payments',
          lifecycle: 'PRODUCTION',
          minLevel: 2,
        },
        ['api'],
      ],
    ])('scopes rows, counts and pages by %s', async (_, scope, names) => {
      const index = await organisation();
      expect((await index.rows(scope)).map(r => r.name)).toEqual(names);
      expect(await index.count(scope)).toBe(names.length);
      expect(
        (
          await index.page(scope, undefined, { by: 'name', order: 'asc' }, 50)
        ).map(r => r.name),
      ).toEqual(names);
      expect(
        (await index.rowsAfter(scope, undefined, undefined, 50)).map(
          r => r.name,
        ),
      ).toEqual(names);
    });
  });

  describe('catalog table reads', () => {
    // Assessed 200 days before NOW: stale (after 180 days); 10 days: current.
    const NOW = new Date(BASE + 400 * DAY);
    const OLD = BASE + 200 * DAY;
    const RECENT = BASE + 390 * DAY;
    const medians = (level: number | null) => DIMENSIONS.map(() => level);
    let loaded: Promise<MaturityIndex> | undefined;
    const organisation = () =>
      (loaded ??= (async () => {
        const { index, store } = await setup();
        await index.upsert([
          entity('component', 'api', { ownerRef: 'group:default/payments' }),
          entity('component', 'ledger', {
            ownerRef: 'group:default/payments',
          }),
          entity('component', 'web', { ownerRef: 'group:default/storefront' }),
          entity('component', 'bare', { ownerRef: 'group:default/payments' }),
          entity('component', 'unrated'),
          entity('system', 'shop'),
        ]);
        await store.replaceSummaries([
          summary({
            ref: 'component:default/api',
            percent: 0.5,
            revision: 3,
            assessedAt: RECENT,
            medians: [1, 3, 2, null, 4],
          }),
          summary({
            ref: 'component:default/ledger',
            percent: 1,
            revision: 1,
            assessedAt: OLD,
            medians: medians(3),
          }),
          summary({
            ref: 'component:default/web',
            percent: 0,
            revision: 2,
            assessedAt: RECENT,
            medians: medians(4),
          }),
          summary({
            ref: 'component:default/unrated',
            percent: null,
            revision: 1,
            assessedAt: OLD,
            medians: medians(null),
          }),
          // A summary left behind by an entity no longer indexed.
          summary({
            ref: 'component:default/gone',
            percent: 1,
            revision: 1,
            assessedAt: RECENT,
            medians: medians(5),
          }),
        ]);
        return index;
      })());

    it('reads the summaries of some refs in one go, unassessed ones empty', async () => {
      const index = await organisation();
      const found = await index.summariesOf([
        'component:default/web',
        'component:default/api',
        'component:default/bare',
        'component:default/gone',
        'component:default/nowhere',
      ]);
      expect([...found.keys()].sort()).toEqual([
        'component:default/api',
        'component:default/bare',
        'component:default/web',
      ]);
      const api = found.get('component:default/api')!;
      expect([api.summary?.revision, api.summary?.lowestMedian]).toEqual([
        3, 1,
      ]);
      // Unassessed: no summary at all (no revision, times or lowest median).
      expect(found.get('component:default/bare')).toMatchObject({
        summary: null,
      });
    });

    it('keeps to the visibility condition', async () => {
      const index = await organisation();
      const found = await index.summariesOf(
        ['component:default/api', 'component:default/web'],
        q => q.where('e.owner_ref', 'group:default/payments'),
      );
      expect([...found.keys()]).toEqual(['component:default/api']);
    });

    it.each<[string, { minLevel?: number; stale?: boolean }, string[]]>([
      ['every assessed', {}, ['api', 'ledger', 'unrated', 'web']],
      ['minLevel 1', { minLevel: 1 }, ['api', 'ledger', 'web']],
      ['minLevel 3', { minLevel: 3 }, ['ledger', 'web']],
      ['minLevel 5', { minLevel: 5 }, []],
      ['stale', { stale: true }, ['ledger', 'unrated']],
      ['current', { stale: false }, ['api', 'web']],
      ['stale at minLevel 3', { minLevel: 3, stale: true }, ['ledger']],
    ])('lists the assessed refs: %s', async (_, filter, names) => {
      const index = await organisation();
      expect(await index.assessedRefs({ ...filter, now: NOW })).toEqual(
        names.map(n => `component:default/${n}`),
      );
    });

    it('lists only assessed refs that meet the visibility condition', async () => {
      const index = await organisation();
      expect(
        await index.assessedRefs({ now: NOW }, q =>
          q.where('e.owner_ref', 'group:default/storefront'),
        ),
      ).toEqual(['component:default/web']);
    });
  });
});
