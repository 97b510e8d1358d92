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
  EntityCampaigns,
  EntityFilter,
  MaturityModel,
  OverviewPage,
  OverviewQuery,
  Scorecard,
  ScorecardQuery,
  StoredAssessment,
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

/** The client of the maturity backend. @public */
export interface MaturityApi {
  getModel(): Promise<MaturityModel>;
  /** The latest assessment, or undefined when the entity has none yet. */
  getAssessment(
    entityRef: MaturityEntityRef,
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
  /** The scorecard of a system, group or domain, chosen by the ref's kind. */
  /** `entities: 'none'` answers the roll-up only; page entities with getOverview. */
  getScorecard(
    entityRef: MaturityEntityRef,
    query?: ScorecardQuery,
  ): Promise<Scorecard>;
  getOverview(query: OverviewQuery): Promise<OverviewPage>;
  /**
   * The catalog table's maturity of many entities, in the order asked: one
   * request per 500 refs. Null for an entity unknown or hidden from the user.
   */
  getCatalogRows(
    entityRefs: string[],
  ): Promise<Array<CatalogMaturityRow | null>>;
  /** The lower-cased refs of the assessed entities that match the filter. */
  getAssessedRefs(query: AssessedRefsQuery): Promise<string[]>;
  exportOverview(
    filter: EntityFilter,
    format: 'csv' | 'json',
  ): Promise<MaturityExport>;
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
