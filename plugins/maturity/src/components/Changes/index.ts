export { ChangesView } from './ChangesView';
export { changesDates } from './changesDates';
export type { ChangesDates } from './changesDates';
