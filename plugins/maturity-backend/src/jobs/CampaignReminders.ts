import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Campaign,
  campaignPhase,
  daysLeft,
  isStale,
} from '@cnmm/backstage-plugin-maturity-common';
import type { ReminderReason, ReminderSettings } from '../config';
import {
  Digest,
  itemKey,
  ReminderItem,
  ReminderStore,
} from '../database/ReminderStore';
import { CampaignService } from '../services/CampaignService';
import { digestPayload } from './reminderText';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO 8601 week of a UTC day, as "2026-W47". */
export function isoWeek(date: Date | string): string {
  const day = new Date(
    typeof date === 'string' ? `${date.slice(0, 10)}T00:00:00Z` : date,
  );
  const utc = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
  );
  // The Thursday of the same week decides the year.
  const weekday = (new Date(utc).getUTCDay() + 6) % 7;
  const thursday = new Date(utc + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** An item due now, with the owner it goes to. */
type DueItem = ReminderItem & { ownerRef: string; reason: ReminderReason };

/** What one run did. */
export type ReminderRun = {
  /** The digests sent, each one notification. */
  sent: Digest[];
  /** Digests claimed but not sent: their sending failed, or time ran out. */
  unsent: number;
  /** Whether the run stopped at its time limit or timeout. */
  stopped: boolean;
};

/**
 * The reminder run: one digest per owner and reason, listing what is due in
 * every running campaign, sent through the notifications backend.
 *
 * - Each entity is reminded of a campaign's start, of a missing or stale
 *   assessment, and of each deadline mark once (`repeatWeekly`: missing and
 *   stale every week), recorded by item in the database, so no replica sends
 *   it twice.
 * - A digest is claimed (its items and a lease), sent, then marked sent. A
 *   run that stops in between, by a crash or at its time limit, leaves it to
 *   the next run once the lease ends: at least once. A digest's scope is its
 *   id, and the notifications backend keeps one notification per scope, so a
 *   digest sent again after a crash between send and mark is not a second
 *   notification.
 * - A run stops after `maxRunMs` (or when its task times out); what it had
 *   no time for is claimed or sent by the next run.
 * - The plugin cannot ask the permission policy what another user may see,
 *   so a digest names its entities only with `listEntities` (see
 *   `reminderText.ts`).
 */
export class CampaignReminders {
  constructor(
    private readonly deps: {
      service: CampaignService;
      store: ReminderStore;
      notifications: NotificationService;
      auth: AuthService;
      logger: LoggerService;
      settings: ReminderSettings;
      /** Milliseconds, for the run's time limit. */
      clock?: () => number;
    },
  ) {}

  async run(
    options: { now?: Date; signal?: AbortSignal } = {},
  ): Promise<ReminderRun> {
    const { settings, store, logger } = this.deps;
    const now = options.now ?? new Date();
    const clock = this.deps.clock ?? (() => performance.now());
    const stopAt = clock() + settings.maxRunMs;
    const timeIsUp = () => clock() >= stopAt || !!options.signal?.aborted;
    // A claim is this run's until the run's own limit: then it is free again.
    const leaseUntil = new Date(now.getTime() + settings.maxRunMs);
    const report: ReminderRun = { sent: [], unsent: 0, stopped: false };

    const campaigns = await this.deps.service.all();
    // First what earlier runs claimed and did not send.
    const claimed = await store.leaseUnsent(now, leaseUntil);
    if (!timeIsUp()) {
      for (const [key, items] of await this.dueItems(now, campaigns)) {
        if (timeIsUp()) break;
        const [ownerRef, reason] = key.split('\n');
        try {
          const digest = await store.claim(
            { ownerRef, reason },
            items,
            now,
            leaseUntil,
          );
          if (digest) claimed.push(digest);
        } catch (error) {
          // Nothing of a failed claim is kept (SQLite refuses a second
          // writer rather than wait): what is left waits for the next run.
          logger.warn(
            `Maturity campaign reminders: could not claim the reminders of ${ownerRef}, left for the next run: ${error}`,
          );
          break;
        }
      }
    }
    const byId = new Map(campaigns.map(c => [c.id, c]));
    for (const digest of claimed) {
      if (timeIsUp()) {
        report.stopped = true;
        report.unsent += 1;
        continue;
      }
      try {
        await this.deps.notifications.send({
          recipients: { type: 'entity', entityRef: digest.ownerRef },
          payload: digestPayload(digest, {
            campaigns: digest.campaignIds.flatMap(id => byId.get(id) ?? []),
            listEntities: settings.listEntities,
          }),
        });
      } catch (error) {
        // Freed, so that the next run tries again rather than never.
        await store.release(digest.id);
        report.unsent += 1;
        logger.warn(
          `Could not send the ${digest.reason} reminder to ${digest.ownerRef}: ${error}`,
        );
        continue;
      }
      await store.markSent(digest.id, now);
      report.sent.push(digest);
    }
    if (report.sent.length) {
      logger.info(`Sent ${report.sent.length} maturity campaign reminders`);
    }
    if (report.stopped) {
      logger.info(
        `Maturity campaign reminders: time is up (maturity.reminders.maxRunMinutes); ${report.unsent} left for the next run`,
      );
    }
    return report;
  }

  /**
   * Every item due now and not recorded yet, grouped by owner and reason
   * (`owner\nreason`), each group in key order so that runs claim alike.
   */
  private async dueItems(
    now: Date,
    campaigns: Campaign[],
  ): Promise<Map<string, DueItem[]>> {
    const { enabled, staleAfterDays, repeatWeekly } = this.deps.settings;
    // What is due is decided over every in-scope entity (the plugin's own
    // view); what a digest may name is decided in reminderText.ts.
    const options = {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
      visibility: { type: 'all' as const },
    };
    const repeat = repeatWeekly ? isoWeek(now) : '';
    const groups = new Map<string, DueItem[]>();
    for (const campaign of campaigns) {
      if (campaignPhase(campaign, now) !== 'running') continue;
      const recorded = await this.deps.store.recordedItems(campaign.id);
      const entities = await this.deps.service.evaluate(campaign, options);
      for (const { entityRef, ownerRef, evaluation } of entities) {
        if (!ownerRef) continue;
        for (const [reason, period] of reasons(campaign, evaluation, now, {
          staleAfterDays,
          repeat,
        })) {
          if (!enabled[reason]) continue;
          if (recorded.has(itemKey({ reason, period, entityRef }))) continue;
          const key = `${ownerRef}\n${reason}`;
          const group = groups.get(key) ?? [];
          group.push({
            campaignId: campaign.id,
            reason,
            period,
            entityRef,
            ownerRef,
          });
          groups.set(key, group);
        }
      }
    }
    const byKey = (a: DueItem, b: DueItem) =>
      [a.campaignId, a.period, a.entityRef].join('\n') <
      [b.campaignId, b.period, b.entityRef].join('\n')
        ? -1
        : 1;
    for (const items of groups.values()) items.sort(byKey);
    return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Why an in-scope entity is reminded now, each with its period. */
function reasons(
  campaign: Campaign,
  evaluation: { assessedAt: string | null; meets: boolean },
  now: Date,
  options: { staleAfterDays: number; repeat: string },
): Array<[ReminderReason, string]> {
  const due: Array<[ReminderReason, string]> = [];
  const left = daysLeft(campaign.deadline, now);
  // Joined in its first week: told it started; later, only what is due.
  if (-daysLeft(campaign.startsOn, now) < 7) due.push(['campaign-started', '']);
  if (evaluation.assessedAt === null) {
    due.push(['assessment-missing', options.repeat]);
  } else if (isStale(evaluation.assessedAt, now, options.staleAfterDays)) {
    due.push(['assessment-stale', options.repeat]);
  }
  if (!evaluation.meets) {
    if (left <= 3) due.push(['deadline-3-days', '']);
    else if (left <= 14) due.push(['deadline-14-days', '']);
  }
  return due;
}
