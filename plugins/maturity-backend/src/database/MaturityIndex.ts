import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { chunks } from '../util/chunks';
import { afterKeyset } from './afterKeyset';
import type { SqlCondition } from './criteriaToSql';
import type { LevelPositions } from './encodedLevels';
import type {
  CatalogEntityRecord,
  CatalogSummary,
  EntityOf,
  GroupNode,
  IndexedEntity,
  IndexedRecord,
  IndexFields,
  IndexScope,
  Keyset,
  Sort,
} from './indexTypes';
import {
  IndexedColumns,
  toCatalogEntityRecord,
  toCatalogSummary,
  toEntityRow,
  toIndexedEntity,
} from './mappers';
import { CATALOG_ROW_COLUMNS, COLUMNS, SORT_COLUMNS } from './indexColumns';
import {
  coOwnedQuery,
  needsSummaries,
  scopeQuery,
  withSubtree,
} from './scopeQuery';
import { historyAt, HistorySpan } from './historyReads';
import {
  eachInScope,
  scanScope,
  scopeRows,
  scopeRowsAfter,
} from './scopeReads';
import { summariesAt } from './summaryHistory';
import {
  ENTITIES,
  EntityRow,
  OWNERS,
  OwnerRow,
  SUMMARY_DIMENSIONS,
} from './tables';

export type * from './indexTypes';
export type { HistorySpan } from './historyReads';

/**
 * The catalog index and the summaries in SQL: scorecards, the overview and
 * exports filter, sort and page here, in the database.
 */
export class MaturityIndex {
  constructor(private readonly knex: Knex) {}

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
  ): Promise<CatalogEntityRecord | undefined> {
    const query = this.knex({ e: ENTITIES })
      .where('e.entity_ref', entityRef)
      .first('e.*');
    if (condition) query.where(condition);
    const row: EntityRow | undefined = await query;
    return row && toCatalogEntityRecord(row);
  }

  /**
   * Writes entities, and their further owners (the first is the entity's
   * `ownerRef`). No transaction: replicas sync at once, and on SQLite two
   * writing transactions can only fail each other. Owners are added before
   * stale ones go, so that no read finds an entity without its owners.
   */
  async upsert(entities: IndexedRecord[]): Promise<void> {
    for (const batch of chunks(entities, 200)) {
      const further: OwnerRow[] = batch.flatMap(entity =>
        (entity.ownerRefs ?? [])
          .filter(owner => owner !== entity.ownerRef)
          .map(owner => ({ entity_ref: entity.entityRef, owner_ref: owner })),
      );
      await this.knex(ENTITIES)
        .insert(batch.map(toEntityRow))
        .onConflict('entity_ref')
        .merge();
      for (const rows of chunks(further, 200)) {
        await this.knex(OWNERS)
          .insert(rows)
          .onConflict(['entity_ref', 'owner_ref'])
          .ignore();
      }
      await this.knex(OWNERS)
        .whereIn(
          'entity_ref',
          batch.map(e => e.entityRef),
        )
        .whereNotIn(
          ['entity_ref', 'owner_ref'],
          further.map(o => [o.entity_ref, o.owner_ref]),
        )
        .delete();
    }
  }

  async remove(entityRefs: string[]): Promise<void> {
    for (const batch of chunks(entityRefs)) {
      await this.knex(ENTITIES).whereIn('entity_ref', batch).delete();
      await this.knex(OWNERS).whereIn('entity_ref', batch).delete();
    }
  }

  /**
   * The entities an owner filter of the scope holds through a further owner
   * only, their first being outside it (usually none): its `coOwned`.
   * Owner filters test the first owner in the query, by its index, so that
   * most entities, which have one owner, cost nothing more.
   */
  async coOwned(
    scope: IndexScope,
    condition?: SqlCondition,
  ): Promise<string[]> {
    const query = coOwnedQuery(this.knex, scope, condition);
    if (!query) return [];
    const rows: Array<{ entity_ref: string }> = await query;
    return rows.map(r => r.entity_ref).sort();
  }

  /**
   * Refreshes the planner's statistics after a bulk write: until then a
   * fresh PostgreSQL table is planned as if empty, and walking a large group
   * tree takes seconds instead of milliseconds.
   */
  async analyze(): Promise<void> {
    await this.knex.raw(`ANALYZE ${ENTITIES}`);
    await this.knex.raw(`ANALYZE ${OWNERS}`);
  }

  /**
   * A group and every group below it that meets the condition, each with
   * its parent; a group that does not is not walked.
   */
  async groupTree(
    rootRef: string,
    condition?: SqlCondition,
  ): Promise<GroupNode[]> {
    const rows: Array<Pick<EntityRow, 'entity_ref' | 'parent_ref' | 'title'>> =
      await withSubtree(this.knex, this.knex.queryBuilder(), rootRef, condition)
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
   * condition (the latest at `asOf` when given), by ref: one query a batch
   * of refs.
   */
  async summariesOf(
    entityRefs: string[],
    condition?: SqlCondition,
    asOf?: Date,
  ): Promise<Map<string, CatalogSummary>> {
    const found = new Map<string, CatalogSummary>();
    for (const batch of chunks(entityRefs)) {
      const query = this.knex({ e: ENTITIES })
        // The refs again in the join, so that PostgreSQL looks summaries up
        // by key rather than hashing the whole table.
        .leftJoin(summariesAt(this.knex, asOf), join =>
          join
            .on('s.entity_ref', '=', 'e.entity_ref')
            .andOnIn('s.entity_ref', batch),
        )
        .select(CATALOG_ROW_COLUMNS)
        .whereIn('e.entity_ref', batch);
      if (condition) query.where(condition);
      const rows: IndexedColumns[] = await query;
      for (const row of rows) found.set(row.entity_ref!, toCatalogSummary(row));
    }
    return found;
  }

  /** The history rows of some refs valid at some moments (see historyAt). */
  historyAt(entityRefs: string[], moments: Date[]): Promise<HistorySpan[]> {
    return historyAt(this.knex, entityRefs, moments);
  }

  /**
   * The refs of assessed entities of any kind whose lowest dimension median
   * is at least `minLevel`, and whose snapshot is stale (`stale: true`) or
   * current (`stale: false`) at `now`, in ref order; by their summaries at
   * `asOf` when given (then `now` is usually `asOf` too).
   */
  async assessedRefs(
    filter: { minLevel?: number; stale?: boolean; now: Date; asOf?: Date },
    condition?: SqlCondition,
  ): Promise<string[]> {
    const query = this.knex({ e: ENTITIES })
      .join(summariesAt(this.knex, filter.asOf), 's.entity_ref', 'e.entity_ref')
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

  /** A whole scope, in ref order unless `ordered` is false (scopeRows). */
  rows<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    condition?: SqlCondition,
    options?: { ordered?: boolean; fields?: F },
  ): Promise<EntityOf<F>[]> {
    return scopeRows(this.knex, scope, condition, options);
  }

  /** A whole scope by one statement, in batches (scanScope). */
  scan<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    batchSize: number,
    fields?: F,
  ): AsyncGenerator<EntityOf<F>[]> {
    return scanScope(this.knex, scope, condition, batchSize, fields);
  }

  /** A whole scope by one statement, row by row (eachInScope). */
  each<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    fields: F | undefined,
    visit: (entity: EntityOf<F>) => void,
    levels?: LevelPositions,
  ): Promise<void> {
    return eachInScope(this.knex, scope, condition, fields, visit, levels);
  }

  /** A refs-ordered slice, for reading a scope in batches. */
  rowsAfter<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    afterRef: string | undefined,
    limit: number,
    fields?: F,
  ): Promise<EntityOf<F>[]> {
    return scopeRowsAfter(this.knex, scope, condition, afterRef, limit, fields);
  }

  /** How many rows of a scope each owner has, by owner ref. */
  async ownerCounts(
    scope: IndexScope,
    condition?: SqlCondition,
  ): Promise<Array<{ ownerRef: string | null; count: number }>> {
    const query = scopeQuery(this.knex, scope, condition, needsSummaries(scope))
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
    const query = scopeQuery(this.knex, scope, condition, needsSummaries(scope))
      .count({ n: '*' })
      .first();
    const row = await query;
    return Number(row?.n ?? 0);
  }

  /**
   * One page in sort order (see afterKeyset), after `after`. As of a date
   * (`scope.asOf`) a dimension is not a sort: its medians are indexed for
   * the latest summaries only.
   */
  async page(
    scope: IndexScope,
    condition: SqlCondition | undefined,
    sort: Sort,
    limit: number,
    after?: Keyset,
  ): Promise<IndexedEntity[]> {
    if (scope.asOf && typeof sort.by === 'object') {
      throw new InputError(
        'sorting by a dimension is not available as of a date',
      );
    }
    const query = scopeQuery(
      this.knex,
      scope,
      condition,
      true,
      sort.by === 'name',
    ).select(COLUMNS.entity);
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
    if (after) afterKeyset(query, column, direction, after);
    return (await query.limit(limit)).map(toIndexedEntity);
  }
}
