import { InputError } from '@backstage/errors';
import {
  CatalogMaturityRows,
  EntityFilter,
  EntityMaturityExportRow,
  EntityMaturityRow,
  MaturityModel,
  OVERVIEW_SORT_FIELDS,
  OverviewPage,
  ReviewFilter,
} from '@cnmm/backstage-plugin-maturity-common';
import type { IndexedEntity, Sort } from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';
import { EntityLookup } from './EntityLookup';
import { normalizeRef } from './entityRefs';
import { EntityRows } from './EntityRows';
import { filterScope } from './filterScope';
import { ReadMoment, readMoment } from './readMoment';
import { IndexReadiness } from './ScorecardService';
import { Caller, ReadOptions } from './VisibleIndex';

/** Where to look for entities below target: one of the filters of the overview. */
export type BelowTargetScope = Pick<
  EntityFilter,
  'kind' | 'owner' | 'group' | 'system' | 'domain'
>;

/** An overview query: a filter, a sort and a page. */
export type OverviewQuery = EntityFilter &
  ReviewFilter & {
    sortBy: string;
    order: 'asc' | 'desc';
    limit: number;
    cursor?: string;
  };

/**
 * The organisation's entities as lists: the overview's pages, the export,
 * and the catalog table's column and filter. Answered in SQL over the index
 * and the summaries, restricted to what the caller may see.
 */
export class OverviewService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      indexer: IndexReadiness;
      entities: EntityLookup;
      rows: EntityRows;
      now?: () => Date;
    },
  ) {}

  /** A page of the overview, as of `read.asOf` when given. */
  async overview(
    query: OverviewQuery,
    read: ReadOptions,
  ): Promise<OverviewPage> {
    const moment = this.moment(read);
    const sort = this.sortOf(query.sortBy, query.order);
    const after = query.cursor ? decodeKeyset(query.cursor, sort) : undefined;
    const indexedAt = (await this.deps.indexer.ready()).toISOString();
    const scope = await filterScope(
      query,
      this.deps.entities,
      read,
      this.now(),
    );
    const { rows, totalCount } = await this.deps.entities
      .visibleIndex(read)
      .page(scope, sort, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(entity => this.deps.rows.toRow(entity, moment.atMs)),
      totalCount,
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeyset({ value: last.sortKey ?? null, ref: last.entityRef })
          : null,
      indexedAt,
      ...moment.answer,
    };
  }

  /**
   * The catalog table's rows for some refs, in the order asked; null for a
   * ref that is unknown or that the caller may not see.
   */
  async catalogRows(
    entityRefs: string[],
    read: ReadOptions,
  ): Promise<CatalogMaturityRows> {
    const moment = this.moment(read);
    const refs = entityRefs.map(ref => normalizeRef(ref));
    if (read.visibility.type === 'none') {
      return { items: refs.map(() => null), ...moment.answer };
    }
    await this.deps.indexer.ready();
    const visible = await this.deps.entities
      .visibleIndex(read)
      .summariesOf([...new Set(refs)]);
    return {
      items: refs.map(ref =>
        visible.has(ref)
          ? this.deps.rows.toCatalogRow(ref, visible.get(ref), moment.atMs)
          : null,
      ),
      ...moment.answer,
    };
  }

  /**
   * The refs of the assessed entities the caller may see whose lowest
   * dimension median is at least `minLevel` and that are stale or current.
   */
  async assessedRefs(
    filter: { minLevel?: number; stale?: boolean },
    caller: Caller,
  ): Promise<string[]> {
    if (caller.visibility.type === 'none') return [];
    await this.deps.indexer.ready();
    return this.deps.entities
      .visibleIndex(caller)
      .assessedRefs({ ...filter, now: this.now() });
  }

  /**
   * Every filtered entity with its topic levels, in batches, as of
   * `read.asOf` when given. The moment is checked before anything is read.
   */
  exportRows(
    filter: EntityFilter & ReviewFilter,
    read: ReadOptions,
  ): {
    moment: ReadMoment;
    rows: AsyncGenerator<EntityMaturityExportRow[]>;
  } {
    const moment = this.moment(read);
    const { deps } = this;
    const now = () => this.now();
    async function* rows() {
      await deps.indexer.ready();
      const scope = await filterScope(filter, deps.entities, read, now());
      const visible = deps.entities.visibleIndex(read);
      for await (const batch of visible.batches(scope)) {
        yield batch.map(entity => deps.rows.toExportRow(entity, moment.atMs));
      }
    }
    return { moment, rows: rows() };
  }

  /**
   * One page of the assessed entities of a scope that the caller may see
   * and that are below target on some topic, furthest from target first,
   * paged in the database; each with the cursor that continues after it.
   */
  async belowTarget(
    scope: BelowTargetScope,
    page: { limit: number; cursor?: string },
    caller: Caller,
  ): Promise<{
    items: Array<{
      entity: IndexedEntity;
      row: EntityMaturityRow;
      cursor: string;
    }>;
    totalCount: number;
    nextCursor: string | null;
    indexedAt: string;
  }> {
    const sort: Sort = { by: 'percentToTarget', order: 'asc' };
    const after = page.cursor ? decodeKeyset(page.cursor, sort) : undefined;
    const indexedAt = (await this.deps.indexer.ready()).toISOString();
    const { rows, totalCount } = await this.deps.entities
      .visibleIndex(caller)
      .page(
        {
          ...(await filterScope(scope, this.deps.entities, caller)),
          belowTarget: true,
        },
        sort,
        page.limit + 1,
        after,
      );
    const nowMs = this.now().getTime();
    const items = rows.slice(0, page.limit).map(entity => ({
      entity,
      row: this.deps.rows.toRow(entity, nowMs),
      cursor: encodeKeyset({
        value: entity.sortKey ?? null,
        ref: entity.entityRef,
      }),
    }));
    return {
      items,
      totalCount,
      nextCursor:
        rows.length > page.limit && items.length
          ? items[items.length - 1].cursor
          : null,
      indexedAt,
    };
  }

  /** When the index last caught up with the catalog. */
  async indexedAt(): Promise<Date> {
    return this.deps.indexer.ready();
  }

  private sortOf(sortBy: string, order: 'asc' | 'desc'): Sort {
    const dimensionIds = this.deps.model.dimensions.map(d => d.id);
    if (dimensionIds.includes(sortBy)) {
      return { by: { dimension: sortBy }, order };
    }
    const fields: readonly string[] = OVERVIEW_SORT_FIELDS;
    if (!fields.includes(sortBy)) {
      throw new InputError(
        `sortBy must be one of ${[...fields, ...dimensionIds].join(', ')}`,
      );
    }
    return { by: sortBy as (typeof OVERVIEW_SORT_FIELDS)[number], order };
  }

  /** The moment of a read; a 400 before anything is read for one to come. */
  private moment(read: ReadOptions): ReadMoment {
    return readMoment(read.asOf, this.now());
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
