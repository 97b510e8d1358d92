import {
  Campaign,
  CampaignGoals,
  CampaignScope,
  campaignScopeSchema,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  GoalEntity,
  IndexedEntity,
  IndexScope,
  MaturityIndex,
} from '../database/MaturityIndex';
import { chunks } from '../util/chunks';
import { EntityLookup } from './EntityLookup';
import { parseFilterRef } from './entityRefs';
import { IndexReadiness } from './ScorecardService';
import { GoalLevelsAt, Summaries } from './Summaries';
import { Caller } from './VisibleIndex';

/** An entity covered by a campaign, with its latest snapshot's levels. */
export interface ScopedEntity {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
  latest: GoalLevelsAt | null;
}

/**
 * A part of a scope: some entities (the one whose page is shown, or a page
 * of a campaign's list), or those whose (first) owner is one of a team's
 * groups.
 */
export type ScopePart = { entityRefs: string[] } | { ownedBy: Set<string> };

/** Finds the entities a campaign covers, as one caller may see them. */
export interface CampaignScopeResolver {
  /**
   * In-scope entities visible to the caller, ordered by ref; only those of
   * `part` when given, so that a page about one entity or team never reads
   * a whole scope. `latest` holds only the levels the goals name (all a
   * check of them reads), so that a whole organisation's entities are not
   * held with every level.
   */
  resolve(
    scope: CampaignScope,
    goals: CampaignGoals,
    options: Caller,
    part?: ScopePart,
  ): Promise<ScopedEntity[]>;
  /**
   * Each in-scope entity visible to the caller, as `resolve` has it, handed
   * to `visit` as it is read, in no order: for a reader that checks each at
   * once and keeps little of it, so that a whole organisation is never
   * held. `visit` must not wait on anyone: one statement reads the scope.
   */
  each(
    scope: CampaignScope,
    goals: CampaignGoals,
    options: Caller,
    visit: (entity: ScopedEntity) => void,
  ): Promise<void>;
  /** A group's ref and those of every group below it. */
  groupSubtree(groupRef: string): Promise<Set<string>>;
  /** The refs among `entityRefs` (normalised) that the caller may see. */
  visibleRefs(entityRefs: string[], caller: Caller): Promise<Set<string>>;
}

/** Owners bound at once, well below any database's bind limit. */
const OWNERS_PER_QUERY = 500;

const ref = (value: string, defaultKind: string) =>
  parseFilterRef(value, defaultKind, ' in campaign scope');

/** A scope's ref, or undefined for one that names no entity (nothing to hide). */
function namedRef(value: string | undefined, defaultKind: string) {
  try {
    return value ? ref(value, defaultKind) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why a stored scope cannot be read, or undefined when it can. Scopes are
 * checked when written; one stored before that check (or edited in the
 * database) is found here, so that it is skipped rather than fatal.
 */
export function scopeProblem(scope: CampaignScope): string | undefined {
  const parsed = campaignScopeSchema.safeParse(scope);
  return parsed.success
    ? undefined
    : parsed.error.issues
        .map(i => `scope.${i.path.join('.')}: ${i.message}`)
        .join('; ');
}

/** The refs a scope names, normalised, with the words shown when hidden. */
const NAMED_REFS = [
  { key: 'owner', defaultKind: 'group', hidden: 'a hidden group' },
  { key: 'system', defaultKind: 'system', hidden: 'a hidden system' },
] as const;

/** Every entity ref the scopes of these campaigns name. */
export function scopeRefs(campaigns: Campaign[]): string[] {
  const refs = new Set<string>();
  for (const { scope } of campaigns) {
    for (const { key, defaultKind } of NAMED_REFS) {
      const named = namedRef(scope[key], defaultKind);
      if (named) refs.add(named);
    }
  }
  return [...refs];
}

/**
 * A campaign as a caller may read it: a group or system named in its scope
 * that the caller cannot see is replaced by words ("a hidden group"), and
 * `hiddenScope` says which keys were, so that no client edits them blindly.
 */
export function showScope<T extends Campaign>(
  campaign: T,
  visible: Set<string>,
): T {
  const hidden = NAMED_REFS.filter(({ key, defaultKind }) => {
    const named = namedRef(campaign.scope[key], defaultKind);
    return named !== undefined && !visible.has(named);
  });
  if (!hidden.length) return campaign;
  return {
    ...campaign,
    scope: {
      ...campaign.scope,
      ...Object.fromEntries(hidden.map(h => [h.key, h.hidden])),
    },
    hiddenScope: hidden.map(h => h.key),
  };
}

/**
 * Resolves scopes over the catalog index and the summary rows, with the
 * caller's catalog visibility, like the overview: an entity the caller cannot
 * see is never counted.
 */
export class IndexCampaignScopeResolver implements CampaignScopeResolver {
  constructor(
    private readonly deps: {
      index: Pick<MaturityIndex, 'groupTree'>;
      indexer: IndexReadiness;
      entities: EntityLookup;
      summaries: Summaries;
    },
  ) {}

  async resolve(
    scope: CampaignScope,
    goals: CampaignGoals,
    caller: Caller,
    part?: ScopePart,
  ): Promise<ScopedEntity[]> {
    const entities: ScopedEntity[] = [];
    if (!part) {
      await this.each(scope, goals, caller, entity => entities.push(entity));
    } else {
      // A part is a few rows, read whole.
      const { index, whole, scoped } = await this.reader(scope, goals, caller);
      const scopedRow = ({ summary, ...row }: IndexedEntity) =>
        scoped({
          ...row,
          summary: summary && {
            ...summary,
            assessedAtMs: Date.parse(summary.assessedAt),
          },
        });
      // The scope's own tests stay; the part's are added to them.
      const parts: IndexScope[] =
        'entityRefs' in part
          ? chunks(part.entityRefs).map(entityRefs => ({
              ...whole,
              entityRefs,
            }))
          : chunks([...part.ownedBy], OWNERS_PER_QUERY).map(owners => ({
              ...whole,
              owners,
            }));
      for (const p of parts) {
        for (const row of await index.rows(p)) entities.push(scopedRow(row));
      }
    }
    return entities.sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
  }

  async each(
    scope: CampaignScope,
    goals: CampaignGoals,
    caller: Caller,
    visit: (entity: ScopedEntity) => void,
  ): Promise<void> {
    const { index, whole, scoped } = await this.reader(scope, goals, caller);
    // A whole organisation's rows are read by one statement, with the
    // columns a campaign checks only, and of each only the levels its goals
    // name.
    await index.each(
      whole,
      { fields: 'goals', levels: this.deps.summaries.goalPositions(goals) },
      row => visit(scoped(row)),
    );
  }

  /** The caller's index, the scope as it filters it, and its rows' reader. */
  private async reader(
    scope: CampaignScope,
    goals: CampaignGoals,
    caller: Caller,
  ) {
    await this.deps.indexer.ready();
    const whole: IndexScope = {
      kind: (scope.kind ?? 'component').toLocaleLowerCase('en-US'),
      ownerSubtreeOf: scope.owner && ref(scope.owner, 'group'),
      system: scope.system && ref(scope.system, 'system'),
      lifecycle: scope.lifecycle,
    };
    const subjectOf = this.deps.summaries.goalSubjects(goals);
    return {
      index: this.deps.entities.visibleIndex(caller),
      whole,
      scoped: (row: GoalEntity): ScopedEntity => ({
        entityRef: row.entityRef,
        title: row.title,
        ownerRef: row.ownerRef,
        latest: row.summary && subjectOf(row.summary),
      }),
    };
  }

  async visibleRefs(
    entityRefs: string[],
    caller: Caller,
  ): Promise<Set<string>> {
    if (!entityRefs.length) return new Set();
    // Groups and systems are indexed; users are not and are asked of the
    // catalog, with the caller's credentials.
    const visible = await this.deps.entities
      .visibleIndex(caller)
      .summariesOf(entityRefs);
    return new Set(visible.keys());
  }

  async groupSubtree(groupRef: string): Promise<Set<string>> {
    const root = ref(groupRef, 'group');
    const tree = await this.deps.index.groupTree(root);
    return new Set([root, ...tree.map(g => g.entityRef)]);
  }
}
