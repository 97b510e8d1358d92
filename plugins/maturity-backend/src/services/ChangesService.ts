import { InputError } from '@backstage/errors';
import {
  ChangeRow,
  ChangesPage,
  comparePositionalLevels,
  LevelsAt,
  Movement,
  MovementCounts,
} from '@cnmm/backstage-plugin-maturity-common';
import type {
  ChangedEntity,
  IndexScope,
  LevelsOf,
} from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';
import { EntityLookup } from './EntityLookup';
import { filterScope, ListFilter } from './filterScope';
import { readMoment } from './readMoment';
import { IndexReadiness } from './ScorecardService';
import { Summaries } from './Summaries';
import { Caller, VisibleIndex } from './VisibleIndex';

/** A changes query: two moments, a scope, and which movements to list. */
export type ChangesQuery = Omit<ListFilter, 'minLevel'> & {
  from: Date;
  /** Now when omitted. */
  to?: Date;
  /** A group's own entities only, not its sub-teams'. */
  direct?: boolean;
  movement?: Movement;
};

/** The moments a changes read compares, as its answer says them. */
export type ChangesSpan = { from: string; to: string };

const BY_REF = { by: 'name', order: 'asc' } as const;

/** An entity of the scope, assessed at `to`, and how it moved. */
type Moved = {
  entity: ChangedEntity & { summary: LevelsOf };
  movement: Movement;
};

const noMovement = (): MovementCounts => ({
  improved: 0,
  regressed: 0,
  newlyAssessed: 0,
  unchanged: 0,
});

const COUNTED: Record<Movement, keyof MovementCounts> = {
  improved: 'improved',
  regressed: 'regressed',
  'newly-assessed': 'newlyAssessed',
  unchanged: 'unchanged',
};

/**
 * What changed between two dates in a scope (the overview's filters): per
 * entity its levels at both and how it moved (the rule of `compareLevels` of
 * -common, on the levels by position: records only for the rows answered),
 * and how many moved each way, in all and per team. Membership is today's;
 * the levels are the summary history's, never a snapshot. The scope is read
 * once, in batches, whatever the page: totals and teams need all of it, and
 * a page is the first entities after the cursor among them, kept as it goes.
 * Each entity's levels at both moments come in the statement that reads
 * the scope: asked a batch at a time, the database's round trips were half
 * of a department's answer on PostgreSQL (docs/benchmarks.md).
 */
export class ChangesService {
  constructor(
    private readonly deps: {
      indexer: IndexReadiness;
      entities: EntityLookup;
      summaries: Summaries;
      now?: () => Date;
    },
  ) {}

  /** One page of the entities that moved as asked, after `cursor` by ref. */
  async page(
    query: ChangesQuery & { limit: number; cursor?: string },
    caller: Caller,
  ): Promise<ChangesPage> {
    const after = query.cursor && decodeKeyset(query.cursor, BY_REF).ref;
    const { span, indexedAt, batches } = await this.read(query, caller, {
      // Nothing is awaited between batches: the scope is one statement.
      fast: true,
    });
    const totals = noMovement();
    const teams = new Map<string | null, MovementCounts>();
    // The smallest refs after the cursor, one more than a page: in ref order.
    const kept: Moved[] = [];
    for await (const batch of batches) {
      for (const moved of batch) {
        const { entity, movement } = moved;
        const counted = COUNTED[movement];
        totals[counted]++;
        const team = teams.get(entity.ownerRef) ?? noMovement();
        team[counted]++;
        teams.set(entity.ownerRef, team);
        if (query.movement && movement !== query.movement) continue;
        if (after && entity.entityRef <= after) continue;
        keepSmallest(kept, moved, query.limit + 1);
      }
    }
    const items = kept.slice(0, query.limit).map(moved => this.row(moved));
    const last = items[items.length - 1];
    return {
      ...span,
      scopeAsOf: 'now',
      indexedAt: indexedAt.toISOString(),
      totals,
      teams: [...teams.entries()]
        .sort(([a], [b]) => compareRefs(a, b))
        .map(([ownerRef, counts]) => ({ ownerRef, ...counts })),
      items,
      nextCursor:
        kept.length > query.limit && last
          ? encodeKeyset({ value: null, ref: last.entityRef })
          : null,
    };
  }

  /**
   * Every entity of the scope that moved as asked, in batches, for a file:
   * the moments are checked, and the scope looked up, before it is read.
   */
  async rows(
    query: ChangesQuery,
    caller: Caller,
  ): Promise<{
    span: ChangesSpan;
    indexedAt: Date;
    rows: AsyncGenerator<ChangeRow[]>;
  }> {
    // A file waits on its client between batches: no statement held open.
    const { span, indexedAt, batches } = await this.read(query, caller, {
      fast: false,
    });
    const row = (moved: Moved) => this.row(moved);
    async function* rows() {
      for await (const batch of batches) {
        const asked = query.movement
          ? batch.filter(moved => moved.movement === query.movement)
          : batch;
        yield asked.map(row);
      }
    }
    return { span, indexedAt, rows: rows() };
  }

  /**
   * The scope's entities assessed at `to` (now by default), each with its
   * levels then and at `from`, batch by batch: the scope read as of `to`,
   * its summaries at `from` beside (the scope's `since`). An entity
   * unassessed at both is not one; nor is one assessed at `from` whose
   * history no longer holds a summary at `to` (a snapshot purged since):
   * nothing says how it moved. `fast` as for `VisibleIndex.batches`.
   */
  private async read(
    query: ChangesQuery,
    caller: Caller,
    { fast }: { fast: boolean },
  ) {
    const now = this.deps.now?.() ?? new Date();
    const from = new Date(readMoment(query.from, now, 'from').atMs);
    // Without `to`, the summaries of now: the same read as the overview's.
    const to = query.to && new Date(readMoment(query.to, now, 'to').atMs);
    if (from.getTime() >= (to ?? now).getTime()) {
      throw new InputError('from must be before to');
    }
    const indexedAt = await this.deps.indexer.ready();
    const visible = this.deps.entities.visibleIndex({ ...caller, asOf: to });
    const scope = await byTeams(
      directly(
        await filterScope(query, this.deps.entities, caller),
        query.direct,
      ),
      visible,
    );
    const change = (entity: Moved['entity']) => this.change(entity);
    async function* batches(): AsyncGenerator<Moved[]> {
      const read = visible.batches(
        { ...scope, since: from },
        { fields: 'change', fast },
      );
      for await (const batch of read) {
        yield batch.filter(isAssessed).map(change);
      }
    }
    return {
      span: { from: from.toISOString(), to: (to ?? now).toISOString() },
      indexedAt,
      batches: batches(),
    };
  }

  /**
   * How an entity moved, judged on the levels by position: a whole scope is
   * compared, and only the rows answered are made (`row`).
   */
  private change(entity: Moved['entity']): Moved {
    const { summaries } = this.deps;
    const { before, summary } = entity;
    return {
      entity,
      movement: comparePositionalLevels(
        before && summaries.positions(before),
        summaries.positions(summary),
      ),
    };
  }

  /** The answer's row of an entity that moved, its levels by id. */
  private row({ entity, movement }: Moved): ChangeRow {
    return {
      entityRef: entity.entityRef,
      title: entity.title,
      ownerRef: entity.ownerRef,
      movement,
      before: entity.before && this.levelsAt(entity.before),
      after: this.levelsAt(entity.summary),
    };
  }

  private levelsAt(levels: LevelsOf): LevelsAt {
    const { summaries } = this.deps;
    return {
      revision: levels.revision,
      assessedAt: new Date(levels.assessedAtMs).toISOString(),
      dimensions: summaries.dimensionsOf(levels.dimensionMedians),
      topics: summaries.topicsOf(levels.topicLevels),
    };
  }
}

/** Whether an entity was assessed at the read's moment: one that moved. */
function isAssessed(entity: ChangedEntity): entity is Moved['entity'] {
  return entity.summary !== null;
}

/** A group filter without its sub-teams: the group as the owner. */
function directly(scope: IndexScope, direct: boolean | undefined): IndexScope {
  if (!direct || scope.ownerSubtreeOf === undefined) return scope;
  const { ownerSubtreeOf, ...rest } = scope;
  return { ...rest, owner: scope.owner ?? ownerSubtreeOf };
}

/**
 * A group with its sub-teams as the groups it holds, read first, as a group
 * scorecard reads it: PostgreSQL plans the scope's statement with the real
 * number of owners, where for a recursive walk it guessed a handful and
 * joined the history row by row, more than twice as slow for a department
 * (docs/benchmarks.md).
 */
async function byTeams(
  scope: IndexScope,
  visible: VisibleIndex,
): Promise<IndexScope> {
  const { ownerSubtreeOf, ...rest } = scope;
  if (ownerSubtreeOf === undefined) return scope;
  const tree = await visible.groupTree(ownerSubtreeOf);
  const teams = new Set([ownerSubtreeOf, ...tree.map(g => g.entityRef)]);
  return { ...rest, ownerIn: [...teams] };
}

/** Refs in the order of their UTF-16 code units, no owner last. */
function compareRefs(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Keeps the `size` rows of smallest ref in `kept`, in ref order. */
function keepSmallest(kept: Moved[], row: Moved, size: number) {
  const ref = row.entity.entityRef;
  let low = 0;
  let high = kept.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (kept[mid].entity.entityRef < ref) low = mid + 1;
    else high = mid;
  }
  if (low >= size) return;
  kept.splice(low, 0, row);
  if (kept.length > size) kept.pop();
}
