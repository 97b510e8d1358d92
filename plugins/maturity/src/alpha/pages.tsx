import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';

export const maturityPage = PageBlueprint.make({
  params: {
    path: '/maturity',
    title: 'Maturity',
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/MaturityPage').then(m => <m.NfsMaturityPage />),
  },
});
