import type { Campaign } from './schema';
import type { CampaignPhase, GoalEvaluation } from './goals';

/** How many entities meet every goal. @public */
export interface CampaignCount {
  total: number;
  meeting: number;
}

/** A campaign with where it stands in time. @public */
export interface CampaignWithPhase extends Campaign {
  phase: CampaignPhase;
  daysLeft: number;
}

/** A campaign with where it stands now, as listed. @public */
export interface CampaignSummary extends CampaignWithPhase {
  /** Over the entities in scope that the caller can see. */
  progress: CampaignCount;
}

/** One in-scope entity and what it still misses. @public */
export interface CampaignEntityRow extends GoalEvaluation {
  entityRef: string;
  title: string | null;
  ownerRef: string | null;
}

/** `GET /campaigns/{id}/progress`. @public */
export interface CampaignProgress extends CampaignCount {
  campaign: CampaignSummary;
  /** Per goal id, how many entities meet that goal. */
  byGoal: Array<{ goal: string } & CampaignCount>;
  /** Per owning team (direct owner). */
  byTeam: Array<{ ownerRef: string | null } & CampaignCount>;
  /** One point per day from the start to today or the deadline. */
  burnup: Array<{ date: string } & CampaignCount>;
  /** Entities ordered short first, then by ref; paged like the overview. */
  entities: {
    items: CampaignEntityRow[];
    totalCount: number;
    nextCursor: string | null;
  };
}

/** One campaign an entity is part of, for its Maturity tab. @public */
export interface EntityCampaign {
  /**
   * Without the count over its whole scope, which an entity's page does not
   * need and would have to evaluate: `GET /campaigns/{id}` has it.
   */
  campaign: CampaignWithPhase;
  /** For a component: its own evaluation. */
  evaluation: GoalEvaluation | null;
  /** For a group: its (and its teams') entities in the campaign. */
  team: CampaignCount | null;
}

/** `GET /entities/{kind}/{namespace}/{name}/campaigns`. @public */
export interface EntityCampaigns {
  items: EntityCampaign[];
}

/** A campaign's edit history, newest first. */
export interface CampaignVersions {
  items: Campaign[];
}
