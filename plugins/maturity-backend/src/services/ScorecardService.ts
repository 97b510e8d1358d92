import {
  EntityMaturityRow,
  MaturityModel,
  RollUpAccumulator,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import type { IndexScope, RollUpEntity } from '../database/MaturityIndex';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { Caller } from './VisibleIndex';

/** Receives a scorecard's entity rows batch by batch, as they are read. */
export type EntityRowSink = (rows: EntityMaturityRow[]) => void | Promise<void>;

/**
 * A scorecard's entity rows are collected into its answer (the default),
 * left out (`none`: the roll-up only), or handed to a sink as they are read.
 */
export type ScorecardOptions = Caller & {
  entities?: 'collect' | 'none' | EntityRowSink;
};

/** When the index last caught up with the catalog; syncs a fresh one first. */
export interface IndexReadiness {
  ready(): Promise<Date>;
}

type Card = {
  entityRef: string;
  scope: IndexScope;
  children?: Array<{ entityRef: string; title: string | null }>;
  /** The child a component counts towards, if any. */
  childOf?: (entity: RollUpEntity) => string | undefined;
  indexedAt: Date;
};

/** Scorecards of a system, a domain and a group with its sub-teams. */
export class ScorecardService {
  constructor(
    private readonly deps: {
      model: MaturityModel;
      indexer: IndexReadiness;
      entities: EntityLookup;
      rows: EntityRows;
      now?: () => Date;
    },
  ) {}

  async systemScorecard(
    systemRef: string,
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const system = (await this.deps.entities.findEntity(systemRef, options))
      .ref;
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
    const { entities } = this.deps;
    const domain = (await entities.findEntity(domainRef, options)).ref;
    const indexedAt = await this.deps.indexer.ready();
    const systems = await entities
      .visibleIndex(options)
      .rows({ kind: 'system', domain });
    return this.scorecard(
      {
        entityRef: domain,
        scope: { kind: 'component', systemInDomain: domain },
        children: systems.map(s => ({
          entityRef: s.entityRef,
          title: s.title,
        })),
        childOf: entity => entity.systemRef ?? undefined,
        indexedAt,
      },
      options,
    );
  }

  /**
   * A group covers the entities owned by it and by all its descendant groups
   * (or only its own with `direct`); the tree is walked in SQL, through the
   * groups the caller may see. An entity counts towards the sub-team of its
   * first owner.
   */
  async groupScorecard(
    groupRef: string,
    options: ScorecardOptions & { direct: boolean },
  ): Promise<Scorecard> {
    const { entities } = this.deps;
    const root = (await entities.findEntity(groupRef, options)).ref;
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
    const visible = entities.visibleIndex(options);
    const tree = await visible.groupTree(root);
    // Each group below the root belongs to the child of the root above it.
    const parentOf = new Map(tree.map(g => [g.entityRef, g.parentRef]));
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
    return this.scorecard(
      {
        entityRef: root,
        // The tree is at hand: its refs spare the database another walk.
        scope: { kind: 'component', ownerIn: tree.map(g => g.entityRef) },
        children: tree
          .filter(g => g.parentRef === root && g.entityRef !== root)
          .map(g => ({ entityRef: g.entityRef, title: g.title })),
        childOf: entity =>
          entity.ownerRef ? topChild(entity.ownerRef) : undefined,
        indexedAt,
      },
      options,
    );
  }

  /**
   * Rolls a scope up while reading it in batches, so that memory stays the
   * same for 100 components or 100,000: levels are counted, and entity rows
   * are handed on (or collected) batch by batch.
   */
  private async scorecard(
    card: Card,
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const { model, rows: entityRows } = this.deps;
    const nowMs = (this.deps.now?.() ?? new Date()).getTime();
    const children = card.children ?? [];
    const total = new RollUpAccumulator(model);
    const perChild = new Map(
      children.map(c => [c.entityRef, new RollUpAccumulator(model)]),
    );
    const count = (entity: RollUpEntity) => {
      // A summary is counted as read: its levels and sums in the model's order.
      const levels = entity.summary;
      const stale = levels !== null && entityRows.isStale(entity, nowMs);
      total.addLevels(levels, stale);
      const child = card.childOf?.(entity);
      if (child) perChild.get(child)?.addLevels(levels, stale);
    };
    const visible = this.deps.entities.visibleIndex(options);
    const sink = options.entities ?? 'collect';
    const entities: EntityMaturityRow[] = [];
    if (sink === 'none') {
      // The roll-up alone reads only what it counts.
      const batches = visible.batches(card.scope, {
        fields: 'rollUp',
        fast: true,
      });
      for await (const batch of batches) batch.forEach(count);
    } else {
      // Only a streamed answer waits on its client between batches.
      const fast = typeof sink !== 'function';
      for await (const batch of visible.batches(card.scope, { fast })) {
        batch.forEach(count);
        const rows = batch.map(entity => entityRows.toRow(entity, nowMs));
        if (typeof sink === 'function') await sink(rows);
        else entities.push(...rows);
      }
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
}
