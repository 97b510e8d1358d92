import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { rootRouteRef } from '../routes';
import { maturityApi } from './apis';
import { catalogMaturityFilter } from './catalogFilters';
import { entityMaturityCard } from './entityCards';
import {
  entityMaturityContent,
  entityMaturityScorecardContent,
} from './entityContent';
import { maturityPage } from './pages';

/** The maturity plugin for the new frontend system. @alpha */
export const maturityPlugin = createFrontendPlugin({
  pluginId: 'maturity',
  title: 'Maturity',
  icon: <TrendingUpIcon />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    maturityApi,
    maturityPage,
    entityMaturityContent,
    entityMaturityScorecardContent,
    entityMaturityCard,
    catalogMaturityFilter,
  ],
  routes: {
    root: rootRouteRef,
  },
});
