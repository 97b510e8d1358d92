import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { CampaignScope } from '@cnmm/backstage-plugin-maturity-common';
import { normalizeRef } from './MaturityService';

/** An entity covered by a campaign, as far as campaigns need to know it. */
export interface ScopedEntity {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
}

/** Finds the entities a campaign covers, as one caller may see them. */
export interface CampaignScopeResolver {
  /** In-scope entities visible with these credentials, ordered by ref. */
  resolve(
    scope: CampaignScope,
    credentials: BackstageCredentials,
  ): Promise<ScopedEntity[]>;
  /** A group's ref and those of every team below it. */
  groupSubtree(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>>;
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

function relationTarget(entity: Entity, type: string): string | null {
  const relation = entity.relations?.find(r => r.type === type);
  return relation ? normalizeRef(relation.targetRef) : null;
}

/**
 * Resolves scopes with catalog queries made with the caller's credentials, so
 * an entity the caller cannot see is never in what they are shown.
 */
export class CatalogCampaignScopeResolver implements CampaignScopeResolver {
  constructor(private readonly catalog: CatalogService) {}

  async resolve(
    scope: CampaignScope,
    credentials: BackstageCredentials,
  ): Promise<ScopedEntity[]> {
    const filter: Record<string, string | string[]> = {
      kind: scope.kind ?? 'component',
    };
    if (scope.system) {
      filter[`relations.${RELATION_PART_OF}`] = ref(scope.system, 'system');
    }
    if (scope.lifecycle) filter['spec.lifecycle'] = scope.lifecycle;
    // The list goes last: the in-memory catalog of the tests stops reading a
    // filter at its first list, which the real catalog does not.
    if (scope.owner) {
      filter[`relations.${RELATION_OWNED_BY}`] = [
        ...(await this.groupSubtree(scope.owner, credentials)),
      ];
    }
    const { items } = await this.catalog.getEntities(
      {
        filter,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'relations',
        ],
      },
      { credentials },
    );
    return items
      .map(entity => ({
        entityRef: normalizeRef(entity),
        title: entity.metadata.title ?? null,
        ownerRef: relationTarget(entity, RELATION_OWNED_BY),
      }))
      .sort((a, b) => (a.entityRef < b.entityRef ? -1 : 1));
  }

  async groupSubtree(
    groupRef: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const root = ref(groupRef, 'group');
    const { items: groups } = await this.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const childrenOf = new Map<string, string[]>();
    for (const group of groups) {
      const parent = relationTarget(group, RELATION_CHILD_OF);
      if (parent) {
        childrenOf.set(parent, [
          ...(childrenOf.get(parent) ?? []),
          normalizeRef(group),
        ]);
      }
    }
    const seen = new Set([root]);
    const queue = [root];
    while (queue.length) {
      for (const child of childrenOf.get(queue.shift()!) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return seen;
  }
}
