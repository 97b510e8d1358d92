import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import express from 'express';
import { AssessmentService } from '../services/AssessmentService';
import { AssessmentWriter } from '../services/AssessmentWriter';
import { CampaignService } from '../services/CampaignService';
import { ChangesService } from '../services/ChangesService';
import { EntityLookup } from '../services/EntityLookup';
import { EvidenceService } from '../services/EvidenceService';
import { OverviewService } from '../services/OverviewService';
import { ScorecardService } from '../services/ScorecardService';
import { assessmentRoutes } from './assessmentRoutes';
import { campaignRoutes } from './campaignRoutes';
import { changesRoutes } from './changesRoutes';
import { evidenceRoutes } from './evidenceRoutes';
import { overviewRoutes } from './overviewRoutes';
import { RefusalSampler } from './refusalAudit';
import { createCallerReader } from './request';
import { mountRoutes, Route } from './routes';
import { scorecardRoutes } from './scorecardRoutes';

/** What the HTTP API calls: the platform's services and the plugin's own. */
export type RouterDeps = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  model: MaturityModel;
  entities: EntityLookup;
  assessments: AssessmentService;
  scorecards: ScorecardService;
  overview: OverviewService;
  changes: ChangesService;
  campaigns: CampaignService;
  evidence: EvidenceService;
  /** The write path of snapshots, shared with the assistant actions. */
  writer: AssessmentWriter;
};

/** Every route of the API, in the order they are matched. */
export function createRoutes(deps: RouterDeps): Route[] {
  const readCaller = createCallerReader(deps);
  return [
    ...overviewRoutes({ ...deps, readCaller }),
    ...changesRoutes({ ...deps, readCaller }),
    ...assessmentRoutes({ ...deps, refusals: new RefusalSampler() }),
    ...evidenceRoutes(deps),
    ...scorecardRoutes({ ...deps, readCaller }),
    ...campaignRoutes({ ...deps, readCaller }),
  ];
}

/** The HTTP API of the maturity plugin, mounted under /api/maturity. */
export function createRouter(deps: RouterDeps): express.Router {
  return mountRoutes(createRoutes(deps));
}
