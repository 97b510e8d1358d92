/**
 * The maturity backend plugin: CNMM assessments, history and scorecards.
 *
 * @packageDocumentation
 */

export { maturityPlugin as default } from './plugin';
