import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunks } from '../util/chunks';
import { toIso } from './mappers';
import { Digest, itemKey, ReminderItem, ReminderStore } from './ReminderStore';
import { DIGESTS, DigestRow, REMINDER_ITEMS, ReminderItemRow } from './tables';

type ItemOf = Pick<ReminderItemRow, 'digest_id' | 'campaign_id' | 'entity_ref'>;

/** The knex implementation of {@link ReminderStore}. */
export class DatabaseReminderStore implements ReminderStore {
  constructor(private readonly knex: Knex) {}

  async recordedItems(campaignId: string): Promise<Set<string>> {
    const rows: Array<
      Pick<ReminderItemRow, 'reason' | 'period' | 'entity_ref'>
    > = await this.knex(REMINDER_ITEMS)
      .select('reason', 'period', 'entity_ref')
      .where({ campaign_id: campaignId });
    return new Set(
      rows.map(r =>
        itemKey({
          reason: r.reason,
          period: r.period,
          entityRef: r.entity_ref,
        }),
      ),
    );
  }

  async claim(
    digest: { ownerRef: string; reason: string },
    items: ReminderItem[],
    now: Date,
    leaseUntil: Date,
  ): Promise<Digest | undefined> {
    const row: DigestRow = {
      id: randomUUID(),
      owner_ref: digest.ownerRef,
      reason: digest.reason,
      created_at: now,
      lease_until: leaseUntil,
      sent_at: null,
      attempts: 0,
    };
    // One transaction, so that a digest is whole: of two runs claiming the
    // same items, the second waits for the first and gets none of them.
    return this.knex.transaction(async tx => {
      await tx(DIGESTS).insert(row);
      for (const batch of chunks(items, 100)) {
        await tx(REMINDER_ITEMS)
          .insert(
            batch.map(i => ({
              campaign_id: i.campaignId,
              reason: i.reason,
              period: i.period,
              entity_ref: i.entityRef,
              digest_id: row.id,
              created_at: now,
            })),
          )
          .onConflict(['campaign_id', 'reason', 'period', 'entity_ref'])
          .ignore();
      }
      const [claimed] = await this.withItems([row], tx);
      if (!claimed) await tx(DIGESTS).where({ id: row.id }).delete();
      return claimed;
    });
  }

  async leaseUnsent(now: Date, leaseUntil: Date): Promise<Digest[]> {
    const free = (query: Knex.QueryBuilder) =>
      query
        .whereNull('sent_at')
        .where(q =>
          q.whereNull('lease_until').orWhere('lease_until', '<=', now),
        );
    const rows: DigestRow[] = await free(this.knex(DIGESTS).select()).orderBy([
      { column: 'created_at' },
      { column: 'id' },
    ]);
    const leased: DigestRow[] = [];
    for (const row of rows) {
      // Compare and set: of two runs that read it free, one leases it.
      const taken = await free(this.knex(DIGESTS).where({ id: row.id })).update(
        { lease_until: leaseUntil },
      );
      if (taken) leased.push(row);
    }
    return this.withItems(leased, this.knex);
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.knex(DIGESTS)
      .where({ id })
      .update({ sent_at: now, lease_until: null });
  }

  async release(id: string): Promise<void> {
    await this.knex(DIGESTS)
      .where({ id })
      .whereNull('sent_at')
      .update({
        lease_until: null,
        attempts: this.knex.raw('?? + 1', ['attempts']),
      });
  }

  /** The digests with what their items say, leaving out those with none. */
  private async withItems(rows: DigestRow[], knex: Knex): Promise<Digest[]> {
    const byDigest = new Map<string, ItemOf[]>();
    for (const batch of chunks(rows.map(r => r.id))) {
      const items: ItemOf[] = await knex(REMINDER_ITEMS)
        .select('digest_id', 'campaign_id', 'entity_ref')
        .whereIn('digest_id', batch);
      for (const item of items) {
        const list = byDigest.get(item.digest_id!) ?? [];
        list.push(item);
        byDigest.set(item.digest_id!, list);
      }
    }
    return rows.flatMap(row => {
      const own = byDigest.get(row.id) ?? [];
      if (!own.length) return [];
      return [
        {
          id: row.id,
          ownerRef: row.owner_ref,
          reason: row.reason,
          campaignIds: [...new Set(own.map(i => i.campaign_id))].sort(),
          entityRefs: [...new Set(own.map(i => i.entity_ref))].sort(),
          createdAt: toIso(row.created_at),
          attempts: Number(row.attempts),
        },
      ];
    });
  }
}
