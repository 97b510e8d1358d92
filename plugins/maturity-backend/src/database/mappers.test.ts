import type { SnapshotSummary } from './AssessmentStore';
import type { CatalogEntityRecord } from './MaturityIndex';
import {
  IndexedColumns,
  toCatalogEntityRecord,
  toCatalogSummary,
  toEntityRow,
  toIndexedEntity,
  toRollUpEntity,
  toIso,
  toSummaryRows,
} from './mappers';
import type { EntityRow } from './tables';

const ISO = '2026-03-04T05:06:07.000Z';

/**
 * A row as a driver answers it, which knex does not type: a left join's
 * missing summary as nulls, PostgreSQL's bigint and numeric as strings.
 */
const fromDriver = (row: object) => row as IndexedColumns;

const record: CatalogEntityRecord = {
  entityRef: 'component:default/api',
  kind: 'component',
  namespace: 'default',
  name: 'api',
  title: 'API',
  ownerRef: 'group:default/payments',
  systemRef: 'system:default/shop',
  domainRef: null,
  lifecycle: 'production',
  parentRef: null,
  etag: 'e1',
};

const entityRow: EntityRow = {
  entity_ref: 'component:default/api',
  kind: 'component',
  namespace: 'default',
  name: 'api',
  title: 'API',
  owner_ref: 'group:default/payments',
  system_ref: 'system:default/shop',
  domain_ref: null,
  lifecycle: 'production',
  parent_ref: null,
  etag: 'e1',
};

describe('toIso', () => {
  it.each([
    ['a Date (PostgreSQL)', new Date(ISO)],
    ['epoch milliseconds (SQLite)', Date.parse(ISO)],
    ['a timestamp string (SQLite)', ISO],
  ])('reads %s as the same ISO time', (_, value) => {
    expect(toIso(value)).toBe(ISO);
  });
});

describe('the levels column', () => {
  const read = (levels: unknown[]) =>
    toIndexedEntity({
      ...entityRow,
      revision: 1,
      assessed_at: new Date(ISO),
      stale_at: new Date(ISO),
      target_sum: 0,
      gap_sum: 0,
      levels: JSON.stringify(levels),
    }).summary!;

  it('reads topic levels, dimension medians and not-applicable indexes', () => {
    expect(read([[1, null, 3], [2, null], [1]])).toMatchObject({
      topicLevels: [1, null, 3],
      dimensionMedians: [2, null],
      notApplicable: [1],
    });
  });

  it('reads a summary of the first layout as having no not-applicable topics', () => {
    expect(read([[1], [2]]).notApplicable).toEqual([]);
  });
});

describe('entity records and rows', () => {
  it('maps a record to its row', () => {
    expect(toEntityRow(record)).toEqual(entityRow);
  });

  it('maps a row to its record', () => {
    expect(toCatalogEntityRecord(entityRow)).toEqual(record);
  });
});

describe('toIndexedEntity', () => {
  it('gives an entity without a summary a null summary', () => {
    const entity = toIndexedEntity(
      fromDriver({ ...entityRow, stale_at: null }),
    );
    expect(entity).toMatchObject({
      entityRef: 'component:default/api',
      ownerRef: 'group:default/payments',
      lifecycle: 'production',
      summary: null,
    });
  });

  it('reads a summary whose numbers come back as strings (PostgreSQL bigint and numeric)', () => {
    const entity = toIndexedEntity(
      fromDriver({
        ...entityRow,
        revision: '3',
        assessed_at: new Date(ISO),
        stale_at: Date.parse('2026-09-01T00:00:00Z'),
        percent_to_target: 0.5,
        target_sum: '12',
        gap_sum: '4',
        lowest_median: '2',
        levels: JSON.stringify([[2], [2]]),
        sort_value: 0.5,
      }),
    );
    expect(entity.summary).toEqual({
      revision: 3,
      assessedAt: ISO,
      staleAtMs: Date.parse('2026-09-01T00:00:00.000Z'),
      percentToTarget: 0.5,
      lowestMedian: 2,
      targetSum: 12,
      gapSum: 4,
      topicLevels: [2],
      dimensionMedians: [2],
      notApplicable: [],
    });
    expect(entity.sortKey).toBe(0.5);
  });

  it('keeps a null lowest median null rather than zero', () => {
    const entity = toIndexedEntity(
      fromDriver({
        ...entityRow,
        revision: 1,
        assessed_at: new Date(ISO),
        stale_at: new Date(ISO),
        target_sum: 0,
        gap_sum: 0,
        lowest_median: null,
        levels: JSON.stringify([[null], [null]]),
      }),
    );
    expect(entity.summary?.lowestMedian).toBeNull();
  });
});

describe('toRollUpEntity', () => {
  it('reads what a roll-up counts: its place and its levels', () => {
    const entity = toRollUpEntity({
      entity_ref: 'component:default/api',
      owner_ref: 'group:default/payments',
      system_ref: null,
      stale_at: new Date(ISO),
      target_sum: 3,
      gap_sum: 1,
      levels: JSON.stringify([[1], [1]]),
    });
    expect(entity).toEqual({
      entityRef: 'component:default/api',
      ownerRef: 'group:default/payments',
      systemRef: null,
      summary: {
        staleAtMs: Date.parse(ISO),
        targetSum: 3,
        gapSum: 1,
        topicLevels: [1],
        dimensionMedians: [1],
      },
    });
  });

  it('gives an entity without a snapshot a null summary', () => {
    const entity = toRollUpEntity(
      fromDriver({
        entity_ref: 'component:default/api',
        owner_ref: null,
        system_ref: null,
        stale_at: null,
        target_sum: null,
        gap_sum: null,
        levels: null,
      }),
    );
    expect(entity.summary).toBeNull();
  });
});

describe('toCatalogSummary', () => {
  it('reads whether, when and how an entity was assessed', () => {
    const entity = toCatalogSummary(
      fromDriver({
        entity_ref: 'component:default/api',
        revision: '1',
        assessed_at: new Date(ISO),
        stale_at: new Date(ISO),
        lowest_median: '1',
      }),
    );
    expect(entity).toEqual({
      entityRef: 'component:default/api',
      summary: {
        revision: 1,
        assessedAt: ISO,
        staleAtMs: Date.parse(ISO),
        lowestMedian: 1,
      },
    });
  });

  it('gives an entity without a snapshot a null summary', () => {
    const entity = toCatalogSummary(
      fromDriver({
        entity_ref: 'component:default/api',
        revision: null,
        assessed_at: null,
        stale_at: null,
        lowest_median: null,
      }),
    );
    expect(entity.summary).toBeNull();
  });
});

describe('toSummaryRows', () => {
  const summary: SnapshotSummary = {
    entityRef: 'component:default/api',
    revision: 2,
    entityUid: 'uid-1',
    assessedAt: ISO,
    staleAt: '2026-09-01T00:00:00.000Z',
    percentToTarget: 0.25,
    targetSum: 8,
    gapSum: 6,
    lowestMedian: 1,
    dimensionMedians: { people: 1, process: null },
    levels: {
      topicLevels: [1, null],
      dimensionMedians: [1, null],
      notApplicable: [1],
    },
  };

  it('writes the summary row with Date times', () => {
    const { row } = toSummaryRows(summary);
    expect(row).toMatchObject({
      entity_ref: 'component:default/api',
      revision: 2,
      assessed_at: new Date(ISO),
      stale_at: new Date('2026-09-01T00:00:00.000Z'),
      percent_to_target: 0.25,
      target_sum: 8,
      gap_sum: 6,
      lowest_median: 1,
    });
  });

  it('writes one dimension row per dimension median', () => {
    expect(toSummaryRows(summary).dimensions).toEqual([
      { dimension_id: 'people', median: 1 },
      { dimension_id: 'process', median: null },
    ]);
  });

  it('reads back through toIndexedEntity as the summary written', () => {
    const { row } = toSummaryRows(summary);
    expect(toIndexedEntity({ ...entityRow, ...row }).summary).toEqual({
      revision: 2,
      assessedAt: ISO,
      staleAtMs: Date.parse(summary.staleAt),
      percentToTarget: 0.25,
      lowestMedian: 1,
      targetSum: 8,
      gapSum: 6,
      ...summary.levels,
    });
  });
});
