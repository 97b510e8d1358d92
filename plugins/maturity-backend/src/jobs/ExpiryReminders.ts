import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type { ExpiryReminderSettings } from '../config';
import type {
  ExpiredSummaries,
  ExpiringEntity,
} from '../database/AssessmentStore';
import type { ReminderItem, ReminderStore } from '../database/ReminderStore';
import {
  ATTESTATION_EXPIRY,
  ATTESTATION_ITEMS,
  digestPayload,
} from './reminderText';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

/**
 * Reminds owners of the topics about to expire (maturity.attestation,
 * maturity.exemptions): one digest per owner and run, listing the entities
 * whose first topic ends within `daysBefore` days. It reuses the campaign
 * reminders' digests (claimed, sent, marked; `ReminderStore`): each entity
 * is reminded once per coming end (the item's period is that day), whatever
 * the replica, and a digest left unsent is sent by the campaign reminder
 * task, which sends every unsent digest. Entities are read by ref in
 * batches; only the owners' items are kept until they are claimed.
 */
export class ExpiryReminders {
  constructor(
    private readonly deps: {
      summaries: Pick<ExpiredSummaries, 'expiringSummaries'>;
      store: ReminderStore;
      notifications: NotificationService;
      logger: LoggerService;
      settings: ExpiryReminderSettings;
      /** Entities named in each digest (maturity.reminders.listEntities). */
      listEntities: boolean;
      /** How long a claimed digest is this run's to send. */
      leaseMs: number;
    },
  ) {}

  async run(now: Date = new Date()): Promise<{ sent: number }> {
    const { settings, store, logger } = this.deps;
    if (!settings.enabled) return { sent: 0 };
    const byOwner = await this.dueByOwner(now);
    const leaseUntil = new Date(now.getTime() + this.deps.leaseMs);
    let sent = 0;
    for (const [ownerRef, items] of byOwner) {
      const digest = await store.claim(
        { ownerRef, reason: ATTESTATION_EXPIRY },
        items,
        now,
        leaseUntil,
      );
      if (!digest) continue;
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: ownerRef },
          payload: digestPayload(digest, {
            campaigns: [],
            listEntities: this.deps.listEntities,
            daysBefore: settings.daysBefore,
          }),
        });
      } catch (error) {
        await store.release(digest.id);
        logger.warn(
          `Could not send the ${ATTESTATION_EXPIRY} reminder to ${ownerRef}: ${error}`,
        );
        continue;
      }
      await store.markSent(digest.id, now);
      sent += 1;
    }
    if (sent) logger.info(`Sent ${sent} maturity attestation expiry reminders`);
    return { sent };
  }

  /** Each owner's items, one per entity and coming end, in owner order. */
  private async dueByOwner(now: Date): Promise<Map<string, ReminderItem[]>> {
    const window = {
      from: now,
      to: new Date(now.getTime() + this.deps.settings.daysBefore * DAY_MS),
    };
    const byOwner = new Map<string, ReminderItem[]>();
    let after = '';
    for (;;) {
      const batch: ExpiringEntity[] =
        await this.deps.summaries.expiringSummaries(window, after, BATCH);
      for (const entity of batch) {
        const items = byOwner.get(entity.ownerRef) ?? [];
        items.push({
          campaignId: ATTESTATION_ITEMS,
          reason: ATTESTATION_EXPIRY,
          period: entity.validUntil.slice(0, 10),
          entityRef: entity.entityRef,
        });
        byOwner.set(entity.ownerRef, items);
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].entityRef;
    }
    return new Map([...byOwner].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
