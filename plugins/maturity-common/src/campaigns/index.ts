export * from './schema';
export * from './goals';
export * from './types';
