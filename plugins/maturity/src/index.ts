/**
 * The maturity frontend plugin: a Maturity tab, an assessment form,
 * scorecards and an organisation-wide page for the CNCF Cloud Native Maturity
 * Model. The new frontend system plugin is the default export of
 * `@cnmm/backstage-plugin-maturity/alpha`.
 *
 * @packageDocumentation
 */
export {
  maturityPlugin,
  MaturityPage,
  EntityMaturityContent,
  EntityMaturityScorecardContent,
  EntityMaturityCard,
  EntityMaturityPicker,
} from './plugin';
export { maturityApiRef } from './api/MaturityApi';
export type {
  AsOfOption,
  ChangesExportQuery,
  ChangesPageQuery,
  ExemptionsExportQuery,
  ExemptionsPageQuery,
  MaturityApi,
  MaturityEntityRef,
  MaturityExport,
} from './api/MaturityApi';
export { MaturityClient } from './api/MaturityClient';
export { rootRouteRef } from './routes';
export {
  createMaturityColumn,
  EntityMaturityFilter,
} from './components/CatalogMaturity';
export type {
  MaturityCriteria,
  MaturityEntityFilters,
} from './components/CatalogMaturity';
