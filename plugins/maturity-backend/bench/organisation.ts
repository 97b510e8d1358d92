import { Entity } from '@backstage/catalog-model';

/** Sizes the benchmark is specified for. */
export const SIZE = {
  components: 10_000,
  systems: 50,
  snapshotsPerComponent: 5,
} as const;

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: parent ? 'team' : 'organization', children: [] },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

/**
 * A 4-level hierarchy of 300 groups: 1 organisation → 5 departments → 34
 * areas → 260 teams. Components are owned by the leaf teams (~38 each), so a
 * department's tree (7 areas, ~53 teams) covers about 2,000 components.
 */
export function buildOrganisation() {
  const groups: Entity[] = [group('org')];
  const departments = Array.from({ length: 5 }, (_, i) => `dept-${i}`);
  departments.forEach(d => groups.push(group(d, 'org')));
  const areas = Array.from({ length: 34 }, (_, i) => `area-${i}`);
  areas.forEach((a, i) => groups.push(group(a, departments[i % 5])));
  const teams = Array.from({ length: 260 }, (_, i) => `team-${i}`);
  teams.forEach((t, i) => groups.push(group(t, areas[i % 34])));

  const systems: Entity[] = Array.from({ length: SIZE.systems }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: `system-${i}`, namespace: 'default' },
    spec: { owner: 'org' },
  }));

  const lifecycles = ['production', 'production', 'experimental', 'deprecated'];
  const components: Entity[] = Array.from(
    { length: SIZE.components },
    (_, i) => {
      const team = teams[i % teams.length];
      const system = `system-${i % SIZE.systems}`;
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `component-${i}`, namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: lifecycles[i % lifecycles.length],
          owner: team,
          system,
        },
        relations: [
          { type: 'ownedBy', targetRef: `group:default/${team}` },
          { type: 'partOf', targetRef: `system:default/${system}` },
        ],
      };
    },
  );
  return { groups, systems, components, teams, areas };
}
