import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import type { EncodedLevels } from './AssessmentStore';
import type { SqlCondition } from './criteriaToSql';
import {
  IndexedColumns,
  toCatalogEntityRecord,
  toEntityRow,
  toIndexedEntity,
} from './mappers';
import { ENTITIES, EntityRow, SUMMARIES, SUMMARY_DIMENSIONS } from './tables';

/** Which indexed entities a question is about; refs are lower-cased. */
export type IndexScope = {
  kind: string;
  owner?: string;
  /** Owned by this group or any group below it. */
  ownerSubtreeOf?: string;
  /** Owned by one of these: a few, each bound on its own. */
  owners?: string[];
  /** Owned by one of these, however many: bound as one value. */
  ownerIn?: string[];
  system?: string;
  /** Part of this domain itself (systems). */
  domain?: string;
  /** Part of a system that is part of this domain. */
  systemInDomain?: string;
  lifecycle?: string;
  /** Every rated dimension median at least this. */
  minLevel?: number;
};

export type SortColumn =
  | 'name'
  | 'percentToTarget'
  | 'assessedAt'
  | 'revision'
  | { dimension: string };

export type Sort = { by: SortColumn; order: 'asc' | 'desc' };

/** Where the previous page ended: its last row's sort value and ref. */
export type Keyset = { value: unknown; ref: string };

/** What the index keeps of a catalog entity; refs are lower-cased. */
export type CatalogEntityRecord = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  domainRef: string | null;
  lifecycle: string | null;
  /** A group's parent group. */
  parentRef: string | null;
  etag: string | null;
};

/** The summary of an entity's latest snapshot, as scorecards read it. */
export type StoredSummary = {
  revision: number;
  assessedAt: string;
  staleAt: string;
  percentToTarget: number | null;
  lowestMedian: number | null;
  targetSum: number;
  gapSum: number;
  /** Null when the read asked for no levels (the catalog table's). */
  levels: EncodedLevels | null;
};

/** An indexed entity with its latest summary; null when unassessed. */
export type IndexedEntity = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  ownerRef: string | null;
  systemRef: string | null;
  lifecycle: string | null;
  summary: StoredSummary | null;
  /** The value a page was sorted by, for its keyset cursor. */
  sortKey?: unknown;
};

/**
 * What a read returns of each entity: all of it, what a roll-up counts (its
 * ref, owner, system and summary), or what the catalog table shows (its ref
 * and summary without levels).
 */
export type IndexFields = 'entity' | 'rollUp';

export type GroupNode = {
  entityRef: string;
  parentRef: string | null;
  title: string | null;
};

const ROW_COLUMNS = [
  'e.entity_ref',
  'e.kind',
  'e.namespace',
  'e.name',
  'e.title',
  'e.owner_ref',
  'e.system_ref',
  'e.lifecycle',
  's.revision',
  's.assessed_at',
  's.stale_at',
  's.percent_to_target',
  's.target_sum',
  's.gap_sum',
  's.lowest_median',
  's.levels',
];

/** What the catalog table reads of a row: whether, when and how it was assessed. */
const CATALOG_ROW_COLUMNS = [
  'e.entity_ref',
  's.revision',
  's.assessed_at',
  's.stale_at',
  's.lowest_median',
];

/** What a roll-up reads of a row: its summary and what places it in a child. */
const ROLL_UP_COLUMNS = [
  'e.entity_ref',
  'e.owner_ref',
  'e.system_ref',
  's.stale_at',
  's.target_sum',
  's.gap_sum',
  's.levels',
];

const COLUMNS: Record<IndexFields, string[]> = {
  entity: ROW_COLUMNS,
  rollUp: ROLL_UP_COLUMNS,
};

const SORT_COLUMNS = {
  name: 'e.entity_ref',
  percentToTarget: 's.percent_to_target',
  assessedAt: 's.assessed_at',
  revision: 's.revision',
} as const;

/**
 * The catalog index and the summaries in SQL: scorecards, the overview and
 * exports filter, sort and page here, in the database.
 */
export class MaturityIndex {
  private readonly postgres: boolean;

  constructor(private readonly knex: Knex) {
    this.postgres = knex.client.dialect === 'postgresql';
  }

  /** Every indexed ref with the etag and lifecycle it was indexed with. */
  async indexed(): Promise<
    Map<string, Pick<CatalogEntityRecord, 'etag' | 'lifecycle'>>
  > {
    const rows: Array<Pick<EntityRow, 'entity_ref' | 'etag' | 'lifecycle'>> =
      await this.knex(ENTITIES).select('entity_ref', 'etag', 'lifecycle');
    return new Map(
      rows.map(r => [r.entity_ref, { etag: r.etag, lifecycle: r.lifecycle }]),
    );
  }

  async get(entityRef: string): Promise<CatalogEntityRecord | undefined> {
    const row = await this.knex<EntityRow>(ENTITIES)
      .where({ entity_ref: entityRef })
      .first();
    return row && toCatalogEntityRecord(row);
  }

  /** An indexed entity, if it meets the condition. */
  async find(
    entityRef: string,
    condition?: SqlCondition,
  ): Promise<IndexedEntity | undefined> {
    const query = this.knex({ e: ENTITIES })
      .where('e.entity_ref', entityRef)
      .first('e.*');
    if (condition) query.where(condition);
    const row: EntityRow | undefined = await query;
    return row && toIndexedEntity(row);
  }

  async upsert(entities: CatalogEntityRecord[]): Promise<void> {
    for (const batch of chunks(entities.map(toEntityRow), 200)) {
      await this.knex(ENTITIES).insert(batch).onConflict('entity_ref').merge();
    }
  }

  async remove(entityRefs: string[]): Promise<void> {
    for (const batch of chunks(entityRefs)) {
      await this.knex(ENTITIES).whereIn('entity_ref', batch).delete();
    }
  }

  /**
   * Refreshes the planner's statistics after a bulk write: until then a
   * fresh PostgreSQL table is planned as if empty, and walking a large group
   * tree takes seconds instead of milliseconds.
   */
  async analyze(): Promise<void> {
    await this.knex.raw(`ANALYZE ${ENTITIES}`);
  }

  /** A group and every group below it, each with its parent. */
  async groupTree(rootRef: string): Promise<GroupNode[]> {
    const rows: Array<Pick<EntityRow, 'entity_ref' | 'parent_ref' | 'title'>> =
      await this.withSubtree(this.knex.queryBuilder(), rootRef)
        .select('g.entity_ref', 'g.parent_ref', 'g.title')
        .from({ g: ENTITIES })
        .whereIn('g.entity_ref', qb => qb.select('ref').from('subtree'))
        .orderBy('g.entity_ref');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      parentRef: r.parent_ref,
      title: r.title,
    }));
  }

  async lifecycles(entityRefs: string[]): Promise<Map<string, string | null>> {
    const lifecycles = new Map<string, string | null>();
    for (const batch of chunks(entityRefs)) {
      const rows = await this.knex(ENTITIES)
        .select('entity_ref', 'lifecycle')
        .whereIn('entity_ref', batch);
      for (const row of rows) lifecycles.set(row.entity_ref, row.lifecycle);
    }
    return lifecycles;
  }

  /** The refs among `entityRefs` that meet a condition. */
  async filterRefs(
    entityRefs: string[],
    condition: SqlCondition,
  ): Promise<string[]> {
    const kept = new Set<string>();
    for (const batch of chunks(entityRefs)) {
      const rows = await this.knex({ e: ENTITIES })
        .select('e.entity_ref')
        .whereIn('e.entity_ref', batch)
        .where(condition);
      for (const row of rows) kept.add(row.entity_ref);
    }
    return entityRefs.filter(ref => kept.has(ref));
  }

  /**
   * The latest summary of each indexed ref among `entityRefs` that meets the
   * condition, by ref: one query a batch of refs.
   */
  async summariesOf(
    entityRefs: string[],
    condition?: SqlCondition,
  ): Promise<Map<string, IndexedEntity>> {
    const found = new Map<string, IndexedEntity>();
    for (const batch of chunks(entityRefs)) {
      const query = this.knex({ e: ENTITIES })
        // The refs again in the join, so that PostgreSQL looks summaries up
        // by key rather than hashing the whole table.
        .leftJoin({ s: SUMMARIES }, join =>
          join
            .on('s.entity_ref', '=', 'e.entity_ref')
            .andOnIn('s.entity_ref', batch),
        )
        .select(CATALOG_ROW_COLUMNS)
        .whereIn('e.entity_ref', batch);
      if (condition) query.where(condition);
      const rows: IndexedColumns[] = await query;
      for (const row of rows) found.set(row.entity_ref!, toIndexedEntity(row));
    }
    return found;
  }

  /**
   * The refs of assessed entities of any kind whose lowest dimension median
   * is at least `minLevel`, and whose snapshot is stale (`stale: true`) or
   * current (`stale: false`) at `now`, in ref order.
   */
  async assessedRefs(
    filter: { minLevel?: number; stale?: boolean; now: Date },
    condition?: SqlCondition,
  ): Promise<string[]> {
    const query = this.knex({ e: ENTITIES })
      .join({ s: SUMMARIES }, 's.entity_ref', 'e.entity_ref')
      .select('e.entity_ref')
      .orderBy('e.entity_ref');
    if (filter.minLevel !== undefined) {
      query.where('s.lowest_median', '>=', filter.minLevel);
    }
    // Stale once the clock is past stale_at, as summaries are read elsewhere.
    if (filter.stale === true) query.where('s.stale_at', '<', filter.now);
    if (filter.stale === false) query.where('s.stale_at', '>=', filter.now);
    if (condition) query.where(condition);
    const rows: Array<{ entity_ref: string }> = await query;
    return rows.map(r => r.entity_ref);
  }

  /**
   * A whole scope, in ref order unless `ordered` is false. Its summaries are
   * looked up by ref afterwards rather than joined: for a join, PostgreSQL
   * hashes the whole summary table for every batch, where key lookups of the
   * batch's refs take a few milliseconds (figures: docs/benchmarks.md, "Why
   * the queries are shaped as they are").
   */
  async rows(
    scope: IndexScope,
    condition?: SqlCondition,
    {
      ordered = true,
      fields = 'entity',
    }: { ordered?: boolean; fields?: IndexFields } = {},
  ): Promise<IndexedEntity[]> {
    const columns = COLUMNS[fields];
    const summaryColumns = columns
      .filter(c => c.startsWith('s.'))
      .map(c => c.slice(2));
    const query = this.scoped(
      scope,
      condition,
      scope.minLevel !== undefined,
    ).select(columns.filter(c => c.startsWith('e.')));
    if (ordered) query.orderBy('e.entity_ref');
    const rows: IndexedColumns[] = await query;
    const byRef = new Map<string, IndexedColumns>();
    for (const refs of chunks(rows.map(r => r.entity_ref!))) {
      const summaries = await this.knex(SUMMARIES)
        .select('entity_ref', ...summaryColumns)
        .whereIn('entity_ref', refs);
      for (const summary of summaries) byRef.set(summary.entity_ref, summary);
    }
    return rows.map(row =>
      toIndexedEntity(Object.assign(row, byRef.get(row.entity_ref!))),
    );
  }

  /**
   * A whole scope with its summaries, read by one statement and handed over
   * in batches, in no order: batches by key would each find their place in
   * the scope again, and look summaries up row by row. The statement holds a
   * connection until the last batch, so the caller must not wait on anyone
   * between batches (no client, no other query).
   */
  async *scan(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    batchSize: number,
    fields: IndexFields = 'entity',
  ): AsyncGenerator<IndexedEntity[]> {
    const query = this.scoped(scope, condition, true).select(COLUMNS[fields]);
    const batches = this.postgres
      ? this.fetchByCursor(query, batchSize)
      : this.iterate(query, batchSize);
    for await (const batch of batches) yield batch.map(toIndexedEntity);
  }

  private async *fetchByCursor(
    query: Knex.QueryBuilder,
    batchSize: number,
  ): AsyncGenerator<IndexedColumns[]> {
    const trx = await this.knex.transaction();
    try {
      // A cursor is planned for its first rows unless told it is read whole.
      await trx.raw('SET LOCAL cursor_tuple_fraction = 1');
      const { sql, bindings } = query.toSQL();
      await trx.raw(`DECLARE maturity_scan NO SCROLL CURSOR FOR ${sql}`, [
        ...bindings,
      ]);
      for (;;) {
        const { rows } = await trx.raw(
          `FETCH FORWARD ${Number(batchSize)} FROM maturity_scan`,
        );
        if (rows.length) yield rows;
        if (rows.length < batchSize) break;
      }
    } finally {
      await trx.rollback();
    }
  }

  /**
   * better-sqlite3 steps the statement as batches are taken. Batches are
   * handed over without a turn of the event loop in between (the caller
   * awaits no I/O), so no other request runs while the statement is open,
   * and no write on another connection can wait on this reader's lock.
   */
  private async *iterate(
    query: Knex.QueryBuilder,
    batchSize: number,
  ): AsyncGenerator<IndexedColumns[]> {
    const { sql, bindings } = query.toSQL().toNative();
    const connection = await this.knex.client.acquireConnection();
    try {
      const rows = connection.prepare(sql).iterate(bindings);
      let batch: IndexedColumns[] = [];
      for (const row of rows) {
        batch.push(row);
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      await this.knex.client.releaseConnection(connection);
    }
  }

  /** A refs-ordered slice, for reading a scope in batches. */
  async rowsAfter(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    afterRef: string | undefined,
    limit: number,
    fields: IndexFields = 'entity',
  ): Promise<IndexedEntity[]> {
    const query = this.scoped(scope, condition, true)
      .select(COLUMNS[fields])
      .orderBy('e.entity_ref')
      .limit(limit);
    if (afterRef !== undefined) query.where('e.entity_ref', '>', afterRef);
    return (await query).map(toIndexedEntity);
  }

  /** How many rows of a scope each owner has, by owner ref. */
  async ownerCounts(
    scope: IndexScope,
    condition?: SqlCondition,
  ): Promise<Array<{ ownerRef: string | null; count: number }>> {
    const query = this.scoped(scope, condition, scope.minLevel !== undefined)
      .select('e.owner_ref')
      .count({ n: '*' })
      .groupBy('e.owner_ref')
      .orderBy('e.owner_ref');
    const rows = await query;
    return rows.map((r: { owner_ref: string | null; n: number | string }) => ({
      ownerRef: r.owner_ref,
      count: Number(r.n),
    }));
  }

  async count(scope: IndexScope, condition?: SqlCondition): Promise<number> {
    const query = this.scoped(scope, condition, scope.minLevel !== undefined)
      .count({ n: '*' })
      .first();
    const row = await query;
    return Number(row?.n ?? 0);
  }

  /**
   * One page in sort order, after `after`. Unassessed rows (null values) go
   * last in either direction and ties fall back to the ref, so that the
   * keyset (null?, value, ref) is a total order.
   */
  async page(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    sort: Sort,
    limit: number,
    after?: Keyset,
  ): Promise<IndexedEntity[]> {
    const query = this.scoped(
      scope,
      condition,
      true,
      sort.by === 'name',
    ).select(ROW_COLUMNS);
    const direction = sort.order;
    if (sort.by === 'name') {
      query.orderBy('e.entity_ref', direction);
      if (after) {
        query.where('e.entity_ref', direction === 'asc' ? '>' : '<', after.ref);
      }
      return (await query.limit(limit)).map(toIndexedEntity);
    }
    let column: string;
    if (typeof sort.by === 'object') {
      const dimensionId = sort.by.dimension;
      query.leftJoin({ d: SUMMARY_DIMENSIONS }, join =>
        join
          .on('d.entity_ref', '=', 'e.entity_ref')
          .andOn('d.dimension_id', '=', this.knex.raw('?', [dimensionId])),
      );
      column = 'd.median';
    } else {
      column = SORT_COLUMNS[sort.by];
    }
    query
      .select({ sort_value: column })
      .orderByRaw(`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`)
      .orderBy(column, direction)
      .orderBy('e.entity_ref', 'asc');
    if (after) {
      const beyond = direction === 'asc' ? '>' : '<';
      if (after.value === null) {
        query.whereNull(column).where('e.entity_ref', '>', after.ref);
      } else {
        query.where(outer =>
          outer
            .where(inner =>
              inner
                .whereNotNull(column)
                .where(v =>
                  v
                    .where(column, beyond, after.value as any)
                    .orWhere(tie =>
                      tie
                        .where(column, '=', after.value as any)
                        .where('e.entity_ref', '>', after.ref),
                    ),
                ),
            )
            .orWhereNull(column),
        );
      }
    }
    return (await query.limit(limit)).map(toIndexedEntity);
  }

  private scoped(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    withSummaries: boolean,
    inRefOrder = false,
  ): Knex.QueryBuilder {
    const query = this.knex.queryBuilder().from({ e: ENTITIES });
    if (withSummaries) {
      query.leftJoin({ s: SUMMARIES }, 's.entity_ref', 'e.entity_ref');
    }
    query.where('e.kind', scope.kind);
    if (scope.owner !== undefined) query.where('e.owner_ref', scope.owner);
    if (scope.owners !== undefined) query.whereIn('e.owner_ref', scope.owners);
    if (scope.ownerIn !== undefined) {
      // One bound value whatever the count, so that no bind limit applies and
      // PostgreSQL plans with the real number of owners (it underestimates a
      // recursive walk badly, and joins row by row; docs/benchmarks.md).
      if (this.postgres) {
        query.whereRaw('e.owner_ref = ANY(?)', [scope.ownerIn]);
      } else {
        query.whereRaw('e.owner_ref IN (SELECT value FROM json_each(?))', [
          JSON.stringify(scope.ownerIn),
        ]);
      }
    }
    if (scope.ownerSubtreeOf !== undefined) {
      this.withSubtree(query, scope.ownerSubtreeOf);
      if (inRefOrder) {
        // Read in ref order and stop at a page, testing membership as it
        // goes: led by the owner index instead, SQLite finds and sorts the
        // whole subtree first, an order of magnitude slower (docs/benchmarks.md).
        query.whereRaw(`e.owner_ref || '' IN (SELECT ref FROM subtree)`);
      } else {
        query.whereIn('e.owner_ref', qb => qb.select('ref').from('subtree'));
      }
    }
    if (scope.system !== undefined) query.where('e.system_ref', scope.system);
    if (scope.domain !== undefined) query.where('e.domain_ref', scope.domain);
    if (scope.systemInDomain !== undefined) {
      query.whereIn('e.system_ref', qb =>
        qb
          .select('entity_ref')
          .from(ENTITIES)
          .where({ kind: 'system', domain_ref: scope.systemInDomain }),
      );
    }
    if (scope.lifecycle !== undefined) {
      query.whereRaw('LOWER(e.lifecycle) = ?', [
        scope.lifecycle.toLocaleLowerCase('en-US'),
      ]);
    }
    if (scope.minLevel !== undefined) {
      query.where('s.lowest_median', '>=', scope.minLevel);
    }
    if (condition) query.where(condition);
    return query;
  }

  /**
   * Adds `subtree(ref)`: the group and its descendants, cycles included once.
   * The step reads from `subtree` first (a CROSS JOIN keeps that order in
   * SQLite) so that each level is found by the parent index; led by the kind
   * index instead, it compared every group with every ref found, seconds for
   * a few thousand groups.
   */
  private withSubtree(query: Knex.QueryBuilder, rootRef: string) {
    return query.withRecursive(
      'subtree',
      ['ref'],
      this.knex.raw(
        `SELECT CAST(? AS VARCHAR(512))
         UNION
         SELECT g.entity_ref FROM subtree CROSS JOIN ${ENTITIES} g
         WHERE g.parent_ref = subtree.ref AND g.kind = 'group'`,
        [rootRef],
      ),
    );
  }
}
