import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AssessedRefs,
  AssessedRefsQuery,
  AssessmentHistoryPage,
  AssessmentSubmission,
  Campaign,
  CampaignInput,
  CampaignProgress,
  CampaignSummary,
  CampaignUpdate,
  CatalogMaturityRow,
  CatalogMaturityRows,
  ChangesPage,
  EntityCampaigns,
  EntityEvidence,
  EntityFilter,
  MAX_CATALOG_ROWS_REFS,
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
import {
  AsOfOption,
  ChangesExportQuery,
  ChangesPageQuery,
  MaturityApi,
  MaturityEntityRef,
  MaturityExport,
} from './MaturityApi';

const SCORECARD_PATHS: Record<string, string> = {
  system: 'systems',
  group: 'groups',
  domain: 'domains',
};

function entityPath(entityRef: MaturityEntityRef, withKind = true): string {
  const ref = parseEntityRef(entityRef);
  const parts = withKind
    ? [ref.kind, ref.namespace, ref.name]
    : [ref.namespace, ref.name];
  return parts
    .map(p => encodeURIComponent(p.toLocaleLowerCase('en-US')))
    .join('/');
}

function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Talks to the maturity backend through the discovery and fetch APIs. @public */
export class MaturityClient implements MaturityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  // The model only changes when the backend is redeployed, and every view
  // needs it, so one request per page load is enough.
  private model?: Promise<MaturityModel>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getModel(): Promise<MaturityModel> {
    if (!this.model) {
      this.model = this.request<MaturityModel>('/model').catch(error => {
        this.model = undefined;
        throw error;
      });
    }
    return this.model;
  }

  async getAssessment(
    entityRef: MaturityEntityRef,
    options: AsOfOption = {},
  ): Promise<StoredAssessment | undefined> {
    const response = await this.fetch(
      `/entities/${entityPath(entityRef)}${queryString(options)}`,
    );
    if (response.status === 404) return undefined;
    return this.json(response);
  }

  getHistory(
    entityRef: MaturityEntityRef,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<AssessmentHistoryPage> {
    return this.request(
      `/entities/${entityPath(entityRef)}/history${queryString(options)}`,
    );
  }

  getEntityEvidence(entityRef: MaturityEntityRef): Promise<EntityEvidence> {
    return this.request(`/entities/${entityPath(entityRef)}/evidence`);
  }

  submitAssessment(
    entityRef: MaturityEntityRef,
    submission: AssessmentSubmission,
  ): Promise<StoredAssessment> {
    return this.request(`/entities/${entityPath(entityRef)}/assessments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(submission),
    });
  }

  importV3Assessment(
    entityRef: MaturityEntityRef,
    body: V3Import,
  ): Promise<V3ImportResult> {
    return this.request(`/entities/${entityPath(entityRef)}/imports/v3`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  getScorecard(
    entityRef: MaturityEntityRef,
    query: ScorecardQuery & AsOfOption = {},
  ): Promise<Scorecard> {
    return this.requestScorecard(entityRef, '', query);
  }

  getGroupTrend(
    groupRef: MaturityEntityRef,
    query: TrendQuery = {},
  ): Promise<GroupTrend> {
    const kind = parseEntityRef(groupRef).kind.toLocaleLowerCase('en-US');
    if (kind !== 'group') {
      return Promise.reject(
        new Error(`There is no maturity trend for entities of kind ${kind}`),
      );
    }
    return this.requestScorecard(groupRef, '/trend', query);
  }

  getOverview(query: OverviewQuery & AsOfOption): Promise<OverviewPage> {
    return this.request(`/overview${queryString(query)}`);
  }

  getChanges(query: ChangesPageQuery): Promise<ChangesPage> {
    return this.request(`/changes${queryString(query)}`);
  }

  exportChanges(query: ChangesExportQuery): Promise<MaturityExport> {
    return this.download(
      `/changes${queryString({ ...query, format: 'csv' })}`,
      'maturity-changes.csv',
    );
  }

  async getCatalogRows(
    entityRefs: string[],
    options: AsOfOption = {},
  ): Promise<Array<CatalogMaturityRow | null>> {
    const pages: Array<Promise<CatalogMaturityRows>> = [];
    for (let i = 0; i < entityRefs.length; i += MAX_CATALOG_ROWS_REFS) {
      pages.push(
        this.send('POST', '/entities/by-refs', {
          entityRefs: entityRefs.slice(i, i + MAX_CATALOG_ROWS_REFS),
          asOf: options.asOf,
        }),
      );
    }
    return (await Promise.all(pages)).flatMap(page => page.items);
  }

  async getAssessedRefs(query: AssessedRefsQuery): Promise<string[]> {
    const answer = await this.request<AssessedRefs>(
      `/entities/assessed${queryString(query)}`,
    );
    return answer.entityRefs;
  }

  exportOverview(
    filter: EntityFilter,
    format: 'csv' | 'json',
    options: AsOfOption = {},
  ): Promise<MaturityExport> {
    return this.download(
      `/export${queryString({ ...filter, format, asOf: options.asOf })}`,
      `maturity.${format}`,
    );
  }

  async listCampaigns(): Promise<CampaignSummary[]> {
    return (await this.request<{ items: CampaignSummary[] }>('/campaigns'))
      .items;
  }

  getCampaignProgress(
    id: string,
    options: { limit?: number; cursor?: string; show?: 'short' | 'all' } = {},
  ): Promise<CampaignProgress> {
    return this.request(
      `/campaigns/${encodeURIComponent(id)}/progress${queryString(options)}`,
    );
  }

  createCampaign(input: CampaignInput): Promise<Campaign> {
    return this.send('POST', '/campaigns', input);
  }

  updateCampaign(id: string, update: CampaignUpdate): Promise<Campaign> {
    return this.send('PUT', `/campaigns/${encodeURIComponent(id)}`, update);
  }

  getEntityCampaigns(entityRef: MaturityEntityRef): Promise<EntityCampaigns> {
    return this.request(`/entities/${entityPath(entityRef)}/campaigns`);
  }

  private requestScorecard<T>(
    entityRef: MaturityEntityRef,
    suffix: string,
    query: object,
  ): Promise<T> {
    const kind = parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US');
    const collection = SCORECARD_PATHS[kind];
    if (!collection) {
      return Promise.reject(
        new Error(
          `There is no maturity scorecard for entities of kind ${kind}`,
        ),
      );
    }
    return this.request(
      `/scorecards/${collection}/${entityPath(
        entityRef,
        false,
      )}${suffix}${queryString(query)}`,
    );
  }

  /** A file, named as the server's Content-Disposition says. */
  private async download(
    path: string,
    fallbackName: string,
  ): Promise<MaturityExport> {
    const response = await this.fetch(path);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: await response.blob(), filename };
  }

  private send<T>(method: string, path: string, body: unknown): Promise<T> {
    return this.request(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('maturity');
    return this.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    return this.json<T>(await this.fetch(path, init));
  }
}
