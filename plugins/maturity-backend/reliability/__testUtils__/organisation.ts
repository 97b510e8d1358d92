import { Entity } from '@backstage/catalog-model';
import {
  component,
  ENTITIES,
  group,
  system,
} from '../../src/__testUtils__/fixtures';

/** Sizes of the organisation the standalone backends serve. */
export const LOAD_ORG = { systems: 10, teams: 8, components: 200 } as const;

export const loadComponent = (i: number) => `load-${i}`;
export const loadSystem = (i: number) => `load-system-${i}`;
export const loadTeam = (i: number) => `load-team-${i}`;

/**
 * The small organisation of the in-process tests plus a load organisation:
 * 8 teams under `engineering`, 10 systems, 200 components, so scorecards and
 * the overview do real work while staying quick to assert on.
 */
export function standaloneEntities(): Entity[] {
  const teams = Array.from({ length: LOAD_ORG.teams }, (_, i) =>
    group(loadTeam(i), 'engineering'),
  );
  const systems = Array.from({ length: LOAD_ORG.systems }, (_, i) =>
    system(loadSystem(i)),
  );
  const components = Array.from({ length: LOAD_ORG.components }, (_, i) =>
    component(
      loadComponent(i),
      loadTeam(i % LOAD_ORG.teams),
      loadSystem(i % LOAD_ORG.systems),
    ),
  );
  return [...ENTITIES, ...teams, ...systems, ...components];
}
