/**
 * The maturity frontend plugin. The new frontend system plugin is the default
 * export of `@cnmm/backstage-plugin-maturity/alpha`.
 *
 * @packageDocumentation
 */
export { rootRouteRef } from './routes';
