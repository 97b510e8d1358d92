/**
 * What one entity is reminded of: one campaign, one reason, one period
 * ('' for once per campaign, or the ISO week of a weekly repeat).
 */
export interface ReminderItem {
  campaignId: string;
  reason: string;
  period: string;
  entityRef: string;
}

/**
 * An item's key within its campaign, as {@link ReminderStore.recordedItems}
 * answers it: the job tests what is due against the recorded ones with it.
 */
export function itemKey(item: Omit<ReminderItem, 'campaignId'>): string {
  return `${item.reason}|${item.period}|${item.entityRef}`;
}

/** One reminder notification: an owner, a reason, and what it is about. */
export interface Digest {
  id: string;
  ownerRef: string;
  reason: string;
  campaignIds: string[];
  /** By ref. */
  entityRefs: string[];
  createdAt: string;
  /** Failed sends so far. */
  attempts: number;
}

/**
 * Reminders as digests, sent at least once and recorded once: a run claims a
 * digest (its items, keyed so that no other run can claim them, and a lease
 * on sending it), sends it, then marks it sent. A run that stops between the
 * claim and the mark leaves it leased; once the lease ends, any run sends it.
 */
export interface ReminderStore {
  /** The items of a campaign recorded so far, by {@link itemKey}. */
  recordedItems(campaignId: string): Promise<Set<string>>;
  /**
   * Claims a new digest of an owner and reason with those of `items` that no
   * other run recorded first, leased until `leaseUntil`.
   * @returns the digest with the items it got, or undefined if none
   */
  claim(
    digest: { ownerRef: string; reason: string },
    items: ReminderItem[],
    now: Date,
    leaseUntil: Date,
  ): Promise<Digest | undefined>;
  /**
   * Leases the digests that are neither sent nor leased any more (a run
   * stopped before sending them), oldest first: each to one run only.
   */
  leaseUnsent(now: Date, leaseUntil: Date): Promise<Digest[]>;
  /** Records a digest as sent. */
  markSent(id: string, now: Date): Promise<void>;
  /** Frees a digest whose sending failed, for the next run to try again. */
  release(id: string): Promise<void>;
}
