import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AssessmentHistoryPage,
  AssessmentResult,
  AssessmentSubmission,
  computeAssessmentResult,
  isStale,
  EntityFilter,
  EntityMaturityExportRow,
  EntityMaturityRow,
  MaturityModel,
  OVERVIEW_SORT_FIELDS,
  OverviewPage,
  resolveTargets,
  rollUp,
  Scorecard,
  ScorecardChild,
  StoredAssessment,
  TargetDefaults,
} from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentRecord, AssessmentStore } from '../database/AssessmentStore';
import { BoundedCache } from '../util/BoundedCache';
import { decodeCursor, encodeCursor } from './cursor';

type AssessedEntity = {
  entity: Entity;
  stored: StoredAssessment | null;
  result: AssessmentResult | null;
};

function toRow(
  model: MaturityModel,
  { entity, stored }: AssessedEntity,
): EntityMaturityRow {
  return {
    entityRef: normalizeRef(entity),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: entity.metadata.title ?? null,
    ownerRef: relationTarget(entity, RELATION_OWNED_BY),
    systemRef: relationTarget(entity, RELATION_PART_OF, 'system'),
    lifecycle: lifecycleOf(entity),
    revision: stored?.revision ?? null,
    assessedAt: stored?.createdAt ?? null,
    stale: stored?.result.stale ?? false,
    percentToTarget: stored?.result.percentToTarget ?? null,
    dimensions: Object.fromEntries(
      model.dimensions.map(d => [
        d.id,
        stored?.result.dimensions[d.id]?.median ?? null,
      ]),
    ),
  };
}

/** Scoring settings read from `maturity.*` config. */
export interface ScoringSettings {
  strict: boolean;
  staleAfterDays: number;
  targets: TargetDefaults;
}

type Options = { credentials: BackstageCredentials };

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.lifecycle',
  'relations',
];

const entityRefs = new WeakMap<Entity, string>();

/**
 * Lower-cased, so that refs from the catalog and from URLs compare equal.
 * Entity refs are ASCII, so the locale-free lower-casing is exact; it is
 * memoised per entity because scorecards ask for it many times.
 */
export function normalizeRef(ref: string | Entity): string {
  if (typeof ref === 'string') return ref.toLowerCase();
  let normalized = entityRefs.get(ref);
  if (!normalized) {
    normalized = stringifyEntityRef(ref).toLowerCase();
    entityRefs.set(ref, normalized);
  }
  return normalized;
}

function relationTarget(entity: Entity, type: string, kind?: string) {
  const relation = entity.relations?.find(
    r =>
      r.type === type && (!kind || parseEntityRef(r.targetRef).kind === kind),
  );
  return relation ? normalizeRef(relation.targetRef) : null;
}

function lifecycleOf(entity: Entity): string | null {
  const lifecycle = entity.spec?.lifecycle;
  return typeof lifecycle === 'string' ? lifecycle : null;
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

/**
 * What the maturity API does, between the router (HTTP, validation,
 * authorisation) and the store. Every catalog read is made with the caller's
 * credentials, so nothing the caller cannot see in the catalog is shown here.
 */
export class MaturityService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      store: AssessmentStore;
      catalog: CatalogService;
      scoring: ScoringSettings;
      now?: () => Date;
      /** The budget of the result cache; 32 MB by default. */
      cacheMaxBytes?: number;
    },
  ) {
    this.results = new BoundedCache({
      maxBytes: deps.cacheMaxBytes ?? 32 * 2 ** 20,
    });
  }

  private readonly results: BoundedCache<AssessmentResult>;

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

  async getLatest(entity: Entity): Promise<StoredAssessment> {
    const ref = normalizeRef(entity);
    const record = (await this.deps.store.getLatest([ref])).get(ref);
    if (!record) {
      throw new NotFoundError(`${ref} has no maturity assessment yet`);
    }
    return this.toStored(record, lifecycleOf(entity));
  }

  async submit(
    entity: Entity,
    submission: AssessmentSubmission,
    createdBy: string,
  ): Promise<StoredAssessment> {
    const record = await this.deps.store.insert({
      entityRef: normalizeRef(entity),
      baseRevision: submission.baseRevision,
      modelId: this.deps.model.id,
      modelVersion: this.deps.model.version,
      createdBy,
      ownerRef: relationTarget(entity, RELATION_OWNED_BY),
      systemRef: relationTarget(entity, RELATION_PART_OF, 'system'),
      lifecycle: lifecycleOf(entity),
      ratings: submission.ratings,
      targets: submission.targets ?? {},
      notes: submission.notes ?? {},
      evidence: submission.evidence ?? {},
      comment: submission.comment ?? null,
    });
    return this.toStored(record, lifecycleOf(entity));
  }

  async getHistory(
    entity: Entity,
    query: { limit: number; cursor?: string },
  ): Promise<AssessmentHistoryPage> {
    const before = query.cursor
      ? decodeCursor(query.cursor, 'beforeRevision')
      : undefined;
    const records = await this.deps.store.getHistory(normalizeRef(entity), {
      limit: query.limit + 1,
      beforeRevision: before,
    });
    const items = records
      .slice(0, query.limit)
      .map(r => this.toStored(r, lifecycleOf(entity)));
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
    options: Options,
  ): Promise<Scorecard> {
    const system = await this.getEntity(systemRef, options);
    const components = await this.entities(
      {
        kind: 'component',
        [`relations.${RELATION_PART_OF}`]: normalizeRef(system),
      },
      options,
    );
    return this.scorecard(normalizeRef(system), components, []);
  }

  async domainScorecard(
    domainRef: string,
    options: Options,
  ): Promise<Scorecard> {
    const domain = await this.getEntity(domainRef, options);
    const systems = await this.entities(
      {
        kind: 'system',
        [`relations.${RELATION_PART_OF}`]: normalizeRef(domain),
      },
      options,
    );
    const components = systems.length
      ? await this.entities(
          {
            kind: 'component',
            [`relations.${RELATION_PART_OF}`]: systems.map(s =>
              normalizeRef(s),
            ),
          },
          options,
        )
      : [];
    const groups = systems.map(system => ({
      entity: system,
      members: components.filter(
        c =>
          relationTarget(c, RELATION_PART_OF, 'system') ===
          normalizeRef(system),
      ),
    }));
    return this.scorecard(normalizeRef(domain), components, groups);
  }

  /**
   * A group covers the entities owned by it and by all its descendant groups
   * (or only its own with `direct`). The tree is read in one catalog query.
   */
  async groupScorecard(
    groupRef: string,
    options: Options & { direct: boolean },
  ): Promise<Scorecard> {
    const group = await this.getEntity(groupRef, options);
    const rootRef = normalizeRef(group);
    const allGroups = await this.entities({ kind: 'group' }, options);
    const childrenOf = new Map<string, Entity[]>();
    for (const g of allGroups) {
      const parent = relationTarget(g, RELATION_CHILD_OF);
      if (parent)
        childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), g]);
    }
    const subtree = (ref: string): string[] => {
      const seen = new Set<string>([ref]);
      const queue = [ref];
      while (queue.length) {
        for (const child of childrenOf.get(queue.shift()!) ?? []) {
          const childRef = normalizeRef(child);
          if (!seen.has(childRef)) {
            seen.add(childRef);
            queue.push(childRef);
          }
        }
      }
      return [...seen];
    };

    const owners = options.direct ? [rootRef] : subtree(rootRef);
    const components = await this.entities(
      { kind: 'component', [`relations.${RELATION_OWNED_BY}`]: owners },
      options,
    );
    const children = options.direct
      ? []
      : (childrenOf.get(rootRef) ?? []).map(child => {
          const covered = new Set(subtree(normalizeRef(child)));
          return {
            entity: child,
            members: components.filter(c =>
              covered.has(relationTarget(c, RELATION_OWNED_BY) ?? ''),
            ),
          };
        });
    return this.scorecard(rootRef, components, children);
  }

  async overview(
    query: EntityFilter & {
      sortBy: string;
      order: 'asc' | 'desc';
      limit: number;
      cursor?: string;
    },
    options: Options,
  ): Promise<OverviewPage> {
    const dimensionIds = this.deps.model.dimensions.map(d => d.id);
    const sortFields: readonly string[] = OVERVIEW_SORT_FIELDS;
    const byDimension = dimensionIds.includes(query.sortBy);
    if (!byDimension && !sortFields.includes(query.sortBy)) {
      throw new InputError(
        `sortBy must be one of ${[...sortFields, ...dimensionIds].join(', ')}`,
      );
    }
    const offset = query.cursor ? decodeCursor(query.cursor, 'offset') : 0;
    const rows = (await this.filtered(query, options)).map(a =>
      toRow(this.deps.model, a),
    );
    const value = (row: EntityMaturityRow): string | number | null => {
      if (byDimension) return row.dimensions[query.sortBy];
      if (query.sortBy === 'name') return row.entityRef;
      return row[query.sortBy as 'percentToTarget' | 'assessedAt' | 'revision'];
    };
    const direction = query.order === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      // Unassessed rows go last in either direction; ties fall back to the ref.
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x < y) {
        return -direction;
      } else if (x > y) {
        return direction;
      }
      return a.entityRef < b.entityRef ? -1 : 1;
    });
    return {
      items: rows.slice(offset, offset + query.limit),
      totalCount: rows.length,
      nextCursor:
        offset + query.limit < rows.length
          ? encodeCursor('offset', offset + query.limit)
          : null,
    };
  }

  /** Every filtered entity with its topic levels, ordered by ref. */
  async exportRows(
    filter: EntityFilter,
    options: Options,
  ): Promise<EntityMaturityExportRow[]> {
    const assessed = await this.filtered(filter, options);
    return assessed
      .map(a => ({
        ...toRow(this.deps.model, a),
        topics: Object.fromEntries(
          this.deps.model.dimensions.flatMap(d =>
            d.topics.map(t => [t.id, a.result?.topics[t.id]?.level ?? null]),
          ),
        ),
      }))
      .sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
  }

  private async filtered(
    filter: EntityFilter,
    options: Options,
  ): Promise<AssessedEntity[]> {
    const catalogFilter: Record<string, string> = {
      kind: filter.kind ?? 'component',
    };
    if (filter.owner) {
      catalogFilter[`relations.${RELATION_OWNED_BY}`] = parseFilterRef(
        filter.owner,
        'group',
      );
    }
    if (filter.system) {
      catalogFilter[`relations.${RELATION_PART_OF}`] = parseFilterRef(
        filter.system,
        'system',
      );
    }
    if (filter.lifecycle) catalogFilter['spec.lifecycle'] = filter.lifecycle;
    const assessed = await this.assess(
      await this.entities(catalogFilter, options),
    );
    const { minLevel } = filter;
    if (minLevel === undefined) return assessed;
    return assessed.filter(({ result }) => {
      const medians = Object.values(result?.dimensions ?? {})
        .map(d => d.median)
        .filter((m): m is number => m !== null);
      return medians.length > 0 && Math.min(...medians) >= minLevel;
    });
  }

  private async entities(
    filter: Record<string, string | string[]>,
    options: Options,
  ): Promise<Entity[]> {
    const { items } = await this.deps.catalog.getEntities(
      { filter, fields: ENTITY_FIELDS },
      options,
    );
    return items;
  }

  /** The latest assessment of each entity, read in one query per 1000. */
  private async assess(entities: Entity[]): Promise<AssessedEntity[]> {
    const latest = await this.deps.store.getLatest(
      entities.map(e => normalizeRef(e)),
    );
    return entities.map(entity => {
      const record = latest.get(normalizeRef(entity));
      const stored = record ? this.toStored(record, lifecycleOf(entity)) : null;
      return { entity, stored, result: stored?.result ?? null };
    });
  }

  private async scorecard(
    entityRef: string,
    entities: Entity[],
    childGroups: Array<{ entity: Entity; members: Entity[] }>,
  ): Promise<Scorecard> {
    const assessed = await this.assess(entities);
    const resultOf = new Map(
      assessed.map(a => [normalizeRef(a.entity), a.result]),
    );
    const children: ScorecardChild[] = childGroups.map(
      ({ entity, members }) => {
        const child = rollUp(
          this.deps.model,
          members.map(m => ({ result: resultOf.get(normalizeRef(m)) ?? null })),
        );
        return {
          entityRef: normalizeRef(entity),
          title: entity.metadata.title ?? null,
          components: child.components,
          dimensions: Object.fromEntries(
            Object.entries(child.dimensions).map(([id, s]) => [id, s.median]),
          ),
          percentToTarget: child.percentToTarget,
        };
      },
    );
    return {
      entityRef,
      ...rollUp(this.deps.model, assessed),
      entities: assessed.map(a => toRow(this.deps.model, a)),
      children,
    };
  }

  private toStored(
    record: AssessmentRecord,
    lifecycle: string | null,
  ): StoredAssessment {
    const { scoring, model } = this.deps;
    const effectiveLifecycle = lifecycle ?? record.lifecycle ?? undefined;
    // The model and settings are fixed for the process and the snapshot is
    // immutable, so its result changes only with the lifecycle and the clock;
    // its creation time tells it apart from any other snapshot.
    const key = `${record.entityRef}#${record.revision}#${record.createdAt}#${effectiveLifecycle}`;
    let result = this.results.get(key);
    if (!result) {
      const targets = resolveTargets(model, {
        assessmentTargets: record.targets,
        defaults: scoring.targets,
        lifecycle: effectiveLifecycle,
      });
      result = computeAssessmentResult(
        model,
        { ratings: record.ratings, targets, createdAt: record.createdAt },
        { strict: scoring.strict, staleAfterDays: scoring.staleAfterDays },
      );
      this.results.set(key, result);
    }
    const { lifecycle: _lifecycle, ...rest } = record;
    return {
      ...rest,
      result: {
        ...result,
        stale: isStale(
          record.createdAt,
          this.deps.now?.() ?? new Date(),
          scoring.staleAfterDays,
        ),
      },
    };
  }
}
