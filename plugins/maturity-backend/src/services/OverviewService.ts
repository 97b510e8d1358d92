import { InputError } from '@backstage/errors';
import {
  CatalogMaturityRow,
  EntityFilter,
  EntityMaturityExportRow,
  EntityMaturityRow,
  MaturityModel,
  OVERVIEW_SORT_FIELDS,
  OverviewPage,
} from '@cnmm/backstage-plugin-maturity-common';
import type {
  IndexedEntity,
  IndexScope,
  Sort,
} from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';
import { EntityLookup } from './EntityLookup';
import { normalizeRef, parseFilterRef } from './entityRefs';
import { EntityRows } from './EntityRows';
import { IndexReadiness } from './ScorecardService';
import { Caller } from './VisibleIndex';

/** Where to look for entities below target: one of the filters of the overview. */
export type BelowTargetScope = Pick<
  EntityFilter,
  'kind' | 'owner' | 'group' | 'system' | 'domain'
>;

/** An overview query: a filter, a sort and a page. */
export type OverviewQuery = EntityFilter & {
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

  async overview(query: OverviewQuery, caller: Caller): Promise<OverviewPage> {
    const sort = this.sortOf(query.sortBy, query.order);
    const after = query.cursor ? decodeKeyset(query.cursor, sort) : undefined;
    const indexedAt = (await this.deps.indexer.ready()).toISOString();
    const scope = await this.scopeFor(query, caller);
    const { rows, totalCount } = await this.deps.entities
      .visibleIndex(caller)
      .page(scope, sort, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    const nowMs = this.nowMs();
    return {
      items: items.map(entity => this.deps.rows.toRow(entity, nowMs)),
      totalCount,
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeyset({ value: last.sortKey ?? null, ref: last.entityRef })
          : null,
      indexedAt,
    };
  }

  /**
   * The catalog table's rows for some refs, in the order asked; null for a
   * ref that is unknown or that the caller may not see.
   */
  async catalogRows(
    entityRefs: string[],
    caller: Caller,
  ): Promise<Array<CatalogMaturityRow | null>> {
    const refs = entityRefs.map(ref => normalizeRef(ref));
    if (caller.visibility.type === 'none') return refs.map(() => null);
    await this.deps.indexer.ready();
    const visible = await this.deps.entities
      .visibleIndex(caller)
      .summariesOf([...new Set(refs)]);
    const nowMs = this.nowMs();
    return refs.map(ref =>
      visible.has(ref)
        ? this.deps.rows.toCatalogRow(ref, visible.get(ref), nowMs)
        : null,
    );
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
      .assessedRefs({ ...filter, now: this.deps.now?.() ?? new Date() });
  }

  /** Every filtered entity with its topic levels, by ref, in batches. */
  async *exportRows(
    filter: EntityFilter,
    caller: Caller,
  ): AsyncGenerator<EntityMaturityExportRow[]> {
    await this.deps.indexer.ready();
    const scope = await this.scopeFor(filter, caller);
    const nowMs = this.nowMs();
    const visible = this.deps.entities.visibleIndex(caller);
    for await (const batch of visible.batches(scope)) {
      yield batch.map(entity => this.deps.rows.toExportRow(entity, nowMs));
    }
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
        { ...(await this.scopeFor(scope, caller)), belowTarget: true },
        sort,
        page.limit + 1,
        after,
      );
    const nowMs = this.nowMs();
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

  /**
   * The scope of a filter, its group, system and domain looked up as the
   * caller: a 404 when one is hidden (or unknown), so that a filter tells
   * nothing of the groups and systems the caller cannot see.
   */
  private async scopeFor(
    filter: BelowTargetScope & Pick<EntityFilter, 'lifecycle' | 'minLevel'>,
    caller: Caller,
  ): Promise<IndexScope> {
    const scope = scopeOf(filter);
    const walked = [scope.ownerSubtreeOf, scope.system, scope.systemInDomain];
    await Promise.all(
      walked.flatMap(ref =>
        ref === undefined ? [] : [this.deps.entities.findEntity(ref, caller)],
      ),
    );
    return scope;
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

  private nowMs() {
    return (this.deps.now?.() ?? new Date()).getTime();
  }
}

function scopeOf(filter: EntityFilter): IndexScope {
  return {
    kind: (filter.kind ?? 'component').toLocaleLowerCase('en-US'),
    owner: filter.owner && parseFilterRef(filter.owner, 'group'),
    ownerSubtreeOf: filter.group && parseFilterRef(filter.group, 'group'),
    system: filter.system && parseFilterRef(filter.system, 'system'),
    systemInDomain: filter.domain && parseFilterRef(filter.domain, 'domain'),
    lifecycle: filter.lifecycle,
    minLevel: filter.minLevel,
  };
}
