import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import maturityPlugin from '@cnmm/backstage-plugin-maturity/alpha';
import { catalogModule } from './modules/catalog';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, catalogModule, maturityPlugin, navModule],
});
