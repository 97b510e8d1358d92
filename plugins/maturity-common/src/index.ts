/**
 * The CNCF Cloud Native Maturity Model as data, the schemas of assessments,
 * the permissions, and the pure scoring engine shared by the maturity plugins.
 *
 * @packageDocumentation
 */

export * from './model/schema';
export * from './model/loadModel';
export * from './model/v3Mapping';
export * from './model/bundled';
export * from './assessment/schema';
export * from './scoring/topicLevel';
export * from './scoring/stats';
export * from './scoring/targets';
export * from './scoring/assess';
export * from './scoring/rollup';
export * from './permissions';
export * from './api/types';
export * from './campaigns';
