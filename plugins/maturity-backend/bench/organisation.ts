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

/** A generated organisation: its groups, systems and components. */
export type Organisation = ReturnType<typeof buildOrganisation>;

/** The refs of a group and of every group below it. */
export function subtreeOf(org: Organisation, name: string): string[] {
  const names = new Set([name]);
  // Groups are generated level by level, each after its parent.
  for (const g of org.groups) {
    const parent = (g.spec as { parent?: string }).parent;
    if (parent && names.has(parent)) names.add(g.metadata.name);
  }
  return [...names].map(n => `group:default/${n}`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How far back the generated snapshots go. */
export const HISTORY_DAYS = 365;

/**
 * When the snapshots of component `index` were written, oldest first:
 * `count` moments spread over the year before `now`, the same for the same
 * component in every run (a hash of its index, not a random draw), each
 * component's at least a minute apart and the last an hour before `now`,
 * so that the benchmark's own writes come after them. As the sorted draws
 * of a uniform spread, a first snapshot is more often early in the year and
 * a last one late: six months back about three components in four have a
 * snapshot, as in a portal that has been assessing for a year.
 */
export function snapshotTimes(index: number, count: number, now: number) {
  let x = (index + 1) * 2246822519;
  const next = () => {
    x = Math.imul(x ^ (x >>> 15), 2654435761);
    x ^= x >>> 13;
    return (x >>> 0) / 2 ** 32;
  };
  const minute = 60 * 1000;
  // The sorted draws, each moved a minute further than the one before.
  const span = HISTORY_DAYS * DAY_MS - 3600 * 1000 - count * minute;
  const start = now - HISTORY_DAYS * DAY_MS;
  return Array.from({ length: count }, () => Math.floor(next() * span))
    .sort((a, b) => a - b)
    .map((offset, i) => new Date(start + offset + i * minute));
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
