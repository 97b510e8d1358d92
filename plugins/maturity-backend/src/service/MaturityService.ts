import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AssessmentHistoryPage,
  AssessmentSubmission,
  CatalogMaturityRow,
  EntityFilter,
  EntityMaturityExportRow,
  EntityMaturityRow,
  isStale,
  MaturityModel,
  OVERVIEW_SORT_FIELDS,
  OverviewPage,
  RollUpAccumulator,
  Scorecard,
  StoredAssessment,
  TargetDefaults,
} from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentRecord, AssessmentStore } from '../database/AssessmentStore';
import {
  CatalogSummaryRow,
  IndexedRow,
  IndexScope,
  MaturityIndex,
  ROLL_UP_COLUMNS,
  Sort,
  SqlCondition,
} from '../database/MaturityIndex';
import { chunks } from '../database/guard';
import { CatalogIndexer, lifecycleOf, normalizeRef } from './CatalogIndexer';
import {
  decodeCursor,
  decodeKeyset,
  encodeCursor,
  encodeKeyset,
} from './cursor';
import { DecodedSummary, Summaries } from './summaries';
import { Visibility } from './visibility';

export { normalizeRef } from './CatalogIndexer';

/** Scoring settings read from `maturity.*` config. */
export interface ScoringSettings {
  strict: boolean;
  staleAfterDays: number;
  targets: TargetDefaults;
}

type Options = { credentials: BackstageCredentials };
export type ReadOptions = Options & { visibility: Visibility };

/** Receives a scorecard's entity rows batch by batch, as they are read. */
export type EntityRowSink = (rows: EntityMaturityRow[]) => void | Promise<void>;

/**
 * A scorecard's entity rows are collected into its answer (the default),
 * left out (`none`: the roll-up only), or handed to a sink as they are read.
 */
export type ScorecardOptions = ReadOptions & {
  entities?: 'collect' | 'none' | EntityRowSink;
};

/** An entity as reads need it: its ref and the lifecycle that picks targets. */
export type EntityTarget = { ref: string; lifecycle: string | null };

const RELATION_TARGET_KIND: Record<string, string> = {
  [RELATION_PART_OF]: 'system',
};

function relationTarget(entity: Entity, type: string) {
  const kind = RELATION_TARGET_KIND[type];
  const relation = entity.relations?.find(
    r =>
      r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind),
  );
  return relation ? normalizeRef(relation.targetRef) : null;
}

function parseFilterRef(value: string, defaultKind: string) {
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new InputError(`Invalid entity ref "${value}"`);
  }
}

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
function toTime(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return Date.parse(String(value));
}

function toIso(value: unknown): string {
  return new Date(toTime(value)).toISOString();
}

const BATCH = 1000;
/** Keeps the owners of one walk well below any database's bind limit. */
const MAX_OWNERS_PER_WALK = 500;
/** Rows a scan hands over at once: larger batches, fewer round trips. */
const SCAN_BATCH = 2000;

/**
 * What the maturity API does, between the router (HTTP, validation,
 * authorisation) and the stores. Reads of many entities are answered in SQL
 * over the catalog index and the summary rows, restricted to what the
 * caller's catalog read decision lets them see.
 */
export class MaturityService {
  private readonly summaries: Summaries;
  /** The levels of an entity without a snapshot: null everywhere. */
  private readonly unassessed: Pick<
    DecodedSummary,
    'dimensionMedians' | 'topicLevels'
  >;

  constructor(
    private readonly deps: {
      model: MaturityModel;
      store: AssessmentStore;
      index: MaturityIndex;
      indexer: CatalogIndexer;
      summaries: Summaries;
      catalog: CatalogService;
      scoring: ScoringSettings;
      now?: () => Date;
      /** The budget of the result cache; 32 MB by default. */
      cacheMaxBytes?: number;
    },
  ) {
    this.summaries = deps.summaries;
    const none = (ids: string[]) =>
      Object.fromEntries(ids.map(id => [id, null]));
    this.unassessed = {
      dimensionMedians: none(deps.model.dimensions.map(d => d.id)),
      topicLevels: none(
        deps.model.dimensions.flatMap(d => d.topics.map(t => t.id)),
      ),
    };
  }

  get model() {
    return this.deps.model;
  }

  /** The entity, or a 404 when it is unknown or not visible to the caller. */
  async getEntity(entityRef: string, options: Options): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, options);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    return entity;
  }

  /**
   * An entity the caller may see, from the index when the caller's read
   * decision can be answered there (one query, no catalog round trip), else
   * from the catalog; a 404 when it is unknown or not visible.
   */
  async findEntity(
    entityRef: string,
    caller: ReadOptions,
  ): Promise<EntityTarget> {
    const { visibility } = caller;
    if (visibility.type === 'all' || visibility.type === 'sql') {
      const row = await this.deps.index.find(
        normalizeRef(entityRef),
        this.conditionOf(visibility),
      );
      if (row) return { ref: row.entity_ref, lifecycle: row.lifecycle };
    }
    // Not indexed yet, hidden, or for the catalog to decide: it knows.
    const entity = await this.getEntity(entityRef, caller);
    return { ref: normalizeRef(entity), lifecycle: lifecycleOf(entity) };
  }

  async getLatest(entity: EntityTarget): Promise<StoredAssessment> {
    const record = (await this.deps.store.getLatest([entity.ref])).get(
      entity.ref,
    );
    if (!record) {
      throw new NotFoundError(`${entity.ref} has no maturity assessment yet`);
    }
    return this.toStored(record, entity.lifecycle);
  }

  async submit(
    entity: Entity,
    submission: AssessmentSubmission,
    createdBy: string,
  ): Promise<StoredAssessment> {
    const lifecycle = lifecycleOf(entity);
    // The write has the entity as the catalog has it now: the index follows.
    await this.deps.indexer.refresh(entity);
    const record = await this.deps.store.insert(
      {
        entityRef: normalizeRef(entity),
        baseRevision: submission.baseRevision,
        modelId: this.deps.model.id,
        modelVersion: this.deps.model.version,
        createdBy,
        ownerRef: relationTarget(entity, RELATION_OWNED_BY),
        systemRef: relationTarget(entity, RELATION_PART_OF),
        lifecycle,
        ratings: submission.ratings,
        targets: submission.targets ?? {},
        notes: submission.notes ?? {},
        evidence: submission.evidence ?? {},
        comment: submission.comment ?? null,
      },
      stored => this.summaries.summaryOf(stored, lifecycle),
    );
    return this.toStored(record, lifecycle);
  }

  async getHistory(
    entity: EntityTarget,
    query: { limit: number; cursor?: string },
  ): Promise<AssessmentHistoryPage> {
    const before = query.cursor
      ? decodeCursor(query.cursor, 'beforeRevision')
      : undefined;
    const records = await this.deps.store.getHistory(entity.ref, {
      limit: query.limit + 1,
      beforeRevision: before,
    });
    const items = records
      .slice(0, query.limit)
      .map(r => this.toStored(r, entity.lifecycle));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        records.length > query.limit && last
          ? encodeCursor('beforeRevision', last.revision)
          : null,
    };
  }

  async systemScorecard(
    systemRef: string,
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const system = (await this.findEntity(systemRef, options)).ref;
    const indexedAt = await this.deps.indexer.ready();
    return this.scorecard(
      { entityRef: system, scope: { kind: 'component', system }, indexedAt },
      options,
    );
  }

  async domainScorecard(
    domainRef: string,
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const domain = (await this.findEntity(domainRef, options)).ref;
    const indexedAt = await this.deps.indexer.ready();
    const systems = await this.rows({ kind: 'system', domain }, options);
    return this.scorecard(
      {
        entityRef: domain,
        scope: { kind: 'component', systemInDomain: domain },
        children: systems.map(s => ({
          entityRef: s.entity_ref,
          title: s.title ?? null,
        })),
        childOf: row => row.system_ref ?? undefined,
        indexedAt,
      },
      options,
    );
  }

  /**
   * A group covers the entities owned by it and by all its descendant groups
   * (or only its own with `direct`); the tree is walked in SQL.
   */
  async groupScorecard(
    groupRef: string,
    options: ScorecardOptions & { direct: boolean },
  ): Promise<Scorecard> {
    const root = (await this.findEntity(groupRef, options)).ref;
    const indexedAt = await this.deps.indexer.ready();
    if (options.direct) {
      return this.scorecard(
        {
          entityRef: root,
          scope: { kind: 'component', owner: root },
          indexedAt,
        },
        options,
      );
    }
    const tree = await this.deps.index.groupTree(root);
    // Each group below the root belongs to the child of the root above it.
    const parentOf = new Map(tree.map(g => [g.entity_ref, g.parent_ref]));
    const childOf = new Map<string, string>();
    const topChild = (
      ref: string,
      seen = new Set<string>(),
    ): string | undefined => {
      if (childOf.has(ref)) return childOf.get(ref);
      const parent = parentOf.get(ref);
      if (!parent || ref === root || seen.has(ref)) return undefined;
      seen.add(ref);
      const child = parent === root ? ref : topChild(parent, seen);
      if (child) childOf.set(ref, child);
      return child;
    };
    const childRefs = await this.visibleRefs(
      tree
        .filter(g => g.parent_ref === root && g.entity_ref !== root)
        .map(g => g.entity_ref),
      options,
    );
    const titles = new Map(tree.map(g => [g.entity_ref, g.title]));
    return this.scorecard(
      {
        entityRef: root,
        // The tree is at hand: its refs spare the database another walk.
        scope: { kind: 'component', ownerIn: tree.map(g => g.entity_ref) },
        children: childRefs.map(ref => ({
          entityRef: ref,
          title: titles.get(ref) ?? null,
        })),
        childOf: row => (row.owner_ref ? topChild(row.owner_ref) : undefined),
        indexedAt,
      },
      options,
    );
  }

  async overview(
    query: EntityFilter & {
      sortBy: string;
      order: 'asc' | 'desc';
      limit: number;
      cursor?: string;
    },
    options: ReadOptions,
  ): Promise<OverviewPage> {
    const sort = this.sortOf(query.sortBy, query.order);
    const after = query.cursor ? decodeKeyset(query.cursor) : undefined;
    const indexedAt = (await this.deps.indexer.ready()).toISOString();
    const scope = this.scopeOf(query);
    const { visibility } = options;
    const { index } = this.deps;
    let rows: IndexedRow[];
    let totalCount: number;
    if (visibility.type === 'none') {
      rows = [];
      totalCount = 0;
    } else if (visibility.type === 'catalog') {
      const visible = new Set(
        (await this.visible(await index.rows(scope), options)).map(
          r => r.entity_ref,
        ),
      );
      totalCount = visible.size;
      rows = [];
      // Reads on in sort order until a page of visible rows is full.
      let from = after;
      while (rows.length <= query.limit) {
        const batch = await index.page(scope, undefined, sort, BATCH, from);
        rows.push(...batch.filter(r => visible.has(r.entity_ref)));
        if (batch.length < BATCH) break;
        from = this.keysetOf(batch[batch.length - 1]);
      }
    } else {
      const condition = this.conditionOf(visibility);
      [rows, totalCount] = await Promise.all([
        index.page(scope, condition, sort, query.limit + 1, after),
        index.count(scope, condition),
      ]);
    }
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(r => this.toRow(r)),
      totalCount,
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeyset(this.keysetOf(last))
          : null,
      indexedAt,
    };
  }

  /**
   * The catalog table's rows for some refs, in the order asked; null for a
   * ref that is unknown or that the caller may not see. The index answers in
   * one query; the refs it cannot answer for the caller (not indexed, hidden
   * by a condition, or a condition only the catalog can decide) are asked of
   * the catalog with the caller's credentials, in one batch.
   */
  async catalogRows(
    entityRefs: string[],
    options: ReadOptions,
  ): Promise<Array<CatalogMaturityRow | null>> {
    const { visibility } = options;
    const refs = entityRefs.map(ref => normalizeRef(ref));
    if (visibility.type === 'none') return refs.map(() => null);
    await this.deps.indexer.ready();
    const unique = [...new Set(refs)];
    const indexed = await this.deps.index.summariesOf(
      unique,
      this.conditionOf(visibility),
    );
    const byCatalog = visibility.type === 'catalog';
    const askCatalog = byCatalog
      ? unique
      : unique.filter(ref => !indexed.has(ref));
    const seenByCatalog = new Set(
      (
        await this.visible(
          askCatalog.map(entity_ref => ({ entity_ref })),
          options,
        )
      ).map(r => r.entity_ref),
    );
    const now = this.now();
    const rows = new Map<string, CatalogMaturityRow>();
    for (const ref of unique) {
      const visible = byCatalog
        ? seenByCatalog.has(ref)
        : indexed.has(ref) || seenByCatalog.has(ref);
      if (visible) rows.set(ref, this.toCatalogRow(ref, indexed.get(ref), now));
    }
    return refs.map(ref => rows.get(ref) ?? null);
  }

  /**
   * The refs of the assessed entities the caller may see whose lowest
   * dimension median is at least `minLevel` and that are stale or current.
   */
  async assessedRefs(
    filter: { minLevel?: number; stale?: boolean },
    options: ReadOptions,
  ): Promise<string[]> {
    const { visibility } = options;
    if (visibility.type === 'none') return [];
    await this.deps.indexer.ready();
    const refs = await this.deps.index.assessedRefs(
      { ...filter, now: this.now() },
      this.conditionOf(visibility),
    );
    if (visibility.type !== 'catalog') return refs;
    const visible = await this.visible(
      refs.map(entity_ref => ({ entity_ref })),
      options,
    );
    return visible.map(r => r.entity_ref);
  }

  /** Every filtered entity with its topic levels, by ref, in batches. */
  async *exportRows(
    filter: EntityFilter,
    options: ReadOptions,
  ): AsyncGenerator<EntityMaturityExportRow[]> {
    await this.deps.indexer.ready();
    for await (const batch of this.batches(this.scopeOf(filter), options)) {
      yield batch.map(r => this.toExportRow(r));
    }
  }

  /** The indexed rows of a scope that the caller may see (for campaigns). */
  async visibleRows(
    scope: IndexScope,
    options: ReadOptions,
  ): Promise<IndexedRow[]> {
    await this.deps.indexer.ready();
    return this.rows(scope, options);
  }

  /** The levels of a row's latest snapshot; null when it has none. */
  summaryOf(row: IndexedRow): DecodedSummary | null {
    return row.levels
      ? this.summaries.decode(row as Required<IndexedRow>)
      : null;
  }

  /** When the index last caught up with the catalog. */
  async indexedAt(): Promise<Date> {
    return this.deps.indexer.ready();
  }

  private scopeOf(filter: EntityFilter): IndexScope {
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

  private keysetOf(row: IndexedRow) {
    return { value: row.sort_value ?? null, ref: row.entity_ref };
  }

  private conditionOf(visibility: Visibility): SqlCondition | undefined {
    return visibility.type === 'sql' ? visibility.condition : undefined;
  }

  /** The rows of a scope the caller may see. */
  private async rows(scope: IndexScope, options: ReadOptions) {
    const { visibility } = options;
    if (visibility.type === 'none') return [];
    const rows = await this.deps.index.rows(
      scope,
      this.conditionOf(visibility),
    );
    return visibility.type === 'catalog' ? this.visible(rows, options) : rows;
  }

  private async visibleRefs(refs: string[], options: ReadOptions) {
    const { visibility } = options;
    if (visibility.type === 'all') return refs;
    if (visibility.type === 'none') return [];
    if (visibility.type === 'sql') {
      return this.deps.index.filterRefs(refs, visibility.condition);
    }
    const visible = await this.visible(
      refs.map(entity_ref => ({ entity_ref })),
      options,
    );
    return visible.map(r => r.entity_ref);
  }

  /** Keeps the rows the catalog returns to the caller, asked in batches. */
  private async visible<T extends { entity_ref: string }>(
    rows: T[],
    { credentials }: Options,
  ): Promise<T[]> {
    const kept: T[] = [];
    for (const batch of chunks(rows, 500)) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        {
          entityRefs: batch.map(r => r.entity_ref),
          fields: ['kind', 'metadata.name'],
        },
        { credentials },
      );
      batch.forEach((row, i) => {
        if (items[i]) kept.push(row);
      });
    }
    return kept;
  }

  /**
   * The rows of a scope the caller may see, in batches. A reader that waits
   * on nobody between batches (`fast`) gets the scope from one statement;
   * otherwise no connection is held between batches, which are read by ref.
   */
  private async *batches(
    scope: IndexScope,
    options: ReadOptions,
    { columns, fast = false }: { columns?: string[]; fast?: boolean } = {},
  ): AsyncGenerator<IndexedRow[]> {
    const { visibility } = options;
    if (visibility.type === 'none') return;
    const condition = this.conditionOf(visibility);
    if (fast && visibility.type !== 'catalog') {
      yield* this.deps.index.scan(scope, condition, SCAN_BATCH, columns);
      return;
    }
    const walks =
      scope.ownerSubtreeOf === undefined && scope.ownerIn === undefined
        ? [scope]
        : await this.ownerWalks(scope, condition);
    for (const walk of walks) {
      if (walk.owners && walk.owners.length > 1) {
        // Whole owners of about one batch: read at once, in no order,
        // because ordering them made SQLite scan the kind's every row.
        const rows = await this.deps.index.rows(walk, condition, {
          ordered: false,
          columns,
        });
        yield visibility.type === 'catalog'
          ? await this.visible(rows, options)
          : rows;
        continue;
      }
      let after: string | undefined;
      for (;;) {
        const batch = await this.deps.index.rowsAfter(
          walk,
          condition,
          after,
          BATCH,
          columns,
        );
        if (batch.length) {
          yield visibility.type === 'catalog'
            ? await this.visible(batch, options)
            : batch;
        }
        if (batch.length < BATCH) break;
        after = batch[batch.length - 1].entity_ref;
      }
    }
  }

  /**
   * A group subtree read in ref order makes every batch find and sort the
   * whole subtree again: seconds for 100,000 components. It is read owner by
   * owner instead: whole owners packed into walks of about one batch, and an
   * owner larger than a batch walked alone in ref order by the
   * (owner_ref, entity_ref) index.
   */
  private async ownerWalks(
    scope: IndexScope,
    condition: SqlCondition | undefined,
  ): Promise<IndexScope[]> {
    const counts = await this.deps.index.ownerCounts(scope, condition);
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
    for (const { owner_ref: owner, n } of counts) {
      if (owner === null) continue;
      if (rows + n > BATCH || owners.length >= MAX_OWNERS_PER_WALK) flush();
      owners.push(owner);
      rows += n;
    }
    flush();
    return walks;
  }

  /**
   * Rolls a scope up while reading it in batches, so that memory stays the
   * same for 100 components or 100,000: levels are counted, and entity rows
   * are handed on (or collected) batch by batch.
   */
  private async scorecard(
    card: {
      entityRef: string;
      scope: IndexScope;
      children?: Array<{ entityRef: string; title: string | null }>;
      /** The child a component counts towards, if any. */
      childOf?: (row: IndexedRow) => string | undefined;
      indexedAt: Date;
    },
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const { model } = this.deps;
    const now = this.now();
    const children = card.children ?? [];
    const total = new RollUpAccumulator(model);
    const perChild = new Map(
      children.map(c => [c.entityRef, new RollUpAccumulator(model)]),
    );
    const sink = options.entities ?? 'collect';
    const entities: EntityMaturityRow[] = [];
    const columns = sink === 'none' ? ROLL_UP_COLUMNS : undefined;
    // Only a streamed answer waits on its client between batches.
    const fast = typeof sink !== 'function';
    for await (const batch of this.batches(card.scope, options, {
      columns,
      fast,
    })) {
      const rows: EntityMaturityRow[] = [];
      for (const row of batch) {
        const levels = row.levels
          ? this.summaries.levelsOf(row as Required<IndexedRow>)
          : null;
        const stale = levels !== null && now.getTime() > toTime(row.stale_at);
        total.addLevels(levels, stale);
        const child = card.childOf?.(row);
        if (child) perChild.get(child)?.addLevels(levels, stale);
        if (sink !== 'none') {
          rows.push(
            this.toRow(
              row,
              levels && this.summaries.dimensionsOf(levels.dimensionMedians),
            ),
          );
        }
      }
      if (typeof sink === 'function') await sink(rows);
      else if (sink === 'collect') entities.push(...rows);
    }
    return {
      entityRef: card.entityRef,
      ...total.result(),
      entities,
      children: children.map(child => {
        const rolled = perChild.get(child.entityRef)!.result();
        return {
          entityRef: child.entityRef,
          title: child.title,
          components: rolled.components,
          dimensions: Object.fromEntries(
            Object.entries(rolled.dimensions).map(([id, s]) => [id, s.median]),
          ),
          percentToTarget: rolled.percentToTarget,
        };
      }),
      indexedAt: card.indexedAt.toISOString(),
    };
  }

  private toRow(
    row: IndexedRow,
    // Only the medians: a list row shows no topic, so none is decoded.
    dimensionMedians: Record<string, number | null> | null = row.levels
      ? this.summaries.dimensionsOf(
          this.summaries.levelsOf(row as Required<IndexedRow>).dimensionMedians,
        )
      : null,
  ): EntityMaturityRow {
    return {
      entityRef: row.entity_ref,
      kind: row.kind,
      namespace: row.namespace,
      name: row.name,
      title: row.title ?? null,
      ownerRef: row.owner_ref ?? null,
      systemRef: row.system_ref ?? null,
      lifecycle: row.lifecycle ?? null,
      revision:
        row.revision === null || row.revision === undefined
          ? null
          : Number(row.revision),
      assessedAt: row.assessed_at ? toIso(row.assessed_at) : null,
      stale: row.stale_at ? this.now().getTime() > toTime(row.stale_at) : false,
      percentToTarget: row.percent_to_target ?? null,
      // A decoded summary has every dimension and topic of the model.
      dimensions: dimensionMedians ?? this.unassessed.dimensionMedians,
    };
  }

  private toCatalogRow(
    entityRef: string,
    row: CatalogSummaryRow | undefined,
    now: Date,
  ): CatalogMaturityRow {
    if (!row || row.revision === null) {
      return { entityRef, assessed: false, level: null, stale: false };
    }
    return {
      entityRef,
      assessed: true,
      level: row.lowest_median === null ? null : Number(row.lowest_median),
      stale: now.getTime() > toTime(row.stale_at),
      assessedAt: toIso(row.assessed_at),
      revision: Number(row.revision),
    };
  }

  private toExportRow(row: IndexedRow): EntityMaturityExportRow {
    const summary = this.summaryOf(row);
    return Object.assign(this.toRow(row, summary?.dimensionMedians), {
      topics: summary?.topicLevels ?? this.unassessed.topicLevels,
      notApplicable: summary?.notApplicableTopics ?? [],
    });
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  private toStored(
    record: AssessmentRecord,
    lifecycle: string | null,
  ): StoredAssessment {
    const result = this.summaries.resultOf(record, lifecycle);
    const { lifecycle: _lifecycle, ...rest } = record;
    return {
      ...rest,
      result: {
        ...result,
        stale: isStale(
          record.createdAt,
          this.now(),
          this.deps.scoring.staleAfterDays,
        ),
      },
    };
  }
}
