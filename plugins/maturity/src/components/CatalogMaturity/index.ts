export {
  CatalogMaturityCell,
  createMaturityColumn,
} from './CatalogMaturityCell';
export { EntityMaturityPicker } from './EntityMaturityPicker';
export type { MaturityEntityFilters } from './EntityMaturityPicker';
export { EntityMaturityFilter } from './EntityMaturityFilter';
export type { MaturityCriteria } from './EntityMaturityFilter';
