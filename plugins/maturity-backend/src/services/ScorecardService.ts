import {
  EntityMaturityRow,
  GroupTrend,
  MaturityModel,
  RollUpAccumulator,
  Scorecard,
} from '@cnmm/backstage-plugin-maturity-common';
import type {
  HistorySpan,
  IndexScope,
  RollUpEntity,
} from '../database/MaturityIndex';
import { EntityLookup } from './EntityLookup';
import { EntityRows } from './EntityRows';
import { ReadMoment, readMoment } from './readMoment';
import { Caller, ReadOptions } from './VisibleIndex';

/** Receives a scorecard's entity rows batch by batch, as they are read. */
export type EntityRowSink = (rows: EntityMaturityRow[]) => void | Promise<void>;

/**
 * A scorecard's entity rows are collected into its answer (the default),
 * left out (`none`: the roll-up only), or handed to a sink as they are read.
 */
export type ScorecardOptions = ReadOptions & {
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
  moment: ReadMoment;
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
    const moment = this.moment(options);
    const system = (await this.deps.entities.findEntity(systemRef, options))
      .ref;
    const indexedAt = await this.deps.indexer.ready();
    return this.scorecard(
      {
        entityRef: system,
        scope: { kind: 'component', system },
        indexedAt,
        moment,
      },
      options,
    );
  }

  async domainScorecard(
    domainRef: string,
    options: ScorecardOptions,
  ): Promise<Scorecard> {
    const { entities } = this.deps;
    const moment = this.moment(options);
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
        moment,
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
    const moment = this.moment(options);
    const root = (await this.deps.entities.findEntity(groupRef, options)).ref;
    const indexedAt = await this.deps.indexer.ready();
    return this.scorecard(
      {
        entityRef: root,
        ...(await this.groupScope(root, options)),
        indexedAt,
        moment,
      },
      options,
    );
  }

  /**
   * A group's dimension medians at the end of each of the last `months`
   * months (now for the current one), over today's members: one read of the
   * scope, and a read of the history a batch of it that holds at most one
   * row an entity a month, rather than a roll-up a month.
   */
  async groupTrend(
    groupRef: string,
    options: Caller & { months: number; direct: boolean },
  ): Promise<GroupTrend> {
    const { model, entities, rows: entityRows } = this.deps;
    const moments = monthEnds(this.now(), options.months);
    const root = (await entities.findEntity(groupRef, options)).ref;
    await this.deps.indexer.ready();
    const { scope } = await this.groupScope(root, options);
    const points = moments.map(() => new RollUpAccumulator(model));
    const visible = entities.visibleIndex(options);
    // Not `fast`: the history is read between batches.
    for await (const batch of visible.batches(scope, { fields: 'rollUp' })) {
      const refs = batch.map(entity => entity.entityRef);
      const spans = new Map<string, HistorySpan[]>();
      for (const span of await visible.historyAt(refs, moments)) {
        const own = spans.get(span.entityRef);
        if (own) own.push(span);
        else spans.set(span.entityRef, [span]);
      }
      for (const ref of refs) {
        moments.forEach((moment, i) => {
          const at = moment.getTime();
          const summary =
            spans
              .get(ref)
              ?.find(
                s =>
                  s.validFromMs <= at &&
                  (s.validToMs === null || s.validToMs > at),
              )?.summary ?? null;
          points[i].addLevels(summary, entityRows.isStale({ summary }, at));
        });
      }
    }
    return {
      entityRef: root,
      scopeAsOf: 'now',
      points: points.map((point, i) => {
        const { components, dimensions } = point.result();
        return {
          date: moments[i].toISOString().slice(0, 10),
          components: components.total,
          assessed: components.assessed,
          dimensions: Object.fromEntries(
            Object.entries(dimensions).map(([id, s]) => [id, s.median]),
          ),
        };
      }),
    };
  }

  /**
   * What a group covers: its own components with `direct`, else those of
   * the groups below it too, each counted towards the child of the root
   * above its first owner.
   */
  private async groupScope(
    root: string,
    options: Caller & { direct: boolean },
  ): Promise<Pick<Card, 'scope' | 'children' | 'childOf'>> {
    if (options.direct) return { scope: { kind: 'component', owner: root } };
    const tree = await this.deps.entities.visibleIndex(options).groupTree(root);
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
    return {
      // The tree is at hand: its refs spare the database another walk.
      scope: { kind: 'component', ownerIn: tree.map(g => g.entityRef) },
      children: tree
        .filter(g => g.parentRef === root && g.entityRef !== root)
        .map(g => ({ entityRef: g.entityRef, title: g.title })),
      childOf: entity =>
        entity.ownerRef ? topChild(entity.ownerRef) : undefined,
    };
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
    const atMs = card.moment.atMs;
    const children = card.children ?? [];
    const total = new RollUpAccumulator(model);
    const perChild = new Map(
      children.map(c => [c.entityRef, new RollUpAccumulator(model)]),
    );
    const count = (entity: RollUpEntity) => {
      // A summary is counted as read: its levels and sums in the model's order.
      const levels = entity.summary;
      const stale = levels !== null && entityRows.isStale(entity, atMs);
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
        const rows = batch.map(entity => entityRows.toRow(entity, atMs));
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
      ...card.moment.answer,
    };
  }

  /** The moment of a read; a 400 before anything is read for one to come. */
  private moment(options: ReadOptions): ReadMoment {
    return readMoment(options.asOf, this.now());
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/**
 * The last moment of each of the last `months` months in UTC, oldest first;
 * `now` for the current month, whose end is still to come.
 */
function monthEnds(now: Date, months: number): Date[] {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return Array.from({ length: months }, (_, i) => {
    const back = months - 1 - i;
    // Day 1 of the month after, less a millisecond.
    return back === 0 ? now : new Date(Date.UTC(year, month - back + 1, 1) - 1);
  });
}
