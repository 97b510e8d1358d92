import type {
  Campaign,
  CampaignInput,
  TopicMap,
  TopicRatings,
} from '@cnmm/backstage-plugin-maturity-common';

/** One snapshot's ratings, enough to score it against campaign goals. */
export interface SnapshotRatings {
  entityRef: string;
  revision: number;
  createdAt: string;
  ratings: TopicMap<TopicRatings>;
}

/** Storage of campaigns with their full edit history. */
export interface CampaignStore {
  create(input: CampaignInput, createdBy: string): Promise<Campaign>;
  /**
   * Stores a new version if `baseVersion` is the current one; otherwise
   * throws a ConflictError and stores nothing.
   */
  update(
    id: string,
    input: CampaignInput,
    options: { baseVersion: number; updatedBy: string },
  ): Promise<Campaign>;
  /** The current version, or undefined. */
  get(id: string): Promise<Campaign | undefined>;
  /** Every campaign at its current version, oldest first. */
  list(): Promise<Campaign[]>;
  /** Every version of a campaign, newest first. */
  versions(id: string): Promise<Campaign[]>;
  /** Snapshots of these entities made before `until`, oldest first. */
  snapshotHistory(
    entityRefs: string[],
    until: Date,
  ): Promise<Map<string, SnapshotRatings[]>>;
}
