import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MaturityIndex } from '../database/MaturityIndex';
import { lifecycleOf, normalizeRef } from './entityRefs';
import { Caller, IndexTrust, ReadOptions, VisibleIndex } from './VisibleIndex';

/** An entity as reads need it: its ref and the lifecycle that picks targets. */
export type EntityTarget = { ref: string; lifecycle: string | null };

/** An entity as the catalog shows it to a caller now, with its `metadata.uid`. */
export type CatalogEntity = EntityTarget & { uid: string | null };

/** What a read of one entity needs of the catalog's answer. */
const CONFIRMED_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.uid',
  'spec.lifecycle',
];

/** Finds entities for one caller, in the index where it can and else in the catalog. */
export class EntityLookup {
  constructor(
    private readonly deps: {
      index: MaturityIndex;
      catalog: CatalogService;
      trust: IndexTrust;
    },
  ) {}

  /** The index as this caller may see it, at the read's moment. */
  visibleIndex(read: ReadOptions): VisibleIndex {
    return new VisibleIndex(
      this.deps.index,
      this.deps.catalog,
      read,
      this.deps.trust,
    );
  }

  /** The entity from the catalog, or a 404 when it is unknown or not visible. */
  async getEntity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, options);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    return entity;
  }

  /**
   * The entity as the catalog shows it to the caller now: one lookup with
   * the caller's credentials, never the index, which may be a sync behind an
   * ownership change. For reads of one entity's notes, evidence and
   * comments; a 404 when it is unknown or not visible.
   */
  async confirmEntity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<CatalogEntity> {
    // By refs with only these fields: a smaller answer than by name, and
    // measurably faster (docs/benchmarks.md, issue 24).
    const {
      items: [entity],
    } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [entityRef], fields: CONFIRMED_FIELDS },
      options,
    );
    if (!entity) throw new NotFoundError(`No entity ${entityRef} found`);
    return {
      ref: normalizeRef(entity),
      lifecycle: lifecycleOf(entity),
      uid: entity.metadata.uid ?? null,
    };
  }

  /**
   * An entity the caller may see, from the index when the caller's read
   * decision can be answered there (one query, no catalog round trip), else
   * from the catalog; a 404 when it is unknown or not visible.
   */
  async findEntity(entityRef: string, caller: Caller): Promise<EntityTarget> {
    const row = await this.visibleIndex(caller).find(normalizeRef(entityRef));
    if (row) return { ref: row.entityRef, lifecycle: row.lifecycle };
    // Not indexed yet, hidden, or for the catalog to decide: it knows.
    const entity = await this.getEntity(entityRef, caller);
    return { ref: normalizeRef(entity), lifecycle: lifecycleOf(entity) };
  }
}
