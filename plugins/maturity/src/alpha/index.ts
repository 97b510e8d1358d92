/**
 * The maturity frontend plugin for the new frontend system, as the default
 * export.
 *
 * @packageDocumentation
 */

export { maturityPlugin as default } from './plugin';
