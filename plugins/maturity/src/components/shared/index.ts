export { Attribution } from './Attribution';
export { responseStatus, serverMessage } from './errors';
export { formatDate, formatPercent, isHttpUrl } from './format';
export { formatLevel, HeatCell, LevelChip, levelColor } from './levels';
export { TopicLevels } from './TopicLevels';
export { useMaturityModel } from './useMaturityModel';
export { Coverage, DimensionMedians, WeakestTopics } from './summaries';
export {
  AssessedAtCell,
  ComponentCountCell,
  EntityRefCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapTable,
} from './heatMap';
export { IndexAge } from './IndexAge';
