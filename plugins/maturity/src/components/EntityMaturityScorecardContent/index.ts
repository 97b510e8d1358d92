export { EntityMaturityScorecardContent } from './EntityMaturityScorecardContent';
