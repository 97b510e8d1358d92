import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { GetEntitiesByRefsRequest } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogConditions as c } from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { indexRecord as record } from '../__testUtils__/indexRecord';
import { trustedIndex } from '../__testUtils__/trustedIndex';
import { criteriaToSql } from '../database/criteriaToSql';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { IndexedEntity, MaturityIndex } from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { IndexTrust, VisibleIndex } from './VisibleIndex';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const credentials = mockCredentials.user('user:default/sam');
const ref = (kind: string, name: string) => `${kind}:default/${name}`;
const group = (name: string) => ref('group', name);
const component = (name: string) => ref('component', name);

/**
 * root ─ mid (hidden) ─ leaf
 *      └ side
 * `co` is owned by `other` first and by `side` second; the domain `d` has a
 * visible system `open` and a hidden one `closed`.
 */
const ORGANISATION = [
  record('group', 'root'),
  record('group', 'mid', { parentRef: group('root') }),
  record('group', 'leaf', { parentRef: group('mid') }),
  record('group', 'side', { parentRef: group('root') }),
  record('group', 'other'),
  record('domain', 'd'),
  record('system', 'open', { domainRef: ref('domain', 'd') }),
  record('system', 'closed', { domainRef: ref('domain', 'd') }),
  record('component', 'r1', {
    ownerRef: group('root'),
    systemRef: ref('system', 'open'),
  }),
  record('component', 'm1', {
    ownerRef: group('mid'),
    systemRef: ref('system', 'closed'),
  }),
  record('component', 'l1', { ownerRef: group('leaf') }),
  record('component', 's1', { ownerRef: group('side') }),
  record('component', 'co', {
    ownerRef: group('other'),
    ownerRefs: [group('other'), group('side')],
  }),
  record('component', 'x1', { ownerRef: group('other') }),
];
const HIDDEN = [group('mid'), ref('system', 'closed')];
const VISIBLE = ORGANISATION.map(e => e.entityRef).filter(
  r => !HIDDEN.includes(r),
);

/** The same visibility as a condition the index answers ... */
const hidingSql = criteriaToSql({
  anyOf: [
    c.isEntityKind({ kinds: ['component', 'domain'] }),
    ...['root', 'leaf', 'side', 'other', 'open'].map(name =>
      c.hasMetadata({ key: 'name', value: name }),
    ),
  ],
})!;

/** ... and as the catalog's answer. */
function catalogOf(visible: string[]) {
  return catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async (request: GetEntitiesByRefsRequest) => ({
      items: request.entityRefs.map(r =>
        visible.includes(r)
          ? {
              apiVersion: 'backstage.io/v1alpha1',
              kind: parseEntityRef(r).kind,
              metadata: { name: parseEntityRef(r).name },
            }
          : undefined,
      ),
    })),
  });
}

const refs = (rows: IndexedEntity[]) => rows.map(r => r.entityRef).sort();

describe.each(databases.eachSupportedId())(
  'VisibleIndex structure on %p',
  id => {
    let index: MaturityIndex;

    beforeAll(async () => {
      const knex = await databases.init(id);
      await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      index = new MaturityIndex(knex);
      await index.upsert(ORGANISATION);
    });

    const visibleIndex = (
      visibility: Visibility,
      options: { visible?: string[]; trust?: IndexTrust } = {},
    ) => {
      const catalog = catalogOf(options.visible ?? VISIBLE);
      return {
        catalog,
        v: new VisibleIndex(
          index,
          catalog,
          { credentials, visibility },
          options.trust ?? trustedIndex,
        ),
      };
    };

    async function drain(batches: AsyncIterable<IndexedEntity[]>) {
      const rows: IndexedEntity[] = [];
      for await (const batch of batches) rows.push(...batch);
      return refs(rows);
    }

    const subtree = { kind: 'component', ownerSubtreeOf: group('root') };
    // r1 (root), s1 (side) and co (side, its second owner): not m1 (its
    // group is hidden) nor l1 (below the hidden group).
    const inSubtree = ['co', 'r1', 's1'].map(component);

    describe.each<[string, Visibility]>([
      ['a condition', { type: 'sql', condition: hidingSql }],
      ['the catalog', { type: 'catalog' }],
    ])('hidden by %s', (_, visibility) => {
      it('walks only the groups the caller may see, and nothing below a hidden one', async () => {
        const { v } = visibleIndex(visibility);
        expect(
          (await v.groupTree(group('root'))).map(g => g.entityRef),
        ).toEqual([group('root'), group('side')]);
      });

      it('lists, counts, pages and streams a subtree through visible groups, with second owners', async () => {
        const { v } = visibleIndex(visibility);
        expect(refs(await v.rows(subtree))).toEqual(inSubtree);
        const page = await v.page(subtree, { by: 'name', order: 'asc' }, 2);
        expect(page.totalCount).toBe(3);
        // In name order (the catalog's way may read on past the page).
        expect(page.rows.slice(0, 2).map(r => r.entityRef)).toEqual(
          inSubtree.slice(0, 2),
        );
        expect(await drain(v.batches(subtree))).toEqual(inSubtree);
        expect(await drain(v.batches(subtree, { fast: true }))).toEqual(
          inSubtree,
        );
        expect(
          await drain(
            v.batches({ kind: 'component', ownerIn: [group('side')] }),
          ),
        ).toEqual(['co', 's1'].map(component));
      });

      it('counts in a domain only the systems the caller may see', async () => {
        const { v } = visibleIndex(visibility);
        const scope = { kind: 'component', systemInDomain: ref('domain', 'd') };
        expect(refs(await v.rows(scope))).toEqual([component('r1')]);
        expect(
          (await v.page(scope, { by: 'name', order: 'asc' }, 5)).totalCount,
        ).toBe(1);
      });
    });

    it('finds an entity by any of its owners, in lists and the catalog column', async () => {
      const ownedBySide = criteriaToSql(
        c.isEntityOwner({ claims: [group('side')] }),
      )!;
      const { v } = visibleIndex({ type: 'sql', condition: ownedBySide });
      expect(refs(await v.rows({ kind: 'component' }))).toEqual(
        ['co', 's1'].map(component),
      );
      expect([...(await v.summariesOf([component('co')])).keys()]).toEqual([
        component('co'),
      ]);
      const all = visibleIndex({ type: 'all' }).v;
      expect(
        refs(await all.rows({ kind: 'component', owner: group('side') })),
      ).toEqual(['co', 's1'].map(component));
    });

    it('asks the catalog, not the index, while the index is too old to rely on', async () => {
      // The index still has x1; the catalog no longer shows it.
      const stale = { trusted: jest.fn(async () => false) };
      const { v, catalog } = visibleIndex(
        { type: 'all' },
        { visible: VISIBLE.filter(r => r !== component('x1')), trust: stale },
      );
      expect(await v.find(component('x1'))).toBeUndefined();
      expect(
        refs(await v.rows({ kind: 'component', owner: group('other') })),
      ).toEqual([component('co')]);
      const page = await v.page(
        { kind: 'component' },
        { by: 'name', order: 'asc' },
        10,
      );
      expect(page.rows.map(r => r.entityRef)).not.toContain(component('x1'));
      expect(page.totalCount).toBe(
        VISIBLE.filter(r => r.startsWith('component:') && r !== component('x1'))
          .length,
      );
      expect(catalog.getEntitiesByRefs).toHaveBeenCalled();
      // Decided once per caller.
      expect(stale.trusted).toHaveBeenCalledTimes(1);
      const trusted = visibleIndex({ type: 'all' }).v;
      expect(await trusted.find(component('x1'))).toBeDefined();
    });
  },
);
