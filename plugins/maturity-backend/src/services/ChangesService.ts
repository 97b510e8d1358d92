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
  IndexedEntity,
  IndexScope,
  StoredSummary,
} from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';
import { EntityLookup } from './EntityLookup';
import { filterScope, ListFilter } from './filterScope';
import { readMoment } from './readMoment';
import { IndexReadiness } from './ScorecardService';
import { Summaries } from './Summaries';
import { Caller } from './VisibleIndex';

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

/** An entity of the scope, its summary at `from` if any, and how it moved. */
type Moved = {
  entity: IndexedEntity;
  before: StoredSummary | undefined;
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
    const { span, indexedAt, batches } = await this.read(query, caller);
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
    const { span, indexedAt, batches } = await this.read(query, caller);
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
   * and the history at `from` a batch. An entity unassessed at both is not
   * one; nor is one assessed at `from` whose history no longer holds a
   * summary at `to` (a snapshot purged since): nothing says how it moved.
   */
  private async read(query: ChangesQuery, caller: Caller) {
    const now = this.deps.now?.() ?? new Date();
    const from = new Date(readMoment(query.from, now, 'from').atMs);
    // Without `to`, the summaries of now: the same read as the overview's.
    const to = query.to && new Date(readMoment(query.to, now, 'to').atMs);
    if (from.getTime() >= (to ?? now).getTime()) {
      throw new InputError('from must be before to');
    }
    const indexedAt = await this.deps.indexer.ready();
    const scope = directly(
      await filterScope(query, this.deps.entities, caller),
      query.direct,
    );
    const visible = this.deps.entities.visibleIndex({ ...caller, asOf: to });
    const change = (entity: IndexedEntity, before: StoredSummary | undefined) =>
      this.change(entity, before);
    async function* batches(): AsyncGenerator<Moved[]> {
      // Not `fast`: the history is read between batches.
      for await (const batch of visible.batches(scope)) {
        const assessed = batch.filter(entity => entity.summary);
        const spans = await visible.historyAt(
          assessed.map(entity => entity.entityRef),
          [from],
        );
        const before = new Map(spans.map(s => [s.entityRef, s.summary]));
        yield assessed.map(entity =>
          change(entity, before.get(entity.entityRef)),
        );
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
  private change(
    entity: IndexedEntity,
    before: StoredSummary | undefined,
  ): Moved {
    const { summaries } = this.deps;
    return {
      entity,
      before,
      movement: comparePositionalLevels(
        before ? summaries.positions(before) : null,
        summaries.positions(entity.summary!),
      ),
    };
  }

  /** The answer's row of an entity that moved, its levels by id. */
  private row({ entity, before, movement }: Moved): ChangeRow {
    return {
      entityRef: entity.entityRef,
      title: entity.title,
      ownerRef: entity.ownerRef,
      movement,
      before: before ? this.levelsAt(before) : null,
      after: this.levelsAt(entity.summary!),
    };
  }

  private levelsAt(summary: StoredSummary): LevelsAt {
    const { dimensionMedians, topicLevels } =
      this.deps.summaries.decode(summary);
    return {
      revision: summary.revision,
      assessedAt: summary.assessedAt,
      dimensions: dimensionMedians,
      topics: topicLevels,
    };
  }
}

/** A group filter without its sub-teams: the group as the owner. */
function directly(scope: IndexScope, direct: boolean | undefined): IndexScope {
  if (!direct || scope.ownerSubtreeOf === undefined) return scope;
  const { ownerSubtreeOf, ...rest } = scope;
  return { ...rest, owner: scope.owner ?? ownerSubtreeOf };
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
