import type {
  CampaignScope,
  GoalSubject,
} from '@cnmm/backstage-plugin-maturity-common';
import { MaturityIndex } from '../database/MaturityIndex';
import { EntityLookup } from './EntityLookup';
import { parseFilterRef } from './entityRefs';
import { IndexReadiness } from './ScorecardService';
import { Summaries } from './Summaries';
import { Caller } from './VisibleIndex';

/** An entity covered by a campaign, with its latest snapshot's levels. */
export interface ScopedEntity {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
  latest: GoalSubject | null;
}

/** Finds the entities a campaign covers, as one caller may see them. */
export interface CampaignScopeResolver {
  /** In-scope entities visible to the caller, ordered by ref. */
  resolve(scope: CampaignScope, options: Caller): Promise<ScopedEntity[]>;
  /** A group's ref and those of every group below it. */
  groupSubtree(groupRef: string): Promise<Set<string>>;
}

const ref = (value: string, defaultKind: string) =>
  parseFilterRef(value, defaultKind, ' in campaign scope');

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

  async resolve(scope: CampaignScope, caller: Caller): Promise<ScopedEntity[]> {
    await this.deps.indexer.ready();
    const rows = await this.deps.entities.visibleIndex(caller).rows({
      kind: (scope.kind ?? 'component').toLocaleLowerCase('en-US'),
      ownerSubtreeOf: scope.owner && ref(scope.owner, 'group'),
      system: scope.system && ref(scope.system, 'system'),
      lifecycle: scope.lifecycle,
    });
    return rows.map(row => {
      const summary = row.summary && this.deps.summaries.decode(row.summary);
      return {
        entityRef: row.entityRef,
        title: row.title,
        ownerRef: row.ownerRef,
        latest: summary
          ? {
              assessedAt: row.summary!.assessedAt,
              topicLevels: summary.topicLevels,
              dimensionMedians: summary.dimensionMedians,
            }
          : null,
      };
    });
  }

  async groupSubtree(groupRef: string): Promise<Set<string>> {
    const root = ref(groupRef, 'group');
    const tree = await this.deps.index.groupTree(root);
    return new Set([root, ...tree.map(g => g.entityRef)]);
  }
}
