import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import type { IndexedEntity, StoredSummary } from '../database/MaturityIndex';
import { EntityRows } from './EntityRows';
import { Summaries } from './Summaries';

const model = defaultMaturityModel;
const DIMENSIONS = model.dimensions.map(d => d.id);
const TOPICS = model.dimensions.flatMap(d => d.topics.map(t => t.id));
const summaries = new Summaries(model, {
  strict: false,
  staleAfterDays: 180,
  targets: {},
});
const rows = new EntityRows(model, summaries);

const ASSESSED_AT = '2026-01-01T00:00:00.000Z';
const STALE_AT = Date.parse('2026-06-30T00:00:00.000Z');
const BEFORE = Date.parse('2026-03-01T00:00:00.000Z');
const AFTER = Date.parse('2026-07-01T00:00:00.000Z');

const medians = DIMENSIONS.map((_, i) => (i === 1 ? null : i % 4));
const topicLevels = TOPICS.map((_, i) => (i === 0 ? null : (i % 3) + 1));

const summary: StoredSummary = {
  revision: 4,
  assessedAt: ASSESSED_AT,
  staleAtMs: STALE_AT,
  percentToTarget: 0.75,
  lowestMedian: 0,
  targetSum: 8,
  gapSum: 2,
  topicLevels,
  dimensionMedians: medians,
  notApplicable: [0],
};

function entity(fields: Partial<IndexedEntity> = {}): IndexedEntity {
  return {
    entityRef: 'component:default/api',
    kind: 'component',
    namespace: 'default',
    name: 'api',
    title: 'API',
    ownerRef: 'group:default/payments',
    systemRef: 'system:default/shop',
    lifecycle: 'production',
    summary,
    ...fields,
  };
}

const byId = <T>(ids: string[], values: T[]) =>
  Object.fromEntries(ids.map((id, i) => [id, values[i]]));

describe('EntityRows', () => {
  describe('isStale', () => {
    it('is false before the snapshot goes stale', () => {
      expect(rows.isStale(entity(), BEFORE)).toBe(false);
    });

    it('is false at the very moment it goes stale', () => {
      expect(rows.isStale(entity(), STALE_AT)).toBe(false);
    });

    it('is true after it goes stale', () => {
      expect(rows.isStale(entity(), AFTER)).toBe(true);
    });

    it('is false for an unassessed entity', () => {
      expect(rows.isStale(entity({ summary: null }), AFTER)).toBe(false);
    });
  });

  describe('toRow', () => {
    it('gives an assessed entity its dimension medians by id', () => {
      expect(rows.toRow(entity(), BEFORE)).toEqual({
        entityRef: 'component:default/api',
        kind: 'component',
        namespace: 'default',
        name: 'api',
        title: 'API',
        ownerRef: 'group:default/payments',
        systemRef: 'system:default/shop',
        lifecycle: 'production',
        revision: 4,
        assessedAt: ASSESSED_AT,
        stale: false,
        percentToTarget: 0.75,
        dimensions: byId(DIMENSIONS, medians),
      });
    });

    it('marks a row stale after its snapshot goes stale', () => {
      expect(rows.toRow(entity(), AFTER).stale).toBe(true);
    });

    it('gives an unassessed entity null everywhere, for every dimension', () => {
      const row = rows.toRow(entity({ summary: null }), AFTER);
      expect(row).toMatchObject({
        revision: null,
        assessedAt: null,
        stale: false,
        percentToTarget: null,
      });
      expect(row.dimensions).toEqual(
        byId(
          DIMENSIONS,
          DIMENSIONS.map(() => null),
        ),
      );
    });
  });

  describe('toExportRow', () => {
    it('adds every topic level by id and the not-applicable topics', () => {
      const row = rows.toExportRow(entity(), BEFORE);
      expect(row.topics).toEqual(byId(TOPICS, topicLevels));
      expect(row.notApplicable).toEqual([TOPICS[0]]);
      expect(row.dimensions).toEqual(byId(DIMENSIONS, medians));
    });

    it('gives an unassessed entity a null for every topic and none not applicable', () => {
      const row = rows.toExportRow(entity({ summary: null }), BEFORE);
      expect(Object.keys(row.topics)).toEqual(TOPICS);
      expect(Object.values(row.topics).every(t => t === null)).toBe(true);
      expect(row.notApplicable).toEqual([]);
    });
  });

  describe('toCatalogRow', () => {
    it('answers an unknown entity as not assessed', () => {
      expect(
        rows.toCatalogRow('component:default/x', undefined, BEFORE),
      ).toEqual({
        entityRef: 'component:default/x',
        assessed: false,
        level: null,
        stale: false,
      });
    });

    it('answers an indexed entity without a snapshot as not assessed', () => {
      expect(
        rows.toCatalogRow(
          'component:default/api',
          entity({ summary: null }),
          AFTER,
        ).assessed,
      ).toBe(false);
    });

    it('answers an assessed entity with its lowest median, revision and time', () => {
      expect(
        rows.toCatalogRow('component:default/api', entity(), BEFORE),
      ).toEqual({
        entityRef: 'component:default/api',
        assessed: true,
        level: 0,
        stale: false,
        assessedAt: ASSESSED_AT,
        revision: 4,
      });
    });

    it('marks it stale after its snapshot goes stale', () => {
      expect(
        rows.toCatalogRow('component:default/api', entity(), AFTER).stale,
      ).toBe(true);
    });
  });
});
