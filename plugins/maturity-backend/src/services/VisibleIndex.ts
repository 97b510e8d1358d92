import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { SqlCondition } from '../database/criteriaToSql';
import type { LevelPositions } from '../database/encodedLevels';
import {
  CatalogEntityRecord,
  CatalogSummary,
  EntityOf,
  GroupNode,
  HistorySpan,
  IndexedEntity,
  IndexFields,
  IndexScope,
  Keyset,
  MaturityIndex,
  Sort,
} from '../database/MaturityIndex';
import type { Visibility } from '../permissions/readVisibility';
import { chunks } from '../util/chunks';
import { ownerWalks } from './ownerWalks';

/** Who is asking, and what of the catalog they may read: once a request. */
export type Caller = {
  credentials: BackstageCredentials;
  visibility: Visibility;
};

/**
 * A read by one caller: of the summaries now, or as they were at `asOf`
 * (the history's rows valid then). Membership, ownership and visibility
 * are today's either way: the catalog keeps no history.
 */
export type ReadOptions = Caller & { asOf?: Date };

/** Whether the index is recent enough for lists to rely on it. */
export interface IndexTrust {
  trusted(): Promise<boolean>;
}

/** How one caller's reads go: the decision, as the index's age allows it. */
type Plan = { type: Visibility['type']; condition?: SqlCondition };

const BATCH = 1000;
/** Rows a scan hands over at once: larger batches, fewer round trips. */
const SCAN_BATCH = 2000;
/** Refs the catalog is asked about at once. */
const CATALOG_BATCH = 500;

/**
 * The index as one caller may see it. The caller's catalog read decision is
 * applied here and nowhere else: nothing (`none`), everything (`all`), a
 * condition in the query (`sql`), or, for conditions the index cannot
 * answer, the catalog asked with the caller's credentials (`catalog`). The
 * catalog is asked too when the index is too old to rely on (`IndexTrust`):
 * it may still hold what the catalog has since taken away. Groups and
 * systems a scope walks through are the caller's visible ones. Every read
 * of summaries is of the read's moment (`asOf`), applied here once.
 */
export class VisibleIndex {
  private plan: Promise<Plan> | undefined;

  constructor(
    private readonly index: MaturityIndex,
    private readonly catalog: CatalogService,
    private readonly caller: ReadOptions,
    private readonly trust: IndexTrust,
  ) {}

  /** The strategy of this caller's reads, decided once. */
  private strategy(): Promise<Plan> {
    this.plan ??= (async (): Promise<Plan> => {
      const { visibility } = this.caller;
      if (visibility.type === 'none' || visibility.type === 'catalog') {
        return { type: visibility.type };
      }
      if (!(await this.trust.trusted())) return { type: 'catalog' };
      return visibility.type === 'sql'
        ? { type: 'sql', condition: visibility.condition }
        : { type: 'all' };
    })();
    return this.plan;
  }

  /**
   * An indexed entity the caller may see, when the index can decide it;
   * undefined when it is not indexed, hidden, or for the catalog to decide.
   */
  async find(entityRef: string): Promise<CatalogEntityRecord | undefined> {
    const { type, condition } = await this.strategy();
    if (type !== 'all' && type !== 'sql') return undefined;
    return this.index.find(entityRef, condition);
  }

  /** The entities of a scope the caller may see, in ref order. */
  async rows(scope: IndexScope): Promise<IndexedEntity[]> {
    const plan = await this.strategy();
    if (plan.type === 'none') return [];
    const rows = await this.index.rows(
      await this.visibleScope(scope, plan),
      plan.condition,
    );
    return plan.type === 'catalog' ? this.keepVisible(rows) : rows;
  }

  /**
   * A group and the groups below it the caller may see, each with its
   * parent; below a hidden group nothing is walked. The root is the
   * caller's to have checked.
   */
  async groupTree(rootRef: string): Promise<GroupNode[]> {
    const { type, condition } = await this.strategy();
    if (type === 'none') return [];
    if (type !== 'catalog') return this.index.groupTree(rootRef, condition);
    const tree = await this.index.groupTree(rootRef);
    const visible = new Set(
      await this.keepVisibleRefs(tree.map(g => g.entityRef)),
    );
    const parentOf = new Map(tree.map(g => [g.entityRef, g.parentRef]));
    const reached = (ref: string, seen = new Set<string>()): boolean => {
      if (ref === rootRef) return true;
      const parent = parentOf.get(ref);
      if (!visible.has(ref) || !parent || seen.has(ref)) return false;
      seen.add(ref);
      return reached(parent, seen);
    };
    return tree.filter(g => reached(g.entityRef));
  }

  /** The refs among `entityRefs` the caller may see, in their order. */
  async filterRefs(entityRefs: string[]): Promise<string[]> {
    const { type, condition } = await this.strategy();
    switch (type) {
      case 'all':
        return entityRefs;
      case 'none':
        return [];
      case 'sql':
        return this.index.filterRefs(entityRefs, condition!);
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
    const { type, condition } = await this.strategy();
    if (type === 'none') return visible;
    const indexed = await this.index.summariesOf(
      entityRefs,
      condition,
      this.caller.asOf,
    );
    const byCatalog = type === 'catalog';
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

  /**
   * The history of some refs this index gave the caller: each entity's
   * summaries that were its latest at one of the moments, whatever the
   * read's own moment.
   */
  historyAt(entityRefs: string[], moments: Date[]): Promise<HistorySpan[]> {
    return this.index.historyAt(entityRefs, moments);
  }

  /** The refs of assessed entities the caller may see, by lowest median and staleness. */
  async assessedRefs(filter: {
    minLevel?: number;
    stale?: boolean;
    now: Date;
  }): Promise<string[]> {
    const { type, condition } = await this.strategy();
    if (type === 'none') return [];
    const refs = await this.index.assessedRefs(
      { ...filter, asOf: this.caller.asOf },
      condition,
    );
    return type === 'catalog' ? this.keepVisibleRefs(refs) : refs;
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
    const plan = await this.strategy();
    if (plan.type === 'none') return { rows: [], totalCount: 0 };
    const visibleScope = await this.visibleScope(scope, plan);
    if (plan.type !== 'catalog') {
      const [rows, totalCount] = await Promise.all([
        this.index.page(visibleScope, plan.condition, sort, limit, after),
        this.index.count(visibleScope, plan.condition),
      ]);
      return { rows, totalCount };
    }
    const visible = new Set(
      (await this.keepVisible(await this.index.rows(visibleScope))).map(
        r => r.entityRef,
      ),
    );
    const rows: IndexedEntity[] = [];
    let from = after;
    while (rows.length < limit) {
      const batch = await this.index.page(
        visibleScope,
        undefined,
        sort,
        BATCH,
        from,
      );
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
    const plan = await this.strategy();
    if (plan.type === 'none') return;
    const { condition } = plan;
    const byCatalog = plan.type === 'catalog';
    const visibleScope = await this.visibleScope(scope, plan);
    if (fast && !byCatalog) {
      yield* this.index.scan(visibleScope, condition, SCAN_BATCH, fields);
      return;
    }
    const walks =
      visibleScope.ownerSubtreeOf === undefined &&
      visibleScope.ownerIn === undefined
        ? [visibleScope]
        : await this.ownerWalks(visibleScope, condition);
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
   * As `batches` read `fast`, each entity handed to `visit` as it is read,
   * for a reader that keeps little of each, so that a whole organisation's
   * rows are never gathered (streamQuery.ts, `eachRow`, says why). Where
   * the catalog decides what the caller may see, it is asked batch by
   * batch, and each batch's rows are handed over in turn. `levels`: those
   * a `goals` read needs; the others may be absent.
   */
  async each<F extends IndexFields = 'entity'>(
    scope: IndexScope,
    { fields, levels }: { fields?: F; levels?: LevelPositions },
    visit: (entity: EntityOf<F>) => void,
  ): Promise<void> {
    const plan = await this.strategy();
    if (plan.type === 'catalog') {
      for await (const batch of this.batches(scope, { fields, fast: true })) {
        for (const entity of batch) visit(entity);
      }
      return;
    }
    if (plan.type === 'none') return;
    const visibleScope = await this.visibleScope(scope, plan);
    await this.index.each(visibleScope, plan.condition, fields, visit, levels);
  }

  /**
   * A scope whose groups and systems are those the caller may see, that
   * holds the entities a further owner places in it (`coOwned`), and whose
   * summaries are of the read's moment. A condition is applied by the
   * database inside its walks; the catalog's answer is applied here, as the
   * lists of groups and systems it keeps.
   */
  private async visibleScope(
    scope: IndexScope,
    plan: Plan,
  ): Promise<IndexScope> {
    const visible = { ...scope, asOf: this.caller.asOf };
    if (plan.type === 'catalog' && scope.ownerSubtreeOf !== undefined) {
      const tree = await this.groupTree(scope.ownerSubtreeOf);
      visible.ownerSubtreeOf = undefined;
      visible.ownerIn = tree.map(g => g.entityRef);
    }
    if (plan.type === 'catalog' && scope.systemInDomain !== undefined) {
      const systems = await this.index.rows({
        kind: 'system',
        domain: scope.systemInDomain,
      });
      visible.systemInDomain = undefined;
      visible.systemIn = await this.keepVisibleRefs(
        systems.map(s => s.entityRef),
      );
    }
    const { owner, ownerIn, ownerSubtreeOf } = visible;
    if (owner ?? ownerIn ?? ownerSubtreeOf) {
      visible.coOwned = await this.index.coOwned(visible, plan.condition);
    }
    return visible;
  }

  /** A scope of owners as walks of about one batch (ownerWalks.ts). */
  private async ownerWalks(
    scope: IndexScope,
    condition: SqlCondition | undefined,
  ): Promise<IndexScope[]> {
    const members =
      scope.ownerIn ??
      (await this.groupTree(scope.ownerSubtreeOf!)).map(g => g.entityRef);
    const byOwner = {
      ...scope,
      ownerSubtreeOf: undefined,
      ownerIn: undefined,
      coOwned: undefined,
    };
    const counts = await this.index.ownerCounts(
      { ...byOwner, ownerIn: members },
      condition,
    );
    return ownerWalks(byOwner, counts, scope.coOwned, BATCH);
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
