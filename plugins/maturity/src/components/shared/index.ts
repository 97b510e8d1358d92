export { Assessor } from './Assessor';
export { Attribution } from './Attribution';
export { responseStatus, serverMessage } from './errors';
export { formatDate, formatPercent, isHttpUrl } from './format';
export { describeAttestation, EXPIRED_TEXT, topicLabels } from './attestation';
export { plural } from './plural';
export { formatLevel, HeatCell, LevelChip, levelColor } from './levels';
export { TopicLevels } from './TopicLevels';
export { ratingDifferences } from './ratingDiff';
export type { RatingDifference } from './ratingDiff';
export { useMaturityModel } from './useMaturityModel';
export { useMaturitySettings } from './useMaturitySettings';
export {
  Coverage,
  DimensionMedians,
  mediansOf,
  WeakestTopics,
} from './summaries';
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
  StickyTable,
} from './heatMap';
export { IndexAge } from './IndexAge';
export { ReadableTheme } from './ReadableTheme';
export { StaleChip } from './StaleChip';
export { readableTextOn } from './contrast';
export { isComparablePage, useOverviewPages } from './overviewPages';
export type { OverviewSort, PageMoments } from './overviewPages';
export { AsOfControls } from './AsOfControls';
export { AsOfNotice } from './AsOfNotice';
export { formatDay } from './asOfView';
export type { AsOfView } from './asOfView';
export { useAsOfParams } from './useAsOfParams';
export type { AsOfParams } from './useAsOfParams';
export { earlierByRef, levelChange } from './levelChange';
export type { EarlierLevels } from './levelChange';
export { useCursorPaging } from './cursorPaging';
export { saveFile } from './saveFile';
export { ChartFrame, chartTooltipProps, seriesColors } from './chartParts';
export { DimensionLines } from './DimensionLines';
export type { DimensionPoint } from './DimensionLines';
