import { Entity } from '@backstage/catalog-model';

/** The two sizes the benchmark is specified for. */
export const SIZES = {
  10_000: {
    components: 10_000,
    systems: 50,
    // 1 organisation → 5 departments → 34 areas → 260 teams (300 groups)
    levels: [5, 34, 260],
    snapshotsPerComponent: 2,
  },
  100_000: {
    components: 100_000,
    systems: 1_000,
    // 1 → 5 → 50 → 444 → 2,500 teams: 3,000 groups in 5 levels
    levels: [5, 50, 444, 2_500],
    snapshotsPerComponent: 2,
  },
} as const;

export type Size = (typeof SIZES)[keyof typeof SIZES];

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type: parent ? 'team' : 'organization',
      children: [],
      ...(parent ? { parent } : {}),
    },
  };
}

/**
 * A group tree of the given level widths under one organisation, each group
 * under the one before it round-robin, so a department's subtree is a fifth
 * of the organisation; systems; components owned by the leaf teams. Entities
 * are written as a user would (spec.owner, spec.system, spec.parent): the
 * catalog derives the relations.
 */
export function buildOrganisation(size: Size) {
  const groups: Entity[] = [group('org')];
  let parents = ['org'];
  size.levels.forEach((width, depth) => {
    const names = Array.from({ length: width }, (_, i) =>
      depth === 0 ? `dept-${i}` : `g${depth}-${i}`,
    );
    names.forEach((name, i) =>
      groups.push(group(name, parents[i % parents.length])),
    );
    parents = names;
  });
  const teams = parents;

  const systems: Entity[] = Array.from({ length: size.systems }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: `system-${i}`, namespace: 'default' },
    spec: { owner: 'org' },
  }));

  const lifecycles = ['production', 'production', 'experimental', 'deprecated'];
  const components: Entity[] = Array.from(
    { length: size.components },
    (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `component-${i}`, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: lifecycles[i % lifecycles.length],
        owner: teams[i % teams.length],
        system: `system-${i % size.systems}`,
      },
    }),
  );
  return { groups, systems, components };
}

/** The relations the catalog would derive, for a generated index source. */
export function withRelations(entity: Entity): Entity {
  const spec = (entity.spec ?? {}) as Record<string, string>;
  const relations = [];
  if (spec.owner) {
    relations.push({
      type: 'ownedBy',
      targetRef: `group:default/${spec.owner}`,
    });
  }
  if (spec.system) {
    relations.push({
      type: 'partOf',
      targetRef: `system:default/${spec.system}`,
    });
  }
  if (spec.parent) {
    relations.push({
      type: 'childOf',
      targetRef: `group:default/${spec.parent}`,
    });
  }
  return { ...entity, relations };
}
