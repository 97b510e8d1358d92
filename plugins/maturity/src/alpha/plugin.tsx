import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from '../routes';

export const page = PageBlueprint.make({
  params: {
    path: '/maturity',
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const maturityPlugin = createFrontendPlugin({
  pluginId: 'maturity',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
