import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { SqlCondition } from '../database/criteriaToSql';
import {
  CatalogEntityRecord,
  CatalogSummary,
  EntityOf,
  IndexedEntity,
  IndexFields,
  IndexScope,
  Keyset,
  MaturityIndex,
  Sort,
} from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { chunks } from '../util/chunks';

/** Who is asking, and what of the catalog they may read: once a request. */
export type Caller = {
  credentials: BackstageCredentials;
  visibility: Visibility;
};

const BATCH = 1000;
/** Keeps the owners of one walk well below any database's bind limit. */
const MAX_OWNERS_PER_WALK = 500;
/** Rows a scan hands over at once: larger batches, fewer round trips. */
const SCAN_BATCH = 2000;
/** Refs the catalog is asked about at once. */
const CATALOG_BATCH = 500;

/**
 * The index as one caller may see it. The caller's catalog read decision is
 * applied here and nowhere else: nothing (`none`), everything (`all`), a
 * condition in the query (`sql`), or, for conditions the index cannot
 * answer, the catalog asked with the caller's credentials (`catalog`).
 */
export class VisibleIndex {
  private readonly condition: SqlCondition | undefined;

  constructor(
    private readonly index: MaturityIndex,
    private readonly catalog: CatalogService,
    private readonly caller: Caller,
  ) {
    const { visibility } = caller;
    this.condition =
      visibility.type === 'sql' ? visibility.condition : undefined;
  }

  private get type() {
    return this.caller.visibility.type;
  }

  /**
   * An indexed entity the caller may see, when the index can decide it;
   * undefined when it is not indexed, hidden, or for the catalog to decide.
   */
  async find(entityRef: string): Promise<CatalogEntityRecord | undefined> {
    if (this.type !== 'all' && this.type !== 'sql') return undefined;
    return this.index.find(entityRef, this.condition);
  }

  /** The entities of a scope the caller may see, in ref order. */
  async rows(scope: IndexScope): Promise<IndexedEntity[]> {
    if (this.type === 'none') return [];
    const rows = await this.index.rows(scope, this.condition);
    return this.type === 'catalog' ? this.keepVisible(rows) : rows;
  }

  /** The refs among `entityRefs` the caller may see, in their order. */
  async filterRefs(entityRefs: string[]): Promise<string[]> {
    switch (this.type) {
      case 'all':
        return entityRefs;
      case 'none':
        return [];
      case 'sql':
        return this.index.filterRefs(entityRefs, this.condition!);
      default:
        return this.keepVisibleRefs(entityRefs);
    }
  }

  /**
   * The visible ones among some refs, each with its summary when indexed
   * (undefined when visible to the catalog but not indexed yet). The index
   * answers in one query; the refs it cannot answer for the caller are asked
   * of the catalog with the caller's credentials, in batches.
   */
  async summariesOf(
    entityRefs: string[],
  ): Promise<Map<string, CatalogSummary | undefined>> {
    const visible = new Map<string, CatalogSummary | undefined>();
    if (this.type === 'none') return visible;
    const indexed = await this.index.summariesOf(entityRefs, this.condition);
    const byCatalog = this.type === 'catalog';
    const seenByCatalog = new Set(
      await this.keepVisibleRefs(
        byCatalog ? entityRefs : entityRefs.filter(ref => !indexed.has(ref)),
      ),
    );
    for (const ref of entityRefs) {
      const seen = byCatalog
        ? seenByCatalog.has(ref)
        : indexed.has(ref) || seenByCatalog.has(ref);
      if (seen) visible.set(ref, indexed.get(ref));
    }
    return visible;
  }

  /** The refs of assessed entities the caller may see, by lowest median and staleness. */
  async assessedRefs(filter: {
    minLevel?: number;
    stale?: boolean;
    now: Date;
  }): Promise<string[]> {
    if (this.type === 'none') return [];
    const refs = await this.index.assessedRefs(filter, this.condition);
    return this.type === 'catalog' ? this.keepVisibleRefs(refs) : refs;
  }

  /**
   * One page in sort order after `after`, with the count of the whole scope.
   * Under a catalog decision the page is read on in sort order until it
   * holds `limit` visible rows.
   */
  async page(
    scope: IndexScope,
    sort: Sort,
    limit: number,
    after?: Keyset,
  ): Promise<{ rows: IndexedEntity[]; totalCount: number }> {
    if (this.type === 'none') return { rows: [], totalCount: 0 };
    if (this.type !== 'catalog') {
      const [rows, totalCount] = await Promise.all([
        this.index.page(scope, this.condition, sort, limit, after),
        this.index.count(scope, this.condition),
      ]);
      return { rows, totalCount };
    }
    const visible = new Set(
      (await this.keepVisible(await this.index.rows(scope))).map(
        r => r.entityRef,
      ),
    );
    const rows: IndexedEntity[] = [];
    let from = after;
    while (rows.length < limit) {
      const batch = await this.index.page(scope, undefined, sort, BATCH, from);
      rows.push(...batch.filter(r => visible.has(r.entityRef)));
      if (batch.length < BATCH) break;
      const last = batch[batch.length - 1];
      from = { value: last.sortKey ?? null, ref: last.entityRef };
    }
    return { rows, totalCount: visible.size };
  }

  /**
   * The entities of a scope the caller may see, in batches. A reader that
   * waits on nobody between batches (`fast`) gets the scope from one
   * statement; otherwise no connection is held between batches, which are
   * read by ref.
   */
  async *batches<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    { fields, fast = false }: { fields?: F; fast?: boolean } = {},
  ): AsyncGenerator<EntityOf<F>[]> {
    if (this.type === 'none') return;
    const { condition } = this;
    const byCatalog = this.type === 'catalog';
    if (fast && !byCatalog) {
      yield* this.index.scan(scope, condition, SCAN_BATCH, fields);
      return;
    }
    const walks =
      scope.ownerSubtreeOf === undefined && scope.ownerIn === undefined
        ? [scope]
        : await this.ownerWalks(scope);
    for (const walk of walks) {
      if (walk.owners && walk.owners.length > 1) {
        // Whole owners of about one batch: read at once, in no order,
        // because ordering them made SQLite scan the kind's every row.
        const rows = await this.index.rows(walk, condition, {
          ordered: false,
          fields,
        });
        yield byCatalog ? await this.keepVisible(rows) : rows;
        continue;
      }
      let after: string | undefined;
      for (;;) {
        const batch = await this.index.rowsAfter(
          walk,
          condition,
          after,
          BATCH,
          fields,
        );
        if (batch.length) {
          yield byCatalog ? await this.keepVisible(batch) : batch;
        }
        if (batch.length < BATCH) break;
        after = batch[batch.length - 1].entityRef;
      }
    }
  }

  /**
   * A group subtree read in ref order makes every batch find and sort the
   * whole subtree again: seconds for 100,000 components. It is read owner by
   * owner instead: whole owners packed into walks of about one batch, and an
   * owner larger than a batch walked alone in ref order by the
   * index on owner and ref.
   */
  private async ownerWalks(scope: IndexScope): Promise<IndexScope[]> {
    const counts = await this.index.ownerCounts(scope, this.condition);
    const walks: IndexScope[] = [];
    let owners: string[] = [];
    let rows = 0;
    const flush = () => {
      if (owners.length) {
        walks.push({
          ...scope,
          ownerSubtreeOf: undefined,
          ownerIn: undefined,
          owners,
        });
      }
      owners = [];
      rows = 0;
    };
    for (const { ownerRef, count } of counts) {
      if (ownerRef === null) continue;
      if (rows + count > BATCH || owners.length >= MAX_OWNERS_PER_WALK) {
        flush();
      }
      owners.push(ownerRef);
      rows += count;
    }
    flush();
    return walks;
  }

  private async keepVisibleRefs(entityRefs: string[]): Promise<string[]> {
    const kept = await this.keepVisible(
      entityRefs.map(entityRef => ({ entityRef })),
    );
    return kept.map(r => r.entityRef);
  }

  /** Keeps the rows the catalog returns to the caller, asked in batches. */
  private async keepVisible<T extends { entityRef: string }>(
    rows: T[],
  ): Promise<T[]> {
    const kept: T[] = [];
    for (const batch of chunks(rows, CATALOG_BATCH)) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: batch.map(r => r.entityRef),
          fields: ['kind', 'metadata.name'],
        },
        { credentials: this.caller.credentials },
      );
      batch.forEach((row, i) => {
        if (items[i]) kept.push(row);
      });
    }
    return kept;
  }
}
