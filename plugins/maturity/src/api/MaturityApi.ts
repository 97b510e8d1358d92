import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  AssessedRefsQuery,
  AssessmentHistoryPage,
  AssessmentSubmission,
  Campaign,
  CampaignInput,
  CampaignProgress,
  CampaignSummary,
  CampaignUpdate,
  CatalogMaturityRow,
  ChangesPage,
  ChangesQuery,
  EntityCampaigns,
  EntityEvidence,
  EntityFilter,
  MaturityModel,
  OverviewPage,
  OverviewQuery,
  GroupTrend,
  Scorecard,
  ScorecardQuery,
  StoredAssessment,
  TrendQuery,
  V3Import,
  V3ImportResult,
} from '@cnmm/backstage-plugin-maturity-common';

/** An entity, either as a ref string or as its parts. @public */
export type MaturityEntityRef = string | CompoundEntityRef;

/** A downloaded export. @public */
export interface MaturityExport {
  blob: Blob;
  filename: string;
}

/** The moment a read answers for. @public */
export interface AsOfOption {
  /**
   * An ISO date (the end of that day in UTC) or date-time: the answer as it
   * was then, over today's catalog. Now when omitted.
   */
  asOf?: string;
}

/** `GET /changes` as JSON pages: the format is the client's to choose. @public */
export type ChangesPageQuery = Omit<ChangesQuery, 'format'>;

/** `GET /changes` as one CSV file of the whole scope. @public */
export type ChangesExportQuery = Omit<
  ChangesQuery,
  'format' | 'limit' | 'cursor'
>;

/** The client of the maturity backend. @public */
export interface MaturityApi {
  getModel(): Promise<MaturityModel>;
  /**
   * The latest assessment (at `asOf` when given), or undefined when the
   * entity had none yet.
   */
  getAssessment(
    entityRef: MaturityEntityRef,
    options?: AsOfOption,
  ): Promise<StoredAssessment | undefined>;
  getHistory(
    entityRef: MaturityEntityRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<AssessmentHistoryPage>;
  /**
   * Records a new snapshot. Fails with a 409 ResponseError when
   * `baseRevision` is no longer the latest revision.
   */
  submitAssessment(
    entityRef: MaturityEntityRef,
    submission: AssessmentSubmission,
  ): Promise<StoredAssessment>;
  /**
   * Records a snapshot from a CNMM 3.x assessment, mapped to 4.0. Fails
   * like submitAssessment; a 400 names what in the file is wrong.
   */
  importV3Assessment(
    entityRef: MaturityEntityRef,
    body: V3Import,
  ): Promise<V3ImportResult>;
  /**
   * What the catalog says about an entity, per topic, as evidence a rater
   * may add; no topic while the backend has evidence switched off.
   */
  getEntityEvidence(entityRef: MaturityEntityRef): Promise<EntityEvidence>;
  /** The scorecard of a system, group or domain, chosen by the ref's kind. */
  /** `entities: 'none'` answers the roll-up only; page entities with getOverview. */
  getScorecard(
    entityRef: MaturityEntityRef,
    query?: ScorecardQuery & AsOfOption,
  ): Promise<Scorecard>;
  getOverview(query: OverviewQuery & AsOfOption): Promise<OverviewPage>;
  /**
   * The catalog table's maturity of many entities, in the order asked: one
   * request per 500 refs. Null for an entity unknown or hidden from the user.
   */
  getCatalogRows(
    entityRefs: string[],
    options?: AsOfOption,
  ): Promise<Array<CatalogMaturityRow | null>>;
  /** The lower-cased refs of the assessed entities that match the filter. */
  getAssessedRefs(query: AssessedRefsQuery): Promise<string[]>;
  exportOverview(
    filter: EntityFilter,
    format: 'csv' | 'json',
    options?: AsOfOption,
  ): Promise<MaturityExport>;
  /** Who improved and who regressed between two dates, a page at a time. */
  getChanges(query: ChangesPageQuery): Promise<ChangesPage>;
  /** The same changes as one CSV file of the whole scope. */
  exportChanges(query: ChangesExportQuery): Promise<MaturityExport>;
  /** A group's dimension medians at each month's end, oldest first. */
  getGroupTrend(
    groupRef: MaturityEntityRef,
    query?: TrendQuery,
  ): Promise<GroupTrend>;
  listCampaigns(): Promise<CampaignSummary[]>;
  getCampaignProgress(
    id: string,
    options?: { limit?: number; cursor?: string; show?: 'short' | 'all' },
  ): Promise<CampaignProgress>;
  createCampaign(input: CampaignInput): Promise<Campaign>;
  /** Fails with a 409 ResponseError when `baseVersion` is not the latest. */
  updateCampaign(id: string, update: CampaignUpdate): Promise<Campaign>;
  /** The open campaigns of a component, or of a group's teams. */
  getEntityCampaigns(entityRef: MaturityEntityRef): Promise<EntityCampaigns>;
}

/** @public */
export const maturityApiRef = createApiRef<MaturityApi>({
  id: 'plugin.maturity.client',
});
