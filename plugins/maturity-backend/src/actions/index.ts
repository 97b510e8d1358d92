import type { ActionDeps } from './types';
import { registerCampaignActions } from './campaignActions';
import { registerEntityActions } from './entityActions';
import { registerRecordAssessment } from './recordAssessment';
import { ActionsRegistryService, buildingSchemasOnce } from './registry';
import { registerScorecardActions } from './scorecardActions';

export type { ActionDeps };

/**
 * Registers the maturity actions (`maturity:<name>`) in the actions
 * registry, from where MCP clients and templates call them.
 */
export function registerMaturityActions(
  target: ActionsRegistryService,
  deps: ActionDeps,
): void {
  const registry = buildingSchemasOnce(target);
  registerEntityActions(registry, deps);
  registerScorecardActions(registry, deps);
  registerCampaignActions(registry, deps);
  registerRecordAssessment(registry, deps);
}
