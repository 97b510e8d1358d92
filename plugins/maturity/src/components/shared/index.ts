export { Attribution } from './Attribution';
export { responseStatus, serverMessage } from './errors';
export { formatDate, formatPercent, isHttpUrl } from './format';
export { plural } from './plural';
export { formatLevel, HeatCell, LevelChip, levelColor } from './levels';
export { TopicLevels } from './TopicLevels';
export { ratingDifferences } from './ratingDiff';
export type { RatingDifference } from './ratingDiff';
export { useMaturityModel } from './useMaturityModel';
export { Coverage, DimensionMedians, WeakestTopics } from './summaries';
export {
  AssessedAtCell,
  ComponentCountCell,
  DimensionHeading,
  EntityRefCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapLegend,
  HeatMapTable,
  NameCell,
  shortDimensionTitle,
} from './heatMap';
export { IndexAge } from './IndexAge';
export { ReadableTheme } from './ReadableTheme';
export { readableTextOn } from './contrast';
export { useOverviewPages } from './overviewPages';
export type { OverviewSort } from './overviewPages';
