import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  CampaignScope,
  GoalSubject,
} from '@cnmm/backstage-plugin-maturity-common';
import { MaturityIndex } from '../database/MaturityIndex';
import { MaturityService, normalizeRef, ReadOptions } from './MaturityService';

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
  resolve(scope: CampaignScope, options: ReadOptions): Promise<ScopedEntity[]>;
  /** A group's ref and those of every group below it. */
  groupSubtree(groupRef: string): Promise<Set<string>>;
}

function ref(value: string, defaultKind: string): string {
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new InputError(`Invalid entity ref "${value}" in campaign scope`);
  }
}

// SQLite answers timestamps as epoch numbers or strings, PostgreSQL as Date.
const toIso = (value: unknown) =>
  new Date(value as Date | string | number).toISOString();

/**
 * Resolves scopes over the catalog index and the summary rows, with the
 * caller's catalog visibility, like the overview: an entity the caller cannot
 * see is never counted.
 */
export class IndexCampaignScopeResolver implements CampaignScopeResolver {
  constructor(
    private readonly maturity: MaturityService,
    private readonly index: MaturityIndex,
  ) {}

  async resolve(
    scope: CampaignScope,
    options: ReadOptions,
  ): Promise<ScopedEntity[]> {
    const rows = await this.maturity.visibleRows(
      {
        kind: (scope.kind ?? 'component').toLocaleLowerCase('en-US'),
        ownerSubtreeOf: scope.owner && ref(scope.owner, 'group'),
        system: scope.system && ref(scope.system, 'system'),
        lifecycle: scope.lifecycle,
      },
      options,
    );
    return rows.map(row => {
      const summary = this.maturity.summaryOf(row);
      return {
        entityRef: row.entity_ref,
        title: row.title ?? null,
        ownerRef: row.owner_ref ?? null,
        latest: summary
          ? {
              assessedAt: toIso(row.assessed_at),
              topicLevels: summary.topicLevels,
              dimensionMedians: summary.dimensionMedians,
            }
          : null,
      };
    });
  }

  async groupSubtree(groupRef: string): Promise<Set<string>> {
    const root = ref(groupRef, 'group');
    const tree = await this.index.groupTree(root);
    return new Set([root, ...tree.map(g => g.entity_ref)]);
  }
}
