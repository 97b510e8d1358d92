import { PermissionsService } from '@backstage/backend-plugin-api';
import { MaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { AssessmentService } from '../services/AssessmentService';
import { AssessmentWriter } from '../services/AssessmentWriter';
import { BelowTarget } from '../services/BelowTarget';
import { CampaignService } from '../services/CampaignService';
import { EntityLookup } from '../services/EntityLookup';
import { ScorecardService } from '../services/ScorecardService';

/** What the actions call: the services the HTTP routes call. */
export type ActionDeps = {
  permissions: PermissionsService;
  model: MaturityModel;
  entities: EntityLookup;
  assessments: AssessmentService;
  scorecards: ScorecardService;
  belowTarget: BelowTarget;
  campaigns: CampaignService;
  writer: AssessmentWriter;
};
