import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { maturityApiRef } from './api/MaturityApi';
import { MaturityClient } from './api/MaturityClient';
import { rootRouteRef } from './routes';

/** The maturity plugin for legacy apps. @public */
export const maturityPlugin = createPlugin({
  id: 'maturity',
  apis: [
    createApiFactory({
      api: maturityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MaturityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/** The organisation-wide maturity page. @public */
export const MaturityPage: () => JSX.Element = maturityPlugin.provide(
  createRoutableExtension({
    name: 'MaturityPage',
    component: () =>
      import('./components/MaturityPage').then(m => m.MaturityPage),
    mountPoint: rootRouteRef,
  }),
);

/** The Maturity tab of a component. @public */
export const EntityMaturityContent: () => JSX.Element = maturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityContent',
    component: {
      lazy: () =>
        import('./components/EntityMaturityContent').then(
          m => m.EntityMaturityContent,
        ),
    },
  }),
);

/** The Maturity tab of a system, group or domain. @public */
export const EntityMaturityScorecardContent: () => JSX.Element =
  maturityPlugin.provide(
    createComponentExtension({
      name: 'EntityMaturityScorecardContent',
      component: {
        lazy: () =>
          import('./components/EntityMaturityScorecardContent').then(
            m => m.EntityMaturityScorecardContent,
          ),
      },
    }),
  );

/** A maturity summary card for component, system and group pages. @public */
export const EntityMaturityCard: () => JSX.Element = maturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityCard',
    component: {
      lazy: () =>
        import('./components/EntityMaturityCard').then(
          m => m.EntityMaturityCard,
        ),
    },
  }),
);

/**
 * A catalog filter by maturity, for `CatalogIndexPage filters`: assessed or
 * not, a minimum level, stale only.
 * @public
 */
export const EntityMaturityPicker: () => JSX.Element = maturityPlugin.provide(
  createComponentExtension({
    name: 'EntityMaturityPicker',
    component: {
      lazy: () =>
        import('./components/CatalogMaturity').then(
          m => m.EntityMaturityPicker,
        ),
    },
  }),
);
