/**
 * The CNCF Cloud Native Maturity Model as data, the schemas of assessments,
 * the permissions, and the pure scoring engine shared by the maturity plugins.
 *
 * @packageDocumentation
 */

// Only what the maturity plugins and the demo app import, and the types that
// those exports are described with; the rest stays internal to this package.
// report.api.md lists the result, and `yarn api-reports:check` fails when it
// changes without the report.

export { maturityModelSchema, topicSchema } from './model/schema';
export type { MaturityModel, Topic } from './model/schema';
export { extendMaturityModel, parseMaturityModel } from './model/loadModel';
export {
  describeV3Import,
  mapV3Ratings,
  mergeV3Import,
  V3_IMPORT_MODES,
  v3ImportSchema,
} from './model/v3Mapping';
export type {
  V3Approximate,
  V3Import,
  V3ImportContent,
  V3ImportMode,
  V3ImportResult,
  V3LevelRef,
  V3LevelShift,
  V3Mapped,
} from './model/v3Mapping';
export { defaultMaturityModel, levelName } from './model/bundled';
export {
  createSubmissionSchema,
  RATINGS,
  SUBMISSION_LIMITS,
} from './assessment/schema';
export type {
  AssessmentHistoryPage,
  AssessmentResult,
  AssessmentSubmission,
  ExemptionRecord,
  LevelStats,
  Rating,
  StoredAssessment,
  TopicMap,
  TopicRatings,
  TopicResult,
} from './assessment/schema';
export {
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
  reviewDecisionSchema,
  reviewQueueQuerySchema,
  approvalOf,
  snapshotCounts,
} from './assessment/review';
export type {
  EntityAssessment,
  ReviewDecision,
  ReviewDecisionKind,
  ReviewItem,
  ReviewQueuePage,
  ReviewQueueQuery,
  ReviewStatus,
  SnapshotReview,
} from './assessment/review';
export { scoreTopic } from './scoring/topicLevel';
export type { ScoringOptions, TopicScore } from './scoring/topicLevel';
export { levelStats } from './scoring/stats';
export { isExemption, submissionRuleProblems } from './scoring/exemptionRules';
export {
  attestationsOf,
  attestedAtOf,
  carriedAttestations,
  exemptionReasons,
  exemptionsOf,
  maxAgeDaysOf,
  NO_EXPIRY,
  recordExemptions,
  topicExpiries,
} from './scoring/attestation';
export type {
  AttestationInput,
  Exemption,
  SnapshotApproval,
} from './scoring/attestation';
export type { SubmissionProblem } from './scoring/exemptionRules';
export type {
  AttestationSettings,
  ExemptionSettings,
  MaturitySettings,
} from './api/settings';
export { resolveTargets } from './scoring/targets';
export type { TargetDefaults, TargetSpec } from './scoring/targets';
export {
  computeAssessmentResult,
  DEFAULT_STALE_AFTER_DAYS,
  isStale,
  nextSteps,
} from './scoring/assess';
export type { NextStep, ResultOptions } from './scoring/assess';
export {
  lowestDimensionMedian,
  RollUpAccumulator,
  summarizeResult,
  validUntil,
} from './scoring/rollup';
export type {
  AssessmentSummary,
  RollUp,
  SummaryLevels,
} from './scoring/rollup';
export {
  maturityAssessmentCreatePermission,
  maturityAssessmentReviewPermission,
  maturityCampaignManagePermission,
  maturityPermissions,
} from './permissions';
export {
  assessedRefsQuerySchema,
  catalogRowsRequestSchema,
  entityFilterSchema,
  exemptionsQuerySchema,
  exportQuerySchema,
  groupScorecardQuerySchema,
  historyQuerySchema,
  INDEXED_KINDS,
  MAX_CATALOG_ROWS_REFS,
  OVERVIEW_SORT_FIELDS,
  overviewQuerySchema,
  reviewFilterSchema,
  scorecardQuerySchema,
} from './api/types';
export type {
  AssessedRefs,
  AssessedRefsQuery,
  CatalogMaturityRow,
  CatalogMaturityRows,
  EntityFilter,
  EntityMaturityExportRow,
  EntityMaturityRow,
  ExemptionRow,
  ExemptionsPage,
  ExemptionsQuery,
  OverviewPage,
  OverviewQuery,
  ReviewFilter,
  Scorecard,
  ScorecardChild,
  ScorecardQuery,
} from './api/types';
export { asOfQuerySchema, asOfSchema } from './api/asOf';
export type { AsOfAnswer } from './api/asOf';
export { changesQuerySchema, MOVEMENTS, trendQuerySchema } from './api/changes';
export type {
  ChangeRow,
  ChangesPage,
  ChangesQuery,
  GroupTrend,
  LevelsAt,
  Movement,
  MovementCounts,
  TrendPoint,
  TrendQuery,
} from './api/changes';
export { compareLevels, comparePositionalLevels } from './scoring/movement';
export type { ComparedLevels, PositionalLevels } from './scoring/movement';
export {
  CAMPAIGN_STATUSES,
  campaignDays,
  campaignGoalIds,
  campaignProgressQuerySchema,
  campaignScopeSchema,
  campaignStartProblem,
  createCampaignInputSchema,
  createCampaignUpdateSchema,
} from './campaigns/schema';
export type {
  Campaign,
  CampaignGoals,
  CampaignInput,
  CampaignLimits,
  CampaignScope,
  CampaignSource,
  CampaignStatus,
  CampaignUpdate,
} from './campaigns/schema';
export {
  burnupDays,
  campaignPhase,
  daysLeft,
  evaluateGoals,
  meetsGoalsUntil,
  missedGoals,
} from './campaigns/goals';
export { BurnupTally, campaignBurnup } from './campaigns/burnup';
export type { BurnupPoint } from './campaigns/burnup';
export type {
  CampaignPhase,
  GoalEvaluation,
  GoalLevels,
  GoalMiss,
  GoalSubject,
} from './campaigns/goals';
export type {
  CampaignCount,
  CampaignEntityRow,
  CampaignProgress,
  CampaignSummary,
  CampaignWithPhase,
  EntityCampaign,
  EntityCampaigns,
} from './campaigns/types';
export {
  catalogEvidenceRuleProblems,
  catalogEvidenceRuleSchema,
  DEFAULT_CATALOG_EVIDENCE_RULES,
  defaultCatalogEvidenceRules,
} from './evidence/rules';
export type { CatalogEvidenceRule } from './evidence/rules';
export { catalogEvidence } from './evidence/catalogEvidence';
export type { CatalogFact, EntityEvidence } from './evidence/catalogEvidence';
