import type {
  Campaign,
  CampaignInput,
} from '@cnmm/backstage-plugin-maturity-common';
import type { LevelPositions } from './encodedLevels';
import type { LevelsSpan } from './historyReads';

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
  /**
   * The summaries of these entities (of the entity holding each ref now)
   * made before `until` and not replaced before `from`, each handed to
   * `visit` in no order, in one span object that is `visit`'s only until it
   * returns; their levels (those at the positions `only` names, when
   * given; the others null) and times only, never a snapshot. The refs are
   * distinct (a scope's): a whole organisation's are not checked again.
   */
  eachSummary(
    entityRefs: string[],
    window: { from: Date; until: Date },
    visit: (span: LevelsSpan) => void,
    only?: LevelPositions,
  ): Promise<void>;
  /**
   * When the entity holding each of these refs took it over from an earlier
   * one (epoch milliseconds); a ref never reused is absent. It may hold
   * other refs too: for more refs than a statement binds, it holds every
   * ref reused (few: a row a ref taken over), as read in one statement.
   */
  generationStarts(entityRefs: string[]): Promise<Map<string, number>>;
}
